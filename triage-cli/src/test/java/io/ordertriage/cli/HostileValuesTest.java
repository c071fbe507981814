package io.ordertriage.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static io.ordertriage.cli.Cli.run;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 10, through the CLI: the one-line reproducers of hostile values. Each broken row is a reject
 * naming its field and value with a message that says what is accepted (the message is part of the
 * contract), the run exits 0, and every other order of the file is classified exactly as without the
 * broken row; or it is a usage error (exit 2) or an unreadable input (exit 3) that leaves no file behind.
 * Never exit 1.
 */
@Timeout(300)
class HostileValuesTest {
    private static final String AS_OF = "2026-03-10T12:00:00Z";
    private static final String HEADER = "order_id,created_at,city,order_status,payment_status,age_verified,delivery_date,"
            + "paid_amount,discount,sku,qty,unit_price,available\n";
    /** Healthy and not so healthy orders around the broken row (lines 2-3 and 5-6; the broken row is line 4). */
    private static final String BEFORE = "G-1,2026-03-10T11:00:00Z,Moscow,NEW,PAID,false,,,,MILK,1,10,true\n"
            + "G-2,2026-03-09T09:00:00Z,Moscow,CANCELLED,PAID,false,2026-03-12,,,BREAD,2,12.50,true\n";
    private static final String AFTER = "G-3,2026-03-10T10:00:00Z,Moscow,ASSEMBLING,PENDING,false,,,,MILK,1,11,false\n"
            + "G-4,2026-03-10T11:30:00Z,Kazan,NEW,PAID,true,,,,BREAD,1,3,true\n";
    private static final String PRICES = "city,store,sku,price\nMoscow,M1,MILK,10\nMoscow,M2,BREAD,12\n";

    private static final String DECIMAL_BOUNDS = "expected a number with at most 15 digits before the decimal point and "
            + "6 after it, such as 1234.50 (exponent notation such as 1.5E+3 only within those bounds)";
    private static final String OUT_OF_RANGE = "out of range; " + DECIMAL_BOUNDS;
    private static final String IMPOSSIBLE = "; an impossible date is rejected, never moved to a real one";

    /** The output of the run without the broken row, per extra arguments (a run takes a while). */
    private static final Map<List<String>, String> WITHOUT_BROKEN_ROW = new HashMap<>();

    @TempDir
    Path dir;

    // ---- the contract every reproducer is checked against ----------------------------------------

    /** Classifies {@code csv} with every order written as JSON Lines and the rejects to a file. */
    private Cli.Result classify(String csv, List<String> extra) throws IOException {
        Path in = Files.writeString(dir.resolve("in.csv"), csv, StandardCharsets.UTF_8);
        List<String> args = new ArrayList<>(List.of("classify", in.toString(), "--as-of", AS_OF, "--zone", "UTC",
                "--all", "--format", "jsonl", "--rejects", dir.resolve("rejects.csv").toString()));
        args.addAll(extra);
        return run(args.toArray(String[]::new));
    }

    private List<String> rejectsFile() throws IOException {
        List<String> lines = Files.readAllLines(dir.resolve("rejects.csv"), StandardCharsets.UTF_8);
        assertThat(lines.get(0)).isEqualTo("\"lines\",\"order_id\",\"field\",\"value\",\"reason\"");
        return lines.subList(1, lines.size());
    }

    /**
     * The broken row (line 4, between four other orders) is rejected alone with exactly {@code expected},
     * the run exits 0, the counts reconcile, and the other orders are classified exactly as without it.
     */
    private void rejectedAlone(String broken, List<String> extra, String... expected) throws IOException {
        Cli.Result r = classify(HEADER + BEFORE + broken + AFTER, extra).expectExit(0);
        assertThat(rejectsFile()).containsExactly(expected);
        assertThat(r.err()).contains("5 orders read: 4 classified, 1 rejected");
        String without = WITHOUT_BROKEN_ROW.get(extra);
        if (without == null) {
            without = classify(HEADER + BEFORE + AFTER, extra).expectExit(0).out();
            WITHOUT_BROKEN_ROW.put(extra, without);
        }
        assertThat(r.out()).as("the other orders, classified as without the broken row").isEqualTo(without);
        assertThat(without.lines()).hasSize(4);
    }

    private void rejectedAlone(String broken, String... expected) throws IOException {
        rejectedAlone(broken, List.of(), expected);
    }

    private List<String> withPrices() throws IOException {
        return List.of("--prices", Files.writeString(dir.resolve("prices.csv"), PRICES).toString());
    }

    private void nothingLeftIn(Path d, String... allowed) throws IOException {
        try (Stream<Path> files = Files.list(d)) {
            assertThat(files.map(p -> p.getFileName().toString())).as("files left in %s", d)
                    .allMatch(n -> List.of(allowed).contains(n));
        }
    }

    // ---- item 1: decimals have bounds ------------------------------------------------------------

    @Test
    void aHugeExponentInAPriceIsARejectNamingTheField() throws IOException {
        // with a price list and the sku priced in the city: 1E+999999999 ran out of memory, 1E+2147483647 failed
        // inside a rule, 1E+100000000 wrote a 100 MB finding message
        for (String price : List.of("1E+999999999", "1E+2147483647", "1E+100000000", "1e+100000000", "1E+99999999999",
                "1234567890123456", "1 234 567 890 123 456,00", "1E+15")) {
            rejectedAlone("B-1,2026-03-10T11:00:00Z,Moscow,NEW,PAID,false,,,,MILK,1," + csvCell(price) + ",true\n",
                    withPrices(), "\"4\",\"B-1\",\"unit_price\",\"" + price + "\",\"" + OUT_OF_RANGE + "\"");
        }
        rejectedAlone("B-1,2026-03-10T11:00:00Z,Moscow,NEW,PAID,false,,,,MILK,1,0.0000001,true\n", withPrices(),
                "\"4\",\"B-1\",\"unit_price\",\"0.0000001\",\"more than 6 decimal places; " + DECIMAL_BOUNDS + "\"");
        rejectedAlone("B-1,2026-03-10T11:00:00Z,Moscow,NEW,PAID,false,,,,MILK,1,1E-2147483647,true\n", withPrices(),
                "\"4\",\"B-1\",\"unit_price\",\"1E-2147483647\",\"" + OUT_OF_RANGE + "\"");
    }

    @Test
    void paidAmountAndDiscountHaveTheSameBounds() throws IOException {
        rejectedAlone("B-1,2026-03-10T11:00:00Z,Moscow,NEW,PAID,false,,1E+999999999,,MILK,1,10,true\n",
                "\"4\",\"B-1\",\"paid_amount\",\"1E+999999999\",\"" + OUT_OF_RANGE + "\"");
        rejectedAlone("B-1,2026-03-10T11:00:00Z,Moscow,NEW,PAID,false,,,1E+2147483647,MILK,1,10,true\n",
                "\"4\",\"B-1\",\"discount\",\"1E+2147483647\",\"" + OUT_OF_RANGE + "\"");
    }

    @Test
    void anAmountWithinTheBoundsIsReadAsTheNumberItIs() throws IOException {
        String plain = HEADER + "E-1,2026-03-10T11:00:00Z,Moscow,NEW,PAID,false,,1500,0,MILK,1,11,true\n";
        String expected = classify(plain, withPrices()).expectExit(0).out();
        for (String price : List.of("1.1E+1", "11.000000000", "0011", "1.1e1")) {
            String same = HEADER + "E-1,2026-03-10T11:00:00Z,Moscow,NEW,PAID,false,,1.5E+3,0E-9," + "MILK,1," + price + ",true\n";
            assertThat(classify(same, withPrices()).expectExit(0).out()).as(price).isEqualTo(expected);
        }
        assertThat(expected).contains("item MILK costs 11, above the 10 reference price in Moscow");
    }

    @Test
    void aPriceListPriceOutOfRangeIsAnErrorNamingFileAndLineAndNothingIsWritten() throws IOException {
        Path prices = Files.writeString(dir.resolve("p.csv"), "city,store,sku,price\nMoscow,M1,BREAD,3\nMoscow,M1,MILK,1E+999999999\n");
        Path in = Files.writeString(dir.resolve("in.csv"), HEADER + BEFORE + AFTER);
        Cli.Result r = run("classify", in.toString(), "--prices", prices.toString(), "--as-of", AS_OF,
                "-o", dir.resolve("out.csv").toString(), "--rejects", dir.resolve("rej.csv").toString()).expectExit(3);
        assertThat(r.err()).contains(prices + ":3: price \"1E+999999999\": " + OUT_OF_RANGE);
        nothingLeftIn(dir, "p.csv", "in.csv");
    }

    @Test
    void aSettingOutOfRangeIsAUsageError() throws IOException {
        Path in = Files.writeString(dir.resolve("in.csv"), HEADER + BEFORE);
        assertThat(run("classify", in.toString(), "--as-of", AS_OF, "--set", "money.tolerance=1E+2147483647").expectExit(2).err())
                .contains("--set: setting money.tolerance: \"1E+2147483647\": " + OUT_OF_RANGE);
        assertThat(run("classify", in.toString(), "--as-of", AS_OF, "--set", "payment.timeout=999999999999999999d").expectExit(2).err())
                .contains("--set: setting payment.timeout: \"999999999999999999d\" is out of range (");
    }

    // ---- item 5: impossible dates are rejected, never moved ---------------------------------------

    @Test
    void anImpossibleDateTimeIsARejectNamingFieldAndValue() throws IOException {
        rejectedAlone("B-1,2026-02-30T10:00:00Z,Moscow,NEW,PAID,false,,,,MILK,1,10,true\n",
                "\"4\",\"B-1\",\"created_at\",\"2026-02-30T10:00:00Z\",\"no such date or time (Invalid date 'FEBRUARY 30')" + IMPOSSIBLE + "\"");
        rejectedAlone("B-1,31.04.2026 10:00,Moscow,NEW,PAID,false,,,,MILK,1,10,true\n",
                "\"4\",\"B-1\",\"created_at\",\"31.04.2026 10:00\",\"no such date or time (Invalid date 'APRIL 31')" + IMPOSSIBLE + "\"");
        rejectedAlone("B-1,2026-02-29,Moscow,NEW,PAID,false,,,,MILK,1,10,true\n",
                "\"4\",\"B-1\",\"created_at\",\"2026-02-29\",\"no such date or time (Invalid date 'February 29' as '2026' "
                        + "is not a leap year)" + IMPOSSIBLE + "\"");
        rejectedAlone("B-1,2026-03-09 24:00,Moscow,NEW,PAID,false,,,,MILK,1,10,true\n",
                "\"4\",\"B-1\",\"created_at\",\"2026-03-09 24:00\",\"no such date or time (Invalid value for HourOfDay "
                        + "(valid values 0 - 23): 24)" + IMPOSSIBLE + "\"");
        rejectedAlone("B-1,2026-03-10T11:00:00+03:00,Moscow,NEW,PAID,false,2026-02-30,,,MILK,1,10,true\n",
                "\"4\",\"B-1\",\"delivery_date\",\"2026-02-30\",\"no such date (Invalid date 'FEBRUARY 30')" + IMPOSSIBLE + "\"");
        rejectedAlone("B-1,2026-03-10T11:00:00+03:00,Moscow,NEW,PAID,false,31.04.2026,,,MILK,1,10,true\n",
                "\"4\",\"B-1\",\"delivery_date\",\"31.04.2026\",\"no such date (Invalid date 'APRIL 31')" + IMPOSSIBLE + "\"");
    }

    @Test
    void aYearBeyondFourDigitsIsOutOfRange() throws IOException {
        rejectedAlone("B-1,+10000-01-01T00:00:00Z,Moscow,NEW,PAID,false,,,,MILK,1,10,true\n",
                "\"4\",\"B-1\",\"created_at\",\"'+10000-01-01T00:00:00Z\",\"year 10000 is out of range; expected a year from 1 to 9999\"");
        rejectedAlone("B-1,2026-03-10T11:00:00Z,Moscow,NEW,PAID,false,+999999999-12-31,,,MILK,1,10,true\n",
                "\"4\",\"B-1\",\"delivery_date\",\"'+999999999-12-31\",\"year 999999999 is out of range; expected a year from 1 to 9999\"");
    }

    @Test
    void aMappingsOwnDatePatternIsStrictToo() throws IOException {
        Path mapping = Files.writeString(dir.resolve("m.yaml"), "name: slashes\ndateFormats: [\"dd/MM/yyyy HH:mm\"]\n"
                + "fields:\n  order_id: [id]\n  created_at: [created]\n  order_status: [status]\n  payment_status: [payment]\n");
        Path in = Files.writeString(dir.resolve("in.csv"), "id,created,status,payment\nS-1,28/02/2026 10:00,NEW,PAID\n"
                + "S-2,29/02/2026 10:00,NEW,PAID\nS-3,31/04/2026 10:00,NEW,PAID\n");
        Cli.Result r = run("classify", in.toString(), "--mapping", mapping.toString(), "--as-of", AS_OF, "--zone", "UTC",
                "--all", "--format", "jsonl", "--rejects", dir.resolve("rejects.csv").toString()).expectExit(0);
        assertThat(r.err()).contains("3 orders read: 1 classified, 2 rejected");
        assertThat(r.out()).contains("\"orderId\":\"S-1\"").contains("\"createdAt\":\"2026-02-28T10:00:00Z\"");
        assertThat(rejectsFile()).containsExactly(
                "\"3\",\"S-2\",\"created_at\",\"29/02/2026 10:00\",\"no such date or time (Invalid date 'February 29' as "
                        + "'2026' is not a leap year)" + IMPOSSIBLE + "\"",
                "\"4\",\"S-3\",\"created_at\",\"31/04/2026 10:00\",\"no such date or time (Invalid date 'APRIL 31')" + IMPOSSIBLE + "\"");
        Path bad = Files.writeString(dir.resolve("bad.yaml"), "name: bad\ndateFormats: [\"dd/MM/yyyy {HH}\"]\n"
                + "fields:\n  order_id: [id]\n  created_at: [created]\n  order_status: [status]\n  payment_status: [payment]\n");
        assertThat(run("classify", in.toString(), "--mapping", bad.toString(), "--as-of", AS_OF).expectExit(2).err())
                .contains("mapping bad: date format \"dd/MM/yyyy {HH}\" is not a java.time pattern: ");
    }

    @Test
    void anImpossibleAsOfIsAUsageError() throws IOException {
        Path in = Files.writeString(dir.resolve("in.csv"), HEADER + BEFORE);
        assertThat(run("classify", in.toString(), "--as-of", "2026-02-30T10:00:00Z").expectExit(2).err())
                .contains("--as-of: \"2026-02-30T10:00:00Z\": no such date or time (Invalid date 'FEBRUARY 30')" + IMPOSSIBLE);
        assertThat(run("classify", in.toString(), "--as-of", "2026-02-29T10:00").expectExit(2).err())
                .contains("--as-of: \"2026-02-29T10:00\": no such date or time (Invalid date 'February 29' as '2026' is not a leap year)");
        assertThat(run("classify", in.toString(), "--as-of", "+999999999-12-31T23:59:59Z").expectExit(2).err())
                .contains("--as-of: \"+999999999-12-31T23:59:59Z\": year 999999999 is out of range; expected a year from 1 to 9999");
    }

    // ---- item 6: an unusable output path is a usage error found before reading --------------------

    @Test
    void aRejectsFileInAMissingDirectoryIsAUsageErrorAndNothingIsLeft() throws IOException {
        Path in = Files.writeString(dir.resolve("in.csv"), HEADER + BEFORE + AFTER);
        Path out = dir.resolve("out.csv");
        Path missing = dir.resolve("no-such-dir").resolve("rejects.csv");
        Cli.Result r = run("classify", in.toString(), "--as-of", AS_OF, "-o", out.toString(), "--rejects", missing.toString())
                .expectExit(2);
        assertThat(r.err()).contains("triage: --rejects: cannot write " + missing + ": the directory " + missing.getParent()
                + " does not exist");
        assertThat(r.err()).doesNotContain("internal error").doesNotContain("orders read");
        nothingLeftIn(dir, "in.csv");
        // found before reading: the input does not even exist, and the error is still the path (2, not 3)
        assertThat(run("classify", dir.resolve("missing.csv").toString(), "--rejects", missing.toString()).expectExit(2).err())
                .contains("--rejects: cannot write");
        // the same for -o, and for standard input
        assertThat(Cli.runWithStdin((HEADER + BEFORE).getBytes(StandardCharsets.UTF_8), "classify", "-", "--as-of", AS_OF,
                "-o", missing.toString(), "--rejects", dir.resolve("rej.csv").toString()).expectExit(2).err())
                .contains("triage: -o/--output: cannot write " + missing + ": the directory");
        nothingLeftIn(dir, "in.csv");
    }

    @Test
    void anOutputPathThatIsADirectoryIsAUsageErrorAndNothingIsLeft() throws IOException {
        Path in = Files.writeString(dir.resolve("in.csv"), HEADER + BEFORE + AFTER);
        Path sub = Files.createDirectory(dir.resolve("sub"));
        Cli.Result r = run("classify", in.toString(), "--as-of", AS_OF, "-o", sub.toString(),
                "--rejects", dir.resolve("rejects.csv").toString()).expectExit(2);
        assertThat(r.err()).contains("triage: -o/--output: " + sub + " is a directory; expected the name of a file to write");
        assertThat(run("classify", in.toString(), "--as-of", AS_OF, "--rejects", sub.toString(),
                "-o", dir.resolve("out.csv").toString()).expectExit(2).err())
                .contains("triage: --rejects: " + sub + " is a directory; expected the name of a file to write");
        nothingLeftIn(dir, "in.csv", "sub");
        nothingLeftIn(sub);
    }

    @Test
    void outputAndRejectsMustBeTwoFilesAndNeitherAnInput() throws IOException {
        Path in = Files.writeString(dir.resolve("in.csv"), HEADER + BEFORE + AFTER);
        Path same = dir.resolve("same.csv");
        assertThat(run("classify", in.toString(), "--as-of", AS_OF, "-o", same.toString(), "--rejects", same.toString())
                .expectExit(2).err()).contains("-o/--output and --rejects name the same file " + same);
        assertThat(run("classify", in.toString(), "--as-of", AS_OF, "--rejects", in.toString()).expectExit(2).err())
                .contains("--rejects " + in + " is also an input file; writing there would replace it");
        assertThat(in).hasContent(HEADER + BEFORE + AFTER);
        nothingLeftIn(dir, "in.csv");
    }

    /** (Permissions are no test here: CI runs as root, which writes anywhere. A file is no directory for anyone.) */
    @Test
    void anOutputWhoseParentIsAFileIsAUsageError() throws IOException {
        Path in = Files.writeString(dir.resolve("in.csv"), HEADER + BEFORE + AFTER);
        Path notADirectory = Files.writeString(dir.resolve("plain.txt"), "x");
        String err = run("classify", in.toString(), "--as-of", AS_OF, "-o", notADirectory.resolve("out.csv").toString(),
                "--rejects", dir.resolve("rej.csv").toString()).expectExit(2).err();
        assertThat(err).contains("-o/--output").contains(notADirectory.toString());
        nothingLeftIn(dir, "in.csv", "plain.txt");
    }

    // ---- item 7: long values are cut where shown; a no-break space is white space -------------------

    @Test
    @Timeout(120)
    void aSixMegabyteCellMakesNoSixMegabyteMessage() throws IOException {
        String big = "X".repeat(6_000_000);
        String csv = HEADER + BEFORE + "B-1,2026-03-10T11:00:00Z,Moscow," + big + ",PAID,false,,,,MILK,1,10,true\n" + AFTER;
        Cli.Result r = classify(csv, List.of()).expectExit(0);
        String shown = "X".repeat(200) + "… (6000000 characters)";
        assertThat(rejectsFile()).containsExactly("\"4\",\"B-1\",\"order_status\",\"" + shown
                + "\",\"unknown order_status; expected one of NEW, CONFIRMED, ASSEMBLING, READY, IN_DELIVERY, COMPLETED, CANCELLED\"");
        assertThat(r.err()).contains("5 orders read: 4 classified, 1 rejected")
                .contains("unmapped values: order_status \"" + shown + "\" x1");
        assertThat(r.err().length()).as("standard error").isLessThan(3000);
        // without a rejects file the problems go to standard error, cut as well
        Path in = Files.writeString(dir.resolve("in.csv"), csv, StandardCharsets.UTF_8);
        Cli.Result e = run("classify", in.toString(), "--as-of", AS_OF, "--zone", "UTC").expectExit(0);
        assertThat(e.err()).contains("triage: rejected " + in + ":4: order B-1: order_status \"" + shown + "\": unknown order_status");
        assertThat(e.err().length()).as("standard error").isLessThan(3000);
    }

    @Test
    @Timeout(120)
    void aSixMegabyteValueQuotedInAReasonIsCutToo() throws IOException {
        String big = "X".repeat(6_000_000);
        String shown = "X".repeat(200) + "… (6000000 characters)";
        rejectedAlone("B-1,2026-03-10T11:00:00Z,Moscow,NEW,PAID,false,,,,MILK,1,10,true\n"
                        + "B-1,2026-03-10T11:00:00Z," + big + ",NEW,PAID,false,,,,BREAD,1,10,true\n",
                "\"4-5\",\"B-1\",\"city\",\"" + shown + "\",\"rows of the order disagree on city: \"\"Moscow\"\" (line 4) vs \"\""
                        + shown + "\"\" (line 5)\"");
        assertThat(Files.size(dir.resolve("rejects.csv"))).isLessThan(1000);
    }

    @Test
    @Timeout(120)
    void aSixMegabyteNumberIsOutOfRangeAndCut() throws IOException {
        String digits = "9".repeat(6_000_000);
        rejectedAlone("B-1,2026-03-10T11:00:00Z,Moscow,NEW,PAID,false,,,,MILK,1," + digits + ",true\n",
                "\"4\",\"B-1\",\"unit_price\",\"" + "9".repeat(200) + "… (6000000 characters)\",\"" + OUT_OF_RANGE + "\"");
        assertThat(Files.size(dir.resolve("rejects.csv"))).isLessThan(1000);
    }

    @Test
    void aNoBreakSpaceAroundAnEnumABooleanANumberOrADateIsWhiteSpace() throws IOException {
        String plain = HEADER + "N-1,2026-03-10T11:00:00Z,Moscow,NEW,PAID,true,2026-03-12,20,1,MILK,2,10,true\n";
        String expected = classify(plain, withPrices()).expectExit(0).out();
        for (String space : List.of("\u00A0", "\u202F", "\u2007")) {
            String spaced = HEADER + "N-1," + space + "2026-03-10T11:00:00Z" + space + ",Moscow," + space + "new" + space + ","
                    + "PAID" + space + "," + space + "TRUE,2026-03-12" + space + "," + space + "20" + space + ",1" + space
                    + ",MILK," + space + "2," + space + "10" + space + "," + space + "true" + space + "\n";
            Cli.Result r = classify(spaced, withPrices()).expectExit(0);
            assertThat(r.err()).as("U+%04X", (int) space.charAt(0)).contains("1 orders read: 1 classified, 0 rejected");
            assertThat(r.out()).as("U+%04X", (int) space.charAt(0)).isEqualTo(expected);
        }
        assertThat(expected).contains("\"orderId\":\"N-1\"");
    }

    /** A value as a CSV cell: quoted when it holds a comma. */
    private static String csvCell(String v) {
        return v.contains(",") ? "\"" + v + "\"" : v;
    }
}
