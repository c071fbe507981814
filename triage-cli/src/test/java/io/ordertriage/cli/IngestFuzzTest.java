package io.ordertriage.cli;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.ordertriage.cli.io.InputException;
import io.ordertriage.cli.io.Mapping;
import io.ordertriage.cli.io.OrderReader;
import io.ordertriage.cli.io.Reject;
import io.ordertriage.cli.io.SourceOrder;
import io.ordertriage.cli.io.TextInput;
import io.ordertriage.cli.io.Values;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Issue 10, "guard it for good": a coverage-guided fuzz test (Jazzer) of the ingest, whose property is the
 * contract of docs/cli.md, "What happens to broken input" (rulebook §9):
 * <ol>
 * <li>no exception but the input errors ({@link InputException}: exit 3, or 2): never an internal error;</li>
 * <li>every order id that a plain CSV reader (Commons CSV, RFC 4180, first record the header) sees in the
 *     input is in the results or in the rejects: for every record it maps to an order id, either that id was
 *     classified, or a reject names it as its order or in its reason (a broken row whose order cannot be told is
 *     rejected with no order id, quoting what its order_id column holds), or a reject's lines cover the record's
 *     first physical line;</li>
 * <li>counts reconcile: each order is passed on once, classified or rejected, never both and never twice
 *     (orders read = classified + rejected, as the summary counts them), and every reject says why.</li>
 * </ol>
 *
 * <p>The input is the whole file, bytes as they are: the fuzzer mutates the seeds in
 * {@code src/test/resources/io/ordertriage/cli/IngestFuzzTestInputs/ingest/} (a canonical export and one file for
 * each class of the issue). Under plain {@code mvn verify} Jazzer runs in regression mode: it replays those files
 * and nothing else. To fuzz (a few minutes, by hand; docs/cli.md):
 * {@code JAZZER_FUZZ=1 mvn -pl triage-cli test -Dtest=IngestFuzzTest -Djazzer.max_duration=5m}.
 *
 * <p>It drives the reader stage as {@code classify} does ({@link RunOptions#readAll}: streaming, then grouped when
 * an order's rows are not contiguous), without the rules engine, so that an input takes well under a millisecond.
 */
class IngestFuzzTest {
    private static final Mapping MAPPING;
    private static final Path FILE;

    static {
        try {
            MAPPING = Mapping.load("canonical");
            FILE = Files.createTempFile("ingest-fuzz", ".csv");
            FILE.toFile().deleteOnExit();
        } catch (Exception e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** What the reader passed on. */
    private static final class Collected implements OrderReader.Sink {
        final List<SourceOrder> orders = new ArrayList<>();
        final List<List<Reject>> rejected = new ArrayList<>();

        @Override
        public void order(SourceOrder order) {
            orders.add(order);
        }

        @Override
        public void rejected(List<Reject> problems) {
            rejected.add(List.copyOf(problems));
        }
    }

    @FuzzTest(maxDuration = "4m")
    void ingest(byte[] data) throws IOException {
        Files.write(FILE, data);
        Collected seen = new Collected();
        TextInput input;
        try {
            // as RunOptions.setup and readAll: open, learn the header, read (again, grouped, when not contiguous)
            input = TextInput.open(FILE, "in.csv", null, null, MAPPING.encoding(), null);
            OrderReader.header(input);
            OrderReader reader = new OrderReader(MAPPING, new Values(ZoneOffset.UTC, MAPPING.dateFormats()));
            try {
                reader.read(input, false, seen, bytes -> { });
            } catch (OrderReader.NotContiguousException e) {
                seen = new Collected();
                try {
                    reader.read(input, true, seen, bytes -> { });
                } catch (OrderReader.NotContiguousException impossible) {
                    throw new AssertionError("not contiguous when reading grouped", impossible);
                }
            }
        } catch (InputException e) {
            return; // a clear error about the input (exit 3): allowed
        }
        checkPassedOnOnce(seen);
        checkNoOrderLost(data, input, seen);
    }

    /** Each order passed on once: classified or rejected, never both, never twice; every reject says why. */
    private static void checkPassedOnOnce(Collected seen) {
        Map<String, String> where = new HashMap<>();
        for (SourceOrder o : seen.orders) {
            String id = o.order().orderId();
            check(id != null && !id.isEmpty(), "an order classified without an id", seen);
            check(where.put(id, "classified") == null, "order \"" + id + "\" classified twice", seen);
        }
        for (List<Reject> group : seen.rejected) {
            check(!group.isEmpty(), "a reject without a reason", seen);
            String id = group.get(0).orderId();
            for (Reject r : group) {
                check(r.orderId().equals(id), "one reject naming two orders: " + group, seen);
                check(!r.reason().isEmpty() && !r.lines().isEmpty(), "a reject without its lines or reason: " + r, seen);
            }
            if (!id.isEmpty()) {
                String before = where.put(id, "rejected");
                check(before == null, "order \"" + id + "\" " + before + " and rejected too", seen);
            }
        }
    }

    /**
     * Every record a plain Commons CSV parse of the same text maps to an order id is accounted for: its id is
     * classified, or a reject names it (as its order or in its reason), or a reject covers the record's first line.
     */
    private static void checkNoOrderLost(byte[] data, TextInput input, Collected seen) {
        Set<String> classified = new HashSet<>();
        seen.orders.forEach(o -> classified.add(o.order().orderId()));
        Set<String> rejectedIds = new HashSet<>();
        List<String> reasons = new ArrayList<>();
        List<int[]> covered = new ArrayList<>();
        for (List<Reject> group : seen.rejected) {
            for (Reject r : group) {
                rejectedIds.add(r.orderId());
                reasons.add(r.reason());
                covered.addAll(ranges(r.lines()));
            }
        }
        String text = decode(data, input.charset());
        int[] lineStarts = lineStarts(text);
        CSVFormat plain = CSVFormat.RFC4180.builder().setDelimiter(input.delimiter()).get();
        try (CSVParser parser = CSVParser.parse(text, plain)) {
            int idColumn = -1;
            List<String> header = null;
            for (CSVRecord record : parser) {
                if (header == null) {
                    header = cleanedLower(record);
                    idColumn = idColumn(header);
                    if (idColumn < 0) {
                        return; // the reader refused such a file, or found order_id where a plain reader does not
                    }
                    continue;
                }
                if (idColumn >= record.size()) {
                    continue;
                }
                String id = clean(record.get(idColumn));
                if (id.isEmpty() || cleanedLower(record).equals(header)) {
                    continue; // no id, or the header repeated, which is skipped (documented)
                }
                int line = lineOf(lineStarts, record.getCharacterPosition());
                boolean accounted = classified.contains(id) || rejectedIds.contains(id)
                        || covered.stream().anyMatch(r -> r[0] <= line && line <= r[1])
                        || reasons.stream().anyMatch(reason -> reason.contains("\"" + id + "\""));
                check(accounted, "order \"" + id + "\" (line " + line + ") is in neither the results nor the rejects", seen);
            }
        } catch (IOException | UncheckedIOException | IllegalStateException e) {
            // the plain parse gives up here (a quote never closed, text after a closing quote): the records
            // before are what it saw
        }
    }

    /** The column the canonical mapping reads order_id from, with the header cleaned as the reader does. */
    private static int idColumn(List<String> header) {
        for (String name : MAPPING.fields().getOrDefault("order_id", List.of())) {
            int i = header.indexOf(name.strip().toLowerCase(Locale.ROOT));
            if (i >= 0) {
                return i;
            }
        }
        return -1;
    }

    private static List<String> cleanedLower(CSVRecord record) {
        List<String> out = new ArrayList<>(record.size());
        record.forEach(v -> out.add(clean(v).toLowerCase(Locale.ROOT)));
        return out;
    }

    /** A value as the contract reads it: invisible format characters removed, surrounding white space too. */
    private static String clean(String s) {
        StringBuilder b = new StringBuilder(s.length());
        s.codePoints().filter(cp -> Character.getType(cp) != Character.FORMAT).forEach(b::appendCodePoint);
        return b.toString().strip();
    }

    /** The text the reader reads: after a byte order mark of its encoding, a cut last character as U+FFFD. */
    private static String decode(byte[] data, Charset cs) {
        int skip = 0;
        if (cs.equals(StandardCharsets.UTF_8) && startsWith(data, 0xEF, 0xBB, 0xBF)) {
            skip = 3;
        } else if (cs.equals(StandardCharsets.UTF_16LE) && startsWith(data, 0xFF, 0xFE)
                || cs.equals(StandardCharsets.UTF_16BE) && startsWith(data, 0xFE, 0xFF)) {
            skip = 2;
        }
        try {
            return cs.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE)
                    .decode(ByteBuffer.wrap(data, skip, data.length - skip)).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new AssertionError(e);
        }
    }

    private static boolean startsWith(byte[] b, int... prefix) {
        if (b.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((b[i] & 0xFF) != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    /** Where each physical line starts; CR, LF and CRLF end a line, as for the reader. */
    private static int[] lineStarts(String text) {
        int[] starts = new int[16];
        int n = 0;
        starts[n++] = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                if (n == starts.length) {
                    starts = Arrays.copyOf(starts, n * 2);
                }
                starts[n++] = i + 1;
            }
        }
        return Arrays.copyOf(starts, n);
    }

    /** The 1-based line of a character position. */
    private static int lineOf(int[] lineStarts, long position) {
        int i = Arrays.binarySearch(lineStarts, (int) position);
        return (i >= 0 ? i : -i - 2) + 1;
    }

    /** {@code "3-5, 9"} as {@code [3,5], [9,9]}. */
    private static List<int[]> ranges(String lines) {
        List<int[]> out = new ArrayList<>();
        for (String part : lines.split(",")) {
            String p = part.strip();
            if (p.isEmpty()) {
                continue;
            }
            int dash = p.indexOf('-');
            try {
                out.add(dash < 0 ? new int[]{Integer.parseInt(p), Integer.parseInt(p)}
                        : new int[]{Integer.parseInt(p.substring(0, dash)), Integer.parseInt(p.substring(dash + 1))});
            } catch (NumberFormatException e) {
                throw new AssertionError("a reject's lines are not line numbers: \"" + lines + "\"");
            }
        }
        return out;
    }

    private static void check(boolean ok, String what, Collected seen) {
        if (!ok) {
            StringBuilder b = new StringBuilder(what).append("\nclassified: ");
            seen.orders.forEach(o -> b.append(o.order().orderId()).append(" (").append(o.lines()).append(") "));
            b.append("\nrejected:");
            seen.rejected.forEach(g -> g.forEach(r -> b.append("\n  ").append(r.describe("in.csv"))));
            throw new AssertionError(b.toString());
        }
    }
}
