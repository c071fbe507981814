package io.ordertriage.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static io.ordertriage.cli.Cli.run;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 10, the structure of the input (rulebook §9): a row whose field count is wrong, a quote never
 * closed, byte order marks and a header inside the file, a file cut in the middle of a character. Each
 * is one line of CSV away from a good export; each gives rejects that name the lines and say why, the
 * counts reconcile, the exit code is 0, and every other order is classified exactly as in the same file
 * without the broken row.
 */
class HostileInputTest {
    private static final String AS_OF = "2026-03-10T12:00:00Z";

    @TempDir
    Path dir;

    /** One run: exit code 0, the summary's counts, the rejects file without its header, the JSON Lines results. */
    private record Run(Cli.Result result, List<String> rejects) {
        /** The result lines of the orders other than {@code except}. */
        Set<String> resultsExcept(String... except) {
            Set<String> skip = Set.of(except);
            return result.out().lines().filter(l -> skip.stream().noneMatch(id -> l.startsWith("{\"orderId\":\"" + id + "\"")))
                    .collect(Collectors.toSet());
        }
    }

    private Run classify(byte[] csv, int read, int classified, int rejected) throws IOException {
        Path in = Files.write(dir.resolve("in-" + System.nanoTime() + ".csv"), csv);
        Path rej = dir.resolve("rejects-" + System.nanoTime() + ".csv");
        Cli.Result r = run("classify", in.toString(), "--as-of", AS_OF, "--zone", "UTC", "--all", "--format", "jsonl",
                "--no-progress", "--rejects", rej.toString()).expectExit(0);
        assertThat(r.err()).contains(read + " orders read: " + classified + " classified, " + rejected + " rejected");
        assertThat(r.out().lines().count()).as("results written").isEqualTo(classified);
        List<String> lines = Files.readAllLines(rej);
        return new Run(r, lines.subList(1, lines.size()));
    }

    private Run classify(String csv, int read, int classified, int rejected) throws IOException {
        return classify(csv.getBytes(StandardCharsets.UTF_8), read, classified, rejected);
    }

    /** {@code csv} without its physical lines {@code lines} (1-based). */
    private static String without(String csv, int... lines) {
        List<String> all = csv.lines().toList();
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < all.size(); i++) {
            int line = i + 1;
            if (Arrays.stream(lines).noneMatch(l -> l == line)) {
                b.append(all.get(i)).append('\n');
            }
        }
        return b.toString();
    }

    // ---- item 2: a row whose field count is wrong ----------------------------------------------------

    private static final String SKU_FIRST = "sku,order_id,created_at,order_status,payment_status,qty,unit_price\n";

    private static String row(String sku, String id, String status) {
        return sku + "," + id + ",2026-03-10T11:00:00Z," + status + ",PAID,1,10\n";
    }

    @Test
    void anExtraCommaBeforeTheOrderIdRejectsTheOrderWhoseIdTheRowHolds() throws IOException {
        // "Milk 1,5L" unquoted: the order_id column reads "5L", but the row holds SO-1, the order before it
        String csv = SKU_FIRST + row("MILK", "SO-1", "NEW") + row("Milk 1,5L", "SO-1", "NEW") + row("BREAD", "SO-2", "CONFIRMED")
                + row("TEA", "SO-3", "NEW");
        Run broken = classify(csv, 3, 2, 1);
        assertThat(broken.rejects()).containsExactly(
                "\"3\",\"SO-1\",,,\"row has 8 fields but the header has 7; is a delimiter or a quote inside an unquoted value?\"");
        assertThat(broken.result().out()).doesNotContain("5L");
        Run clean = classify(without(csv, 3), 3, 3, 0);
        assertThat(broken.resultsExcept("SO-1")).isEqualTo(clean.resultsExcept("SO-1")).hasSize(2);
    }

    @Test
    void aRowInAnotherDelimiterIsRejectedOnItsOwnWithTheOrdersNextToIt() throws IOException {
        String csv = SKU_FIRST + row("MILK", "SO-1", "NEW") + row("BREAD", "SO-2", "CONFIRMED")
                + "TEA;SO-3;2026-03-10T11:00:00Z;NEW;PAID;1;10\n" + row("TEA", "SO-4", "NEW") + row("JAM", "SO-5", "NEW");
        // read: SO-1, SO-2, the row of line 4 (its order cannot be told: counted once), SO-4, SO-5
        Run broken = classify(csv, 5, 2, 3);
        assertThat(broken.rejects()).containsExactly(
                "\"4\",,,,\"row has 1 fields but the header has 7; is a delimiter or a quote inside an unquoted value? "
                        + "Which order the row belongs to cannot be told (it is too short to have an order_id column), "
                        + "so the orders next to it, SO-2 and SO-4, are rejected too\"",
                "\"3\",\"SO-2\",,,\"not classified: the broken row on line 4 is next to this order and may be one of its rows "
                        + "(which order it belongs to cannot be told)\"",
                "\"5\",\"SO-4\",,,\"not classified: the broken row on line 4 is next to this order and may be one of its rows "
                        + "(which order it belongs to cannot be told)\"");
        Run clean = classify(without(csv, 4), 4, 4, 0);
        assertThat(broken.resultsExcept("SO-2", "SO-4")).isEqualTo(clean.resultsExcept("SO-2", "SO-4")).hasSize(2);
    }

    @Test
    void aBogusIdByPositionIsNeverAnOrder() throws IOException {
        // the extra comma shifts the id out of its column and the row holds neither neighbour's id
        String csv = SKU_FIRST + row("MILK", "SO-1", "NEW") + "Milk 1,5L,SO-9,2026-03-10T11:00:00Z,NEW,PAID,1,10\n"
                + row("BREAD", "SO-2", "CONFIRMED") + row("TEA", "SO-3", "NEW");
        Run broken = classify(csv, 4, 1, 3);
        assertThat(broken.rejects()).hasSize(3).noneMatch(r -> r.contains("\"5L\",") || r.startsWith("\"3\",\"SO-9\""));
        assertThat(broken.rejects().get(0)).isEqualTo("\"3\",,,,\"row has 8 fields but the header has 7; is a delimiter or a "
                + "quote inside an unquoted value? Which order the row belongs to cannot be told (its order_id column holds "
                + "\"\"5L\"\", the id of neither the order before it nor the one after it), so the orders next to it, SO-1 and "
                + "SO-2, are rejected too\"");
        Run clean = classify(without(csv, 3), 3, 3, 0);
        assertThat(broken.resultsExcept("SO-1", "SO-2")).isEqualTo(clean.resultsExcept("SO-1", "SO-2")).hasSize(1);
    }

    @Test
    void aBrokenRowBetweenTwoRowsOfItsOrderRejectsThatOrderOnly() throws IOException {
        String csv = SKU_FIRST + row("MILK", "SO-1", "NEW") + row("BREAD", "SO-2", "NEW") + "TEA,SO-2,2026-03-10T11:00:00Z\n"
                + row("JAM", "SO-2", "NEW") + row("TEA", "SO-3", "NEW");
        Run broken = classify(csv, 3, 2, 1);
        assertThat(broken.rejects()).containsExactly(
                "\"4\",\"SO-2\",,,\"row has 3 fields but the header has 7; is a delimiter or a quote inside an unquoted value?\"");
        Run clean = classify(without(csv, 4), 3, 3, 0);
        assertThat(broken.resultsExcept("SO-2")).isEqualTo(clean.resultsExcept("SO-2")).hasSize(2);
    }

    @Test
    void aBrokenRowWhoseOrdersAreNotContiguousIsStillDecidedFromItsNeighbours() throws IOException {
        // SO-1 comes back after SO-2: the file is read again holding every row, with the same outcome
        String csv = SKU_FIRST + row("MILK", "SO-1", "NEW") + row("BREAD", "SO-2", "NEW") + "TEA,SO-2,2026-03-10T11:00:00Z\n"
                + row("JAM", "SO-1", "NEW") + row("TEA", "SO-3", "NEW");
        Run broken = classify(csv, 3, 2, 1);
        assertThat(broken.rejects()).containsExactly(
                "\"4\",\"SO-2\",,,\"row has 3 fields but the header has 7; is a delimiter or a quote inside an unquoted value?\"");
        Run clean = classify(without(csv, 4), 3, 3, 0);
        assertThat(broken.resultsExcept("SO-2")).isEqualTo(clean.resultsExcept("SO-2")).hasSize(2);
    }

    @Test
    void whenEveryRowIsBrokenEachRunOfRowsWithTheSameIdIsCountedOnce() throws IOException {
        // a header with one column too many (a trailing delimiter): no row has its number of fields
        String header = "order_id,created_at,order_status,payment_status,sku,\n";
        String csv = header + "A-1,2026-03-10T11:00:00Z,NEW,PAID,MILK\n" + "A-1,2026-03-10T11:00:00Z,NEW,PAID,TEA\n"
                + "A-2,2026-03-10T11:00:00Z,NEW,PAID,MILK\n";
        Run broken = classify(csv, 2, 0, 2);
        assertThat(broken.rejects()).hasSize(3).allMatch(r -> r.contains("row has 5 fields but the header has 6"))
                .allMatch(r -> r.contains(",,,,")).allMatch(r -> r.endsWith("; no row with an order id is next to it)\""));
    }

    @Test
    void aLongRunOfBrokenRowsIsDecidedWithBoundedMemoryAndStillRejectsTheOrderAfterIt() throws IOException {
        StringBuilder csv = new StringBuilder("order_id,created_at,order_status,payment_status,sku,\n");
        for (int i = 0; i < 1200; i++) {
            csv.append("A-").append(i / 2).append(",2026-03-10T11:00:00Z,NEW,PAID,MILK\n");
        }
        csv.append("G-1,2026-03-10T11:00:00Z,NEW,PAID,MILK,\n").append("H-1,2026-03-10T11:00:00Z,NEW,PAID,MILK,\n");
        Run broken = classify(csv.toString(), 602, 1, 601);
        assertThat(broken.result().out()).startsWith("{\"orderId\":\"H-1\"");
        assertThat(broken.rejects().stream().filter(r -> r.contains("G-1")).filter(r -> !r.contains("row has")))
                .containsExactly("\"1202\",\"G-1\",,,\"not classified: the broken rows on lines 1001-1201 are next to this order "
                        + "and may be among its rows (which order they belong to cannot be told)\"");
    }

    // ---- item 3: a quote never closed --------------------------------------------------------------

    private static final String HEADER = "order_id,created_at,order_status,payment_status,sku\n";

    private static String row(String id, String sku) {
        return id + ",2026-03-10T11:00:00Z,NEW,PAID," + sku + "\n";
    }

    @Test
    void aQuoteOpenedInTheLastColumnAndNeverClosedRejectsItsRowOnly() throws IOException {
        String csv = HEADER + row("A-1", "MILK") + row("A-2", "\"BREAD") + row("A-3", "TEA") + row("A-4", "\"JAM\"")
                + row("A-5", "MILK");
        Run broken = classify(csv, 5, 4, 1);
        assertThat(broken.rejects()).containsExactly("\"3\",\"A-2\",\"sku\",\"BREAD\",\"a quote opened on line 3 is not closed: "
                + "the next quote, on line 5, has more text after it, so it opens another value; the row is read as ending on "
                + "line 3 and reading goes on at line 4\"");
        assertThat(broken.result().err()).contains("triage: warning: 1 quoted value was never closed (line 3): each row is "
                + "rejected as ending on the line its quote opened on, and reading went on at the next line");
        Run clean = classify(without(csv, 3), 4, 4, 0);
        assertThat(broken.resultsExcept("A-2")).isEqualTo(clean.resultsExcept("A-2")).hasSize(4);
    }

    @Test
    void aQuoteThatRunsToTheEndOfTheFile() throws IOException {
        String csv = HEADER + row("A-1", "MILK") + row("A-2", "\"BREAD") + row("A-3", "TEA") + row("A-4", "JAM");
        Run broken = classify(csv, 4, 3, 1);
        assertThat(broken.rejects()).containsExactly("\"3\",\"A-2\",\"sku\",\"BREAD\",\"a quote opened on line 3 is never closed "
                + "(the file ends inside it); the row is read as ending on line 3 and reading goes on at line 4\"");
        assertThat(broken.result().err()).contains("triage: warning: 1 quoted value was never closed (line 3)");
        Run clean = classify(without(csv, 3), 3, 3, 0);
        assertThat(broken.resultsExcept("A-2")).isEqualTo(clean.resultsExcept("A-2")).hasSize(3);
    }

    @Test
    void aQuoteStillOpenAfterAThousandLines() throws IOException {
        StringBuilder csv = new StringBuilder(HEADER).append(row("A-1", "MILK")).append(row("A-2", "\"BREAD"));
        for (int i = 0; i < 1100; i++) {
            csv.append(row("B-1", "SKU-" + i));
        }
        csv.append(row("C-1", "TEA\"")); // a quote that would close the value, with nothing after it
        Run broken = classify(csv.toString(), 4, 3, 1);
        assertThat(broken.rejects()).containsExactly("\"3\",\"A-2\",\"sku\",\"BREAD\",\"a quote opened on line 3 is still open "
                + "after 1000 lines; the row is read as ending on line 3 and reading goes on at line 4\"");
        Run clean = classify(without(csv.toString(), 3), 3, 3, 0);
        assertThat(broken.resultsExcept("A-2")).isEqualTo(clean.resultsExcept("A-2")).hasSize(3);
    }

    @Test
    void aQuoteNeverClosedInTheMiddleOfARowMakesItABrokenRow() throws IOException {
        // the quote swallows the rest of its line: 2 fields, so the order id is not trusted by position
        String csv = HEADER + row("A-1", "MILK") + "A-2,\"2026-03-10T11:00:00Z,NEW,PAID,BREAD\n" + row("A-3", "TEA")
                + row("A-4", "JAM");
        Run broken = classify(csv, 4, 1, 3);
        assertThat(broken.rejects()).containsExactly(
                "\"3\",,\"created_at\",\"2026-03-10T11:00:00Z,NEW,PAID,BREAD\",\"a quote opened on line 3 is never closed (the file "
                        + "ends inside it); the row is read as ending on line 3 and reading goes on at line 4; which order the row "
                        + "belongs to cannot be told (its order_id column holds \"\"A-2\"\", the id of neither the order before it "
                        + "nor the one after it), so the orders next to it, A-1 and A-3, are rejected too\"",
                "\"2\",\"A-1\",,,\"not classified: the broken row on line 3 is next to this order and may be one of its rows "
                        + "(which order it belongs to cannot be told)\"",
                "\"4\",\"A-3\",,,\"not classified: the broken row on line 3 is next to this order and may be one of its rows "
                        + "(which order it belongs to cannot be told)\"");
        Run clean = classify(without(csv, 3), 3, 3, 0);
        assertThat(broken.resultsExcept("A-1", "A-3")).isEqualTo(clean.resultsExcept("A-1", "A-3")).hasSize(1);
    }

    // ---- item 4: byte order marks and a header inside the file -------------------------------------

    private static final String BOM = "\uFEFF";

    @Test
    void aByteOrderMarkInsideTheFileIsNotPartOfTheOrderId() throws IOException {
        String plain = HEADER + row("SO-1", "MILK") + row("SO-1", "BREAD") + row("SO-2", "TEA");
        String csv = BOM + HEADER + row("SO-1", "MILK") + BOM + row("SO-1", "BREAD") + row("SO-2", "TEA");
        Run broken = classify(csv, 2, 2, 0);
        Run clean = classify(plain, 2, 2, 0);
        assertThat(broken.result().out()).isEqualTo(clean.result().out()).doesNotContain(BOM);
        assertThat(broken.result().err()).contains("triage: warning: invisible characters (byte order marks, zero-width spaces, "
                + "direction marks) removed from 1 value");
    }

    @Test
    void invisibleFormatCharactersAreRemovedFromEveryValue() throws IOException {
        String plain = HEADER + row("SO-1", "MILK") + row("SO-2", "TEA");
        String csv = HEADER + "SO-1\u200B,2026-03-10T11:00:00Z,\u2060NEW,PAID\u200E,MILK\n" + "\u200FSO-2,2026-03-10T11:00:00Z,NEW,PAID,TEA\u00AD\n";
        Run broken = classify(csv, 2, 2, 0);
        Run clean = classify(plain, 2, 2, 0);
        assertThat(broken.result().out()).isEqualTo(clean.result().out());
        assertThat(broken.result().err()).contains("removed from 5 values");
    }

    @Test
    void exportsPutOneAfterAnotherRepeatTheHeaderWhichIsSkipped() throws IOException {
        String first = HEADER + row("SO-1", "MILK") + row("SO-2", "TEA");
        String second = HEADER + row("SO-3", "MILK") + row("SO-4", "JAM");
        Run broken = classify(BOM + first + BOM + second, 4, 4, 0);
        assertThat(broken.result().err()).contains("triage: warning: the header is repeated on line 4 (exports put one after "
                + "another?): skipped, not read as orders");
        Run clean = classify(first + second.substring(HEADER.length()), 4, 4, 0);
        assertThat(broken.result().out()).isEqualTo(clean.result().out());
    }

    // ---- item 7: a UTF-8 file cut in the middle of a character --------------------------------------

    private static final String CITY_HEADER = "order_id,created_at,order_status,payment_status,city,sku\n";

    @Test
    void aUtf8FileWhoseLastCharacterIsCutStaysUtf8AndItsLastRowIsRejected() throws IOException {
        String csv = CITY_HEADER + "SO-1,2026-03-10T11:00:00Z,NEW,PAID,Казань,MILK\n" + "SO-2,2026-03-10T11:00:00Z,NEW,PAID,Казань,MILK\n"
                + "SO-3,2026-03-10T11:00:00Z,NEW,PAID,Казань,ЧАЙ";
        byte[] bytes = csv.getBytes(StandardCharsets.UTF_8);
        byte[] cut = Arrays.copyOf(bytes, bytes.length - 1);
        Run broken = classify(cut, 3, 2, 1);
        assertThat(broken.result().err()).contains("UTF-8 (valid UTF-8)")
                .contains("triage: warning: the file ends in the middle of a UTF-8 character (byte offset " + (bytes.length - 2)
                        + "): it looks cut short; its last row is rejected");
        assertThat(broken.rejects()).containsExactly("\"4\",\"SO-3\",\"sku\",\"ЧА\uFFFD\",\"the file ends in the middle of a "
                + "UTF-8 character (byte offset " + (bytes.length - 2) + "): it was cut short, so this row is incomplete\"");
        Run clean = classify(without(csv, 4), 2, 2, 0);
        assertThat(broken.resultsExcept("SO-3")).isEqualTo(clean.resultsExcept("SO-3")).hasSize(2);
    }

    @Test
    void bytesThatDoNotDecodeNameTheirLineAndByteOffset() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes((CITY_HEADER + "SO-1,2026-03-10T11:00:00Z,NEW,PAID,Kazan,MILK\n").getBytes(StandardCharsets.UTF_8));
        int offset = b.size() + "SO-2,2026-03-10T11:00:00Z,NEW,PAID,Ka".length();
        b.writeBytes("SO-2,2026-03-10T11:00:00Z,NEW,PAID,Ka".getBytes(StandardCharsets.UTF_8));
        b.write(0xFF);
        b.writeBytes("zan,MILK\n".getBytes(StandardCharsets.UTF_8));
        Path in = Files.write(dir.resolve("bad.csv"), b.toByteArray());
        assertThat(run("classify", in.toString(), "--encoding", "UTF-8", "--as-of", AS_OF).expectExit(3).err())
                .contains(in + ":3: bytes that are not valid UTF-8 at byte offset " + offset + " (0xFF); name the encoding with "
                        + "--encoding, for example --encoding windows-1251");
    }
}
