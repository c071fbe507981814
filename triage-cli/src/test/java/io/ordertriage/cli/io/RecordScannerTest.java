package io.ordertriage.cli.io;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link RecordScanner} against Commons CSV itself on random text made of the characters that matter
 * (quotes, delimiters, CR, LF): where no quoted value runs away, Commons CSV reads through the scanner
 * exactly the records it reads from the text, and each record's span has the physical lines it starts
 * and ends on; where one does, there is still one span per record, in order, and reading goes on.
 */
class RecordScannerTest {
    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setDelimiter(',').setIgnoreEmptyLines(true)
            .setTrailingData(true).setLenientEof(true).get();
    private static final char[] ALPHABET = {'a', 'b', ',', ',', '"', '"', '\n', '\n', '\r', ' ', '\t'};

    @Test
    void readsWhatCommonsCsvReadsWithPhysicalLines() throws IOException {
        Random random = new Random(20260310);
        int compared = 0;
        for (int i = 0; i < 10_000; i++) {
            String text = randomText(random, 1 + random.nextInt(60));
            // small blocks, given a few characters at a time: records and CR LF cross the blocks' ends
            RecordScanner scanner = new RecordScanner(new Trickle(text, 1 + random.nextInt(5)), ',', 1 + random.nextInt(8));
            List<List<String>> through = new ArrayList<>();
            List<RecordScanner.Span> spans = new ArrayList<>();
            try (CSVParser p = CSVParser.parse(scanner, FORMAT)) {
                for (CSVRecord r : p) {
                    through.add(r.toList());
                    RecordScanner.Span span = scanner.nextSpan();
                    assertThat(span).as("a span for every record of %s", show(text)).isNotNull();
                    spans.add(span);
                }
            }
            assertThat(scanner.nextSpan()).as("no span left over for %s", show(text)).isNull();
            for (int k = 1; k < spans.size(); k++) {
                assertThat(spans.get(k).firstLine()).as("spans in order for %s", show(text))
                        .isGreaterThan(spans.get(k - 1).lastLine());
            }
            if (scanner.runaways() > 0) {
                continue;
            }
            compared++;
            List<List<String>> direct = new ArrayList<>();
            List<int[]> lines = new ArrayList<>();
            try (CSVParser p = CSVParser.parse(new StringReader(text), FORMAT)) {
                for (CSVRecord r : p) {
                    direct.add(r.toList());
                    // the position is taken before the empty lines that Commons CSV skips
                    int start = (int) r.getCharacterPosition();
                    while (start < text.length() && (text.charAt(start) == '\n' || text.charAt(start) == '\r')) {
                        start++;
                    }
                    int first = 1 + breaks(text.substring(0, start));
                    int inside = r.toList().stream().mapToInt(RecordScannerTest::breaks).sum();
                    lines.add(new int[]{first, first + inside});
                }
            }
            assertThat(through).as("records of %s", show(text)).isEqualTo(direct);
            for (int k = 0; k < spans.size(); k++) {
                assertThat(new int[]{spans.get(k).firstLine(), spans.get(k).lastLine()})
                        .as("lines of record %d of %s", k, show(text)).isEqualTo(lines.get(k));
                assertThat(spans.get(k).problem()).isNull();
            }
        }
        assertThat(compared).as("inputs without a runaway quote").isGreaterThan(2_500);
    }

    @Test
    void aQuoteNeverClosedIsCutAtTheEndOfItsLine() throws IOException {
        String text = "id,sku\nA,\"milk\nB,bread\nC,\"tea\"\n";
        RecordScanner scanner = new RecordScanner(new StringReader(text), ',');
        List<String> read = new ArrayList<>();
        List<RecordScanner.Span> spans = new ArrayList<>();
        try (CSVParser p = CSVParser.parse(scanner, FORMAT)) {
            for (CSVRecord r : p) {
                read.add(String.join("|", r.toList()));
                spans.add(scanner.nextSpan());
            }
        }
        assertThat(read).containsExactly("id|sku", "A|milk", "B|bread", "C|tea");
        assertThat(spans.get(1)).isEqualTo(new RecordScanner.Span(2, 2, "a quote opened on line 2 is not closed: the next "
                + "quote, on line 4, has more text after it, so it opens another value; the row is read as ending on line 2 "
                + "and reading goes on at line 3", 1));
        assertThat(spans.get(3)).isEqualTo(new RecordScanner.Span(4, 4, null, -1));
    }

    @Test
    void spacesAfterTheClosingQuoteOfAValueOverSeveralLinesAreNotAnotherValue() throws IOException {
        String text = "id,note,sku\nA,\"two\nlines\" \t,MILK\nB,\"x\ny\"z,TEA\nC,c,JAM\n";
        RecordScanner scanner = new RecordScanner(new StringReader(text), ',');
        List<String> read = new ArrayList<>();
        try (CSVParser p = CSVParser.parse(scanner, FORMAT)) {
            for (CSVRecord r : p) {
                read.add(String.join("|", r.toList()));
            }
        }
        // A's value is kept (with the spaces, as Commons CSV keeps trailing data); B's closing quote has text after it
        assertThat(read).containsExactly("id|note|sku", "A|two\nlines \t|MILK", "B|x", "y\"z|TEA", "C|c|JAM");
        assertThat(scanner.runaways()).isEqualTo(1);
        assertThat(scanner.runawayLines()).isEqualTo("4");
    }

    @Test
    void aLongQuotedValueOverManyBlocksIsKept() throws IOException {
        String cell = "x".repeat(200_000) + "\n" + "y".repeat(200_000);
        String text = "id,note\r\nA,\"" + cell + "\"\r\nB,b\r\n";
        RecordScanner scanner = new RecordScanner(new StringReader(text), ',');
        List<List<String>> read = new ArrayList<>();
        try (CSVParser p = CSVParser.parse(scanner, FORMAT)) {
            for (CSVRecord r : p) {
                read.add(r.toList());
            }
        }
        assertThat(read).containsExactly(List.of("id", "note"), List.of("A", cell), List.of("B", "b"));
        assertThat(scanner.nextSpan()).isEqualTo(new RecordScanner.Span(1, 1, null, -1));
        assertThat(scanner.nextSpan()).isEqualTo(new RecordScanner.Span(2, 3, null, -1));
        assertThat(scanner.nextSpan()).isEqualTo(new RecordScanner.Span(4, 4, null, -1));
    }

    /** A reader that gives at most {@code step} characters a call. */
    private static final class Trickle extends java.io.Reader {
        private final String text;
        private final int step;
        private int at;

        Trickle(String text, int step) {
            this.text = text;
            this.step = step;
        }

        @Override
        public int read(char[] cbuf, int off, int len) {
            if (at == text.length()) {
                return -1;
            }
            int n = Math.min(Math.min(len, step), text.length() - at);
            text.getChars(at, at + n, cbuf, off);
            at += n;
            return n;
        }

        @Override
        public void close() {
        }
    }

    private static String randomText(Random random, int length) {
        StringBuilder b = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            b.append(ALPHABET[random.nextInt(ALPHABET.length)]);
        }
        return b.toString();
    }

    /** Line breaks as Commons CSV counts them: CR LF, CR and LF each one. */
    private static int breaks(String s) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\n' || c == '\r' && (i + 1 == s.length() || s.charAt(i + 1) != '\n')) {
                n++;
            }
        }
        return n;
    }

    private static String show(String s) {
        return "\"" + s.replace("\r", "\\r").replace("\n", "\\n") + "\"";
    }
}
