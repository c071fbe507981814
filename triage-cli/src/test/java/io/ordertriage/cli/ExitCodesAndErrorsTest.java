package io.ordertriage.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static io.ordertriage.cli.Cli.fixture;
import static io.ordertriage.cli.Cli.run;
import static org.assertj.core.api.Assertions.assertThat;

/** Rulebook §10's exit codes, the messages that go with them, and atomic output. */
class ExitCodesAndErrorsTest {
    private static final String AS_OF = "2026-03-10T12:00:00+03:00";

    @TempDir
    Path dir;

    @Test
    void usageErrorsExitWithTwo() {
        assertThat(run().expectExit(2).err()).contains("a command is required");
        assertThat(run("classify", "--no-such-option").expectExit(2).err()).contains("Unknown option: '--no-such-option'");
        assertThat(run("classify", fixture("canonical-small.csv"), "--format", "xml").expectExit(2).err())
                .contains("Invalid value for option '--format'").contains("CSV, JSONL, JSON");
        assertThat(run("classify", fixture("canonical-small.csv"), "--set", "payment.timout=5m").expectExit(2).err())
                .contains("--set: unknown setting \"payment.timout\"; expected one of [").contains("payment.timeout");
        assertThat(run("classify", fixture("canonical-small.csv"), "--set", "payment.timeout=soon").expectExit(2).err())
                .contains("\"soon\" is not a duration; expected ISO-8601 such as PT45M");
        assertThat(run("classify", fixture("canonical-small.csv"), "--set", "novalue").expectExit(2).err())
                .contains("is not KEY=VALUE");
        assertThat(run("classify", fixture("canonical-small.csv"), "--zone", "Mars/Olympus").expectExit(2).err())
                .contains("--zone: unknown zone \"Mars/Olympus\"");
        assertThat(run("classify", fixture("canonical-small.csv"), "--as-of", "yesterday").expectExit(2).err())
                .contains("--as-of: \"yesterday\" is not an ISO-8601 instant");
        assertThat(run("classify", fixture("canonical-small.csv"), "--mapping", "sap").expectExit(2).err())
                .contains("mapping \"sap\" is neither a built-in mapping [canonical, shopify, olist] nor an existing file");
        assertThat(run("explain", fixture("canonical-small.csv"), "--order", "NOPE", "--as-of", AS_OF).expectExit(2).err())
                .contains("--order: no order \"NOPE\" in");
        assertThat(run("classify", fixture("canonical-small.csv"), "--delimiter", ";;").expectExit(2).err())
                .contains("is not one character");
    }

    @Test
    void aBadMappingFileIsAUsageErrorNamingTheProblem() throws IOException {
        Path m = Files.writeString(dir.resolve("m.yaml"), "name: x\nfields:\n  order_id: [id]\n  colour: [c]\n");
        assertThat(run("classify", fixture("canonical-small.csv"), "--mapping", m.toString()).expectExit(2).err())
                .contains("unknown canonical field \"colour\"; expected one of [order_id");
        Path typo = Files.writeString(dir.resolve("t.yaml"), "name: x\nfeilds:\n  order_id: [id]\n");
        assertThat(run("classify", fixture("canonical-small.csv"), "--mapping", typo.toString()).expectExit(2).err())
                .contains("t.yaml: unknown key \"feilds\"; expected one of [");
    }

    @Test
    void titleBlocksAndSkippedRowsAreCountedAndAMissingHeaderIsNamed() throws IOException {
        String mapping = "name: report\nskipTitleBlock: true\nskipRows: [\"total:?\", \"итого:?\"]\nfields:\n"
                + "  order_id: [order_id]\n  created_at: [created_at]\n  order_status: [order_status]\n"
                + "  payment_status: [payment_status]\n";
        Path m = Files.writeString(dir.resolve("m.yaml"), mapping);
        Path report = Files.writeString(dir.resolve("report.csv"), "Orders report,,,\nperiod: March,,,\n"
                + "order_id,created_at,order_status,payment_status\nA-1,2026-03-10T08:00:00Z,CANCELLED,REFUNDED\n"
                + "ИТОГО:,,,\nA-2,2026-03-10T08:00:00Z,CANCELLED,REFUNDED\n Total ,,,\n");
        Cli.Result r = run("classify", report.toString(), "--mapping", m.toString(), "--as-of", AS_OF, "--all").expectExit(0);
        assertThat(r.out()).contains("A-1").contains("A-2").doesNotContain("ИТОГО").doesNotContain("Total");
        assertThat(r.err()).contains("2 orders read: 2 classified, 0 rejected, 4 rows skipped by the mapping;")
                .contains("a title block of 2 rows above the header (line 3) skipped, not read as orders")
                .contains("2 rows matching the mapping's skipRows (lines 5, 7) skipped, not read as orders");

        Path noHeader = Files.writeString(dir.resolve("nohead.csv"), "Orders report,,,\nid,created,status,paid\n");
        assertThat(run("classify", noHeader.toString(), "--mapping", m.toString(), "--as-of", AS_OF).expectExit(3).err())
                .contains("nohead.csv: no header row in the first 1 rows: expected a row naming order_id"
                        + " (mapping report skips a title block above the header)");

        Path badPattern = Files.writeString(dir.resolve("bad.yaml"), mapping.replace("\"total:?\"", "\"total(\""));
        assertThat(run("classify", report.toString(), "--mapping", badPattern.toString()).expectExit(2).err())
                .contains("bad.yaml: skipRows: \"total(\" is not a valid pattern (Unclosed group at index 6)");
    }

    @Test
    void inputThatCannotBeReadExitsWithThree() throws IOException {
        assertThat(run("classify", dir.resolve("missing.csv").toString()).expectExit(3).err())
                .contains("missing.csv: no such file");
        assertThat(run("classify", dir.toString()).expectExit(3).err()).contains("is a directory");
        Path noCols = Files.writeString(dir.resolve("cols.csv"), "order_id,created_at\nA,2026-03-10T10:00:00Z\n");
        assertThat(run("classify", noCols.toString()).expectExit(3).err())
                .contains("missing required columns for mapping canonical: order_status (looked for \"order_status\"), "
                        + "payment_status (looked for \"payment_status\")");
        Path empty = Files.writeString(dir.resolve("empty.csv"), "");
        assertThat(run("classify", empty.toString()).expectExit(3).err()).contains("the file is empty; expected a header row");
        Path latin = dir.resolve("cp1251.csv");
        Files.write(latin, "order_id,created_at,order_status,payment_status\nА-1,2026-03-10T10:00:00Z,NEW,PAID\n"
                .getBytes(java.nio.charset.Charset.forName("windows-1251")));
        assertThat(run("classify", latin.toString(), "--encoding", "UTF-8").expectExit(3).err())
                .contains("bytes that are not valid UTF-8").contains("--encoding windows-1251");
        assertThat(run("classify", latin.toString(), "--encoding", "klingon").expectExit(3).err())
                .contains("unknown encoding \"klingon\"");
        Path badPrices = Files.writeString(dir.resolve("p.csv"), "city,store,sku,price\nMoscow,A,MILK,cheap\n");
        assertThat(run("classify", fixture("canonical-small.csv"), "--prices", badPrices.toString()).expectExit(3).err())
                .contains("p.csv:2: price \"cheap\": not a decimal");
    }

    @Test
    void rulesThatDoNotCompileExitWithFourListingEveryProblem() throws IOException {
        Path rules = Files.createDirectories(dir.resolve("rules"));
        Path bad = Files.writeString(rules.resolve("bad.drl"), "package custom;\nimport io.ordertriage.facts.OrderFact;\n"
                + "rule \"x\" when\n    OrderFact(colour == \"red\")\nthen end\n");
        Cli.Result r = run("classify", fixture("canonical-small.csv"), "--rules", rules.toString()).expectExit(4);
        assertThat(r.err()).contains(bad + ":4:").contains("colour").contains("nothing was classified");
        Cli.Result check = run("rules", "check", rules.toString()).expectExit(4);
        assertThat(check.err()).containsPattern(java.util.regex.Pattern.quote(bad.toString()) + ":4:\\d+: ");
    }

    @Test
    void rulesThatDoNotCompileFailTheRunWhateverTheInput() throws IOException {
        // the rules compile while the reader starts: their error must still be the run's, even when
        // the input holds no order or fails to read first
        Path rules = Files.createDirectories(dir.resolve("broken"));
        Files.writeString(rules.resolve("bad.drl"), "package x;\nrule \"x\" when\n  Nope()\nthen end\n");
        String header = Files.readAllLines(Path.of(fixture("canonical-small.csv"))).get(0);
        Path empty = Files.writeString(dir.resolve("empty.csv"), header + "\n");
        assertThat(run("classify", empty.toString(), "--rules", rules.toString()).expectExit(4).err())
                .contains("bad.drl:3:").contains("nothing was classified");
        Path unreadable = Files.writeString(dir.resolve("no-ids.csv"), "colour,size\nred,10\n");
        assertThat(run("classify", unreadable.toString(), "--rules", rules.toString()).expectExit(4).err())
                .contains("bad.drl:3:");
        assertThat(run("classify", empty.toString()).expectExit(0).err()).contains("0 orders read");
    }

    @Test
    void ordersCreatedAfterTheAsOfInstantAreWarnedAbout() {
        // K-1 was created at 08:55Z: an as-of before it is most likely a mistake
        assertThat(run("classify", fixture("canonical-small.csv"), "--as-of", "2026-03-10T08:00:00Z").expectExit(0).err())
                .containsPattern("triage: warning: \\d+ orders? (was|were) created after the as-of instant 2026-03-10T08:00:00Z"
                        + " \\(the latest at [-0-9T:]+Z\\): their timers have not started; is --as-of right\\?");
        assertThat(run("classify", fixture("canonical-small.csv"), "--as-of", "2027-01-01T00:00:00Z").expectExit(0).err())
                .doesNotContain("created after the as-of instant");
    }

    @Test
    void rulesCheckSummarisesGoodRules() throws IOException {
        Path rules = Files.createDirectories(dir.resolve("ok"));
        Files.writeString(rules.resolve("vip.drl"), Cli.VIP_RULE);
        Cli.Result r = run("rules", "check", rules.toString()).expectExit(0);
        assertThat(r.out()).matches("rules check: 1 rule file OK, (\\d+) rules in all \\(\\d+ default, 1 added\\)\\R");
        Cli.Result c = run("classify", fixture("canonical-small.csv"), "--rules", rules.toString(), "--as-of", AS_OF).expectExit(0);
        assertThat(c.out()).doesNotContain("VIP_ORDER");
    }

    @Test
    void aRuleThatFailsWhileRunningIsAnInternalError() throws IOException {
        Path rules = Files.createDirectories(dir.resolve("boom"));
        Files.writeString(rules.resolve("boom.drl"), """
                package custom.boom;
                import io.ordertriage.facts.OrderFact;
                rule "BOOM divides by zero"
                when
                    $o : OrderFact()
                then
                    int x = 1 / 0;
                end
                """);
        Cli.Result r = run("classify", fixture("canonical-small.csv"), "--rules", rules.toString(), "--as-of", AS_OF).expectExit(1);
        assertThat(r.err()).contains("triage: internal error:").contains("run again with --verbose");
        assertThat(run("--verbose", "classify", fixture("canonical-small.csv"), "--rules", rules.toString(), "--as-of", AS_OF)
                .expectExit(1).err()).contains("ArithmeticException").contains("\tat ");
    }

    @Test
    void aFailedRunLeavesNoOutputFileAndKeepsAnOldOne() throws IOException {
        Path out = dir.resolve("queue.csv");
        Path rules = Files.createDirectories(dir.resolve("bad"));
        Files.writeString(rules.resolve("bad.drl"), "package x;\nrule \"x\" when\n  Nope()\nthen end\n");
        run("classify", fixture("canonical-small.csv"), "-o", out.toString(), "--rules", rules.toString()).expectExit(4);
        assertThat(out).doesNotExist();
        Files.writeString(out, "previous run\n");
        run("classify", dir.resolve("missing.csv").toString(), "-o", out.toString()).expectExit(3);
        assertThat(out).hasContent("previous run");
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
        }
    }

    @Test
    void aSuccessfulRunWritesTheOutputAndRejectsFiles() throws IOException {
        Path out = dir.resolve("queue.jsonl");
        Path rej = dir.resolve("rejects.csv");
        Cli.Result r = run("classify", fixture("canonical-small.csv"), "-o", out.toString(), "--format", "jsonl",
                "--rejects", rej.toString(), "--as-of", AS_OF, "--zone", "Europe/Moscow").expectExit(0);
        assertThat(r.out()).isEmpty();
        assertThat(Files.readAllLines(out)).hasSize(4).allMatch(l -> l.startsWith("{\"orderId\":"));
        assertThat(Files.readAllLines(rej)).containsExactly("\"lines\",\"order_id\",\"field\",\"value\",\"reason\"");
    }

    @Test
    void versionAndHelp() {
        assertThat(run("--version").expectExit(0).out()).startsWith("triage ");
        assertThat(run("classify", "--help").expectExit(0).out()).contains("--prices").contains("--mapping")
                .contains("--rejects").contains("--as-of").contains("--zone").contains("--set").contains("--all");
    }

    @Test
    void csvOutputIsFormulaSafeAndCanStartWithABom() throws IOException {
        Path in = Files.writeString(dir.resolve("f.csv"), "order_id,created_at,order_status,payment_status,sku\n"
                + "=cmd|' /C calc'!A0,2026-03-10T11:00:00Z,CANCELLED,PAID,@SUM(1)\n", StandardCharsets.UTF_8);
        Cli.Result r = run("classify", in.toString(), "--as-of", AS_OF, "--bom", "--zone", "UTC").expectExit(0);
        assertThat(r.out()).startsWith("\uFEFF\"priority\",\"order_id\"");
        assertThat(r.out()).contains("\"P1\",\"'=cmd|' /C calc'!A0\"").doesNotContain(",=cmd").doesNotContain("\"=cmd");
    }
}
