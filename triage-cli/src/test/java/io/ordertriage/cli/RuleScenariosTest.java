package io.ordertriage.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static io.ordertriage.cli.Cli.run;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code triage rules test}: the shipped scenarios pass, a failing scenario shows what was expected
 * against what came, a malformed one names its file and line, and a rule author can change a normal
 * combination in the decision table and see it through check, test and classify without Java.
 */
class RuleScenariosTest {
    static final Path SCENARIOS = Cli.ROOT.resolve("triage-rules/scenarios");
    static final Path TABLE = Cli.ROOT.resolve("triage-rules/src/main/resources/io/ordertriage/rules/status/normal-combinations.drl.csv");

    @TempDir
    Path dir;

    @Test
    void theShippedScenariosPassOneFilePerRulebookSection() throws IOException {
        List<String> files;
        try (Stream<Path> s = Files.list(SCENARIOS)) {
            files = s.map(p -> p.getFileName().toString()).sorted().toList();
        }
        // the sections with rules: 3-7 and 11-18
        assertThat(files).extracting(f -> f.substring(0, 3)).containsExactly(
                "03-", "04-", "05-", "06-", "07-", "11-", "12-", "13-", "14-", "15-", "16-", "17-", "18-");
        Cli.Result r = run("rules", "test", SCENARIOS.toString()).expectExit(0);
        List<String> lines = r.out().lines().toList();
        Matcher total = Pattern.compile("(\\d+) scenarios in 13 files: (\\d+) passed, 0 failed \\(.*\\)")
                .matcher(lines.get(lines.size() - 1));
        assertThat(total.matches()).as(lines.get(lines.size() - 1)).isTrue();
        assertThat(Integer.parseInt(total.group(1))).isGreaterThanOrEqualTo(13 * 5).isEqualTo(Integer.parseInt(total.group(2)));
        assertThat(lines.subList(0, lines.size() - 1)).allMatch(l -> l.startsWith("PASS  "));
    }

    private Path brokenStatusScenario() throws IOException {
        String s = Files.readString(SCENARIOS.resolve("03-status.yaml"));
        String right = "C: {verdict: ATTENTION, priority: P1, normal: none, only_codes: [CANCELLED_BUT_PAID]}";
        assertThat(s).contains(right);
        return Files.writeString(dir.resolve("status.yaml"),
                s.replace(right, "C: {verdict: ATTENTION, priority: P2, normal: none, codes: [CANCELLED_BUT_REFUNDED]}"));
    }

    @Test
    void aFailingScenarioShowsWhatWasExpectedWhatCameAndTheRulesThatFired() throws IOException {
        Path f = brokenStatusScenario();
        Cli.Result r = run("rules", "test", f.toString()).expectExit(1);
        assertThat(r.out()).contains("""
                FAIL  %s:45  a cancelled order still holding the payment is refunded (diagnosis 1)
                      order C: priority: expected P2, got P1 [CANCELLED_BUT_PAID]
                      order C: codes: expected [CANCELLED_BUT_REFUNDED] among the findings, got [CANCELLED_BUT_PAID]
                      order C: rules fired: CANCELLED_BUT_PAID cancelled order still holds the payment; STATUS first applicable diagnosis becomes the status finding; STATUS_UNRECOGNISED no normal combination and no known diagnosis
                """.formatted(f));
        assertThat(r.out()).containsPattern("\\R10 scenarios in 1 file: 9 passed, 1 failed \\(");
    }

    @Test
    void findingsAreCheckedOnePerLineWhereOnlyCodesSeesACodeOnce() throws IOException {
        Path f = Files.writeString(dir.resolve("age.yaml"), """
                as_of: 2026-03-10T12:00:00Z
                scenarios:
                  - name: two 18+ lines
                    orders:
                      - order_id: A
                        created_at: 2026-03-10T11:55:00Z
                        order_status: CONFIRMED
                        payment_status: PAID
                        lines: [{sku: WINE, adult_only: "yes"}, {sku: BEER, adult_only: "yes"}]
                    expect:
                      A: {only_codes: [AGE_NOT_VERIFIED], findings: [AGE_NOT_VERIFIED WINE]}
                """);
        assertThat(run("rules", "test", f.toString()).expectExit(1).out()).contains(
                "order A: findings: expected exactly [AGE_NOT_VERIFIED WINE], got [AGE_NOT_VERIFIED BEER, AGE_NOT_VERIFIED WINE]\n")
                .doesNotContain("order A: codes:");
    }

    @Test
    void theJunitReportHasASuitePerFileAndTheFailure() throws Exception {
        Path f = brokenStatusScenario();
        Path bad = Files.writeString(dir.resolve("bad.yaml"), "scenarios:\n  - name: no expectations\n    as_of: 2026-03-10T12:00:00Z\n"
                + "    orders: [{order_id: A, created_at: 2026-03-10T11:00:00Z, order_status: NEW, payment_status: PAID}]\n");
        Path report = dir.resolve("reports/scenarios.xml");
        run("rules", "test", f.toString(), bad.toString(), "--junit", report.toString()).expectExit(2);
        Document d = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(report.toFile());
        NodeList suites = d.getElementsByTagName("testsuite");
        assertThat(suites.getLength()).isEqualTo(2);
        Element status = (Element) suites.item(0);
        assertThat(status.getAttribute("name")).isEqualTo(f.toString());
        assertThat(status.getAttribute("tests")).isEqualTo("10");
        assertThat(status.getAttribute("failures")).isEqualTo("1");
        Element failure = (Element) status.getElementsByTagName("failure").item(0);
        assertThat(failure.getAttribute("message")).isEqualTo("order C: priority: expected P2, got P1 [CANCELLED_BUT_PAID]");
        assertThat(((Element) failure.getParentNode()).getAttribute("line")).isEqualTo("45");
        Element malformed = (Element) suites.item(1);
        assertThat(malformed.getAttribute("errors")).isEqualTo("1");
        assertThat(malformed.getElementsByTagName("error").item(0).getTextContent())
                .isEqualTo(bad + ":2: scenario \"no expectations\" has no expect: what to expect of each order, by its order_id");
    }

    private String malformed(String yaml) throws IOException {
        Path f = Files.writeString(dir.resolve("m.yaml"), yaml);
        Cli.Result r = run("rules", "test", f.toString()).expectExit(2);
        String first = r.out().lines().findFirst().orElseThrow();
        assertThat(first).startsWith("ERROR " + f + ":");
        return first.substring(("ERROR " + f).length());
    }

    private static final String ORDER = "{order_id: A, created_at: 2026-03-10T11:55:00Z, order_status: NEW, payment_status: PAID}";

    @Test
    void aMalformedScenarioNamesItsLineAndWhatIsWrong() throws IOException {
        assertThat(malformed("as_of: 2026-03-10T12:00:00Z\nscenarios:\n  - name: x\n    orders: [" + ORDER + "]\n    expct: {A: {verdict: OK}}\n"))
                .isEqualTo(":5: unknown key \"expct\" in a scenario; expected one of name, description, as_of, zone, settings, "
                        + "prices, delivery_terms, acks, rules, orders, order_defaults, expect");
        assertThat(malformed("scenarios:\n  - name: x\n    orders: [" + ORDER + "]\n    expect: {A: {verdict: OK}}\n"))
                .isEqualTo(":2: scenario \"x\" has no as_of (here or at the top of the file): rules that look at time need "
                        + "a fixed evaluation instant, e.g. as_of: 2026-03-10T12:00:00Z");
        assertThat(malformed("as_of: 2026-02-30T12:00:00Z\nscenarios:\n  - name: x\n    orders: [" + ORDER + "]\n    expect: {A: {verdict: OK}}\n"))
                .startsWith(":1: as_of: \"2026-02-30T12:00:00Z\": no such date or time (");
        assertThat(malformed("as_of: 2026-03-10T12:00:00Z\nscenarios:\n  - name: x\n    orders: [" + ORDER + "]\n    expect:\n      A: {verdict: FINE}\n"))
                .isEqualTo(":6: verdict \"FINE\"; expected OK or ATTENTION");
        assertThat(malformed("as_of: 2026-03-10T12:00:00Z\nscenarios:\n  - name: x\n    orders: [" + ORDER + "]\n    expect:\n      B: {verdict: OK}\n"))
                .isEqualTo(":6: expect: no order \"B\" among the scenario's orders (A)");
        assertThat(malformed("as_of: 2026-03-10T12:00:00Z\nscenarios:\n  - name: x\n    orders:\n      - order_id: A\n"
                + "        created_at: 2026-03-10T11:55:00Z\n        order_status: NEWW\n        payment_status: PAID\n    expect: {A: {verdict: OK}}\n"))
                .isEqualTo(":5: orders: order A: order_status \"NEWW\": unknown order_status; expected one of NEW, CONFIRMED, "
                        + "ASSEMBLING, READY, IN_DELIVERY, COMPLETED, CANCELLED");
        assertThat(malformed("as_of: 2026-03-10T12:00:00Z\nscenarios:\n  - name: x\n    orders: [" + ORDER + "]\n    settings: {payment.timeout: soon}\n"
                + "    expect: {A: {verdict: OK}}\n"))
                .startsWith(":5: settings: setting payment.timeout: \"soon\" is not a duration");
        assertThat(malformed("as_of: 2026-03-10T12:00:00Z\nscenarios:\n  - name: x\n    orders: [" + ORDER + "\n    expect: {A: {verdict: OK}}\n"))
                .startsWith(":5: not valid YAML: ");
        assertThat(malformed("as_of: 2026-03-10T12:00:00Z\nscenarios:\n  - name: x\n    orders:\n      - order_id: A\n        lines:\n"
                + "          - {sku: MILK, qtty: 2}\n    expect: {A: {verdict: OK}}\n"))
                .startsWith(":7: unknown key \"qtty\" in a line; expected one of sku, qty, ");
    }

    @Test
    void rulesThatDoNotCompileMakeEachScenarioUsingThemAnError() throws IOException {
        Path rules = Files.createDirectories(dir.resolve("broken"));
        Path bad = Files.writeString(rules.resolve("bad.drl"), "package x;\nrule \"x\" when\n  Nope()\nthen end\n");
        Path f = Files.writeString(dir.resolve("s.yaml"), "as_of: 2026-03-10T12:00:00Z\nrules: broken\nscenarios:\n"
                + "  - name: one\n    orders: [" + ORDER + "]\n    expect: {A: {verdict: OK}}\n"
                + "  - name: two\n    orders: [" + ORDER + "]\n    expect: {A: {verdict: OK}}\n");
        List<String> lines = run("rules", "test", f.toString()).expectExit(2).out().lines().toList();
        assertThat(lines).filteredOn(l -> l.startsWith("ERROR ")).hasSize(2)
                .allMatch(l -> l.contains(": scenario \"") && l.endsWith("its rules do not compile:"));
        assertThat(lines).filteredOn(l -> l.contains(bad + ":3:")).hasSize(2);
    }

    @Test
    void aRuleAuthorChangesANormalCombinationInTheTableWithoutJava() throws IOException {
        // 1. an edited copy of the table: N05 (confirmed, payment pending) is no longer normal
        Path rules = Files.createDirectories(dir.resolve("rules"));
        String table = Files.readString(TABLE);
        assertThat(table).contains("\"N05 confirmed, payment pending\"");
        Path edited = Files.writeString(rules.resolve("normal-combinations.drl.csv"),
                table.lines().filter(l -> !l.startsWith("\"N05 ")).reduce("", (a, l) -> a + l + "\n"));

        // 2. rules check: it compiles, and it replaces the default table
        Cli.Result check = run("rules", "check", rules.toString()).expectExit(0);
        assertThat(check.out()).startsWith(edited + " replaces the default io/ordertriage/rules/status/normal-combinations.drl.csv\n")
                .containsPattern("rules check: 1 rule file OK, \\d+ rules in all");

        // 3. rules test: a scenario says what the change means
        Path scenario = Files.writeString(dir.resolve("n05.yaml"), """
                as_of: 2026-03-10T12:00:00Z
                rules: rules
                scenarios:
                  - name: a confirmed order waiting for its payment is no longer normal
                    orders:
                      - {order_id: A, created_at: 2026-03-10T11:55:00Z, order_status: CONFIRMED, payment_status: PENDING, confirmation_status: CONFIRMED}
                    expect:
                      A: {verdict: ATTENTION, priority: P3, normal: none, only_codes: [STATUS_UNRECOGNISED]}
                """);
        assertThat(run("rules", "test", scenario.toString()).expectExit(0).out())
                .startsWith("PASS  " + scenario + ":4  a confirmed order waiting for its payment is no longer normal\n");
        // ... which the default table does not do
        Path without = Files.writeString(dir.resolve("default.yaml"), Files.readString(scenario).replace("rules: rules\n", ""));
        assertThat(run("rules", "test", without.toString()).expectExit(1).out())
                .contains("order A: normal combination: expected none, got N05");

        // 4. classify with the edited table
        Path orders = Files.writeString(dir.resolve("orders.csv"), """
                order_id,created_at,order_status,payment_status,confirmation_status
                A,2026-03-10T11:55:00Z,CONFIRMED,PENDING,CONFIRMED
                """);
        Cli.Result classified = run("classify", orders.toString(), "--rules", rules.toString(), "--as-of", "2026-03-10T12:00:00Z")
                .expectExit(0);
        assertThat(classified.out()).contains("STATUS_UNRECOGNISED");
        assertThat(run("classify", orders.toString(), "--as-of", "2026-03-10T12:00:00Z").expectExit(0).out())
                .doesNotContain("STATUS_UNRECOGNISED");

        // 5. a typing slip in a cell is reported at the cell
        Files.writeString(edited, Files.readString(edited).replace("\"N06 confirmed and paid\",\"CONFIRMED\",\"PAID\"",
                "\"N06 confirmed and paid\",\"CONFIRMED\",\"PAYED\""));
        assertThat(run("rules", "check", rules.toString()).expectExit(4).err())
                .contains(edited + ":14:3: cell C14 (Payment status) = \"PAYED\": ");
    }
}
