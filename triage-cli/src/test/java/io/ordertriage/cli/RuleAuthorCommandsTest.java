package io.ordertriage.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.ordertriage.cli.Cli.fixture;
import static io.ordertriage.cli.Cli.run;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code triage rules list} and {@code classify --rule-stats}: what a rule author sees of the rules. */
class RuleAuthorCommandsTest {
    private static final String AS_OF = "2026-03-10T12:00:00+03:00";

    @TempDir
    Path dir;

    @Test
    void rulesListShowsEveryDefaultRuleWithItsPackFileAndLine() {
        List<String> lines = run("rules", "list").expectExit(0).out().lines().toList();
        assertThat(lines).anyMatch(l -> l.matches(
                "default +timers +io/ordertriage/rules/timers/timers\\.drl:\\d+ +CONFIRMATION_OVERDUE .*"));
        assertThat(lines).anyMatch(l -> l.matches("default +pricing +io/ordertriage/rules/pricing/pricing\\.drl:\\d+ +.*"));
        Matcher total = Pattern.compile("(\\d+) rules: (\\d+) default \\(12 packs\\), 0 extra").matcher(lines.get(lines.size() - 1));
        assertThat(total.matches()).as(lines.get(lines.size() - 1)).isTrue();
        assertThat(total.group(1)).isEqualTo(total.group(2));
        assertThat(lines).hasSize(Integer.parseInt(total.group(1)) + 1);
    }

    @Test
    void rulesListAddsTheExtraRulesAfterTheDefaultOnes() throws IOException {
        Path vip = Files.writeString(dir.resolve("vip.drl"), Cli.VIP_RULE);
        List<String> lines = run("rules", "list", dir.toString()).expectExit(0).out().lines().toList();
        assertThat(lines.get(lines.size() - 2))
                .matches("extra +custom\\.vip +" + Pattern.quote(vip.toString()) + ":7 +VIP_ORDER orders of the VIP store are reviewed");
        assertThat(lines.get(lines.size() - 1)).matches("\\d+ rules: \\d+ default \\(12 packs\\), 1 extra");
    }

    @Test
    void rulesListReportsRulesThatDoNotCompileAsCheckDoes() throws IOException {
        Path bad = Files.writeString(dir.resolve("bad.drl"), "package x;\nrule \"x\" when\n  Nope()\nthen end\n");
        assertThat(run("rules", "list", dir.toString()).expectExit(4).err()).contains(bad + ":3:");
    }

    @Test
    void ruleStatsListEveryRuleWithTheOrdersItFiredFor() throws IOException {
        Path stats = dir.resolve("stats.csv");
        Path out = dir.resolve("out.jsonl");
        Cli.Result r = run("classify", fixture("canonical-small.csv"), "--as-of", AS_OF, "--all", "--format", "jsonl",
                "-o", out.toString(), "--rule-stats", stats.toString()).expectExit(0);
        List<CSVRecord> rows;
        try (Reader in = Files.newBufferedReader(stats, StandardCharsets.UTF_8)) {
            rows = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).build().parse(in).getRecords();
        }
        assertThat(Files.readAllLines(stats).get(0)).isEqualTo("\"package\",\"rule\",\"orders\",\"firings\"");
        long fired = rows.stream().filter(row -> Long.parseLong(row.get("firings")) > 0).count();
        assertThat(fired).isPositive().isLessThan(rows.size());
        for (CSVRecord row : rows) {
            assertThat(Long.parseLong(row.get("firings"))).isGreaterThanOrEqualTo(Long.parseLong(row.get("orders")));
        }
        // no price list: the pricing pack does not run, so its rules are not listed
        assertThat(rows).noneMatch(row -> row.get("package").endsWith(".pricing"));
        assertThat(r.err()).contains("triage: rules: " + fired + " of " + rows.size() + " fired on this input, "
                + (rows.size() - fired) + " never did; per rule in " + stats);
        // a rule fired for at least the orders that carry one of its findings (a status diagnosis outranked
        // by a more urgent one fired and raised nothing)
        Map<String, Integer> ordersWithFindingOf = new HashMap<>();
        ObjectMapper json = new ObjectMapper();
        for (String line : Files.readAllLines(out)) {
            Set<String> rules = new HashSet<>();
            json.readTree(line).get("findings").forEach(f -> rules.add(f.get("rule").asText()));
            rules.forEach(rule -> ordersWithFindingOf.merge(rule, 1, Integer::sum));
        }
        assertThat(ordersWithFindingOf).isNotEmpty();
        ordersWithFindingOf.forEach((rule, n) -> assertThat(rows).as(rule)
                .anyMatch(row -> row.get("rule").equals(rule) && Integer.parseInt(row.get("orders")) >= n));
    }

    @Test
    void ruleStatsMustNotReplaceAnotherFile() {
        assertThat(run("classify", fixture("canonical-small.csv"), "-o", dir.resolve("a.csv").toString(),
                "--rule-stats", dir.resolve("a.csv").toString()).expectExit(2).err())
                .contains("--rule-stats names the same file as -o/--output");
        assertThat(run("classify", fixture("canonical-small.csv"), "--rule-stats", fixture("canonical-small.csv"))
                .expectExit(2).err()).contains("is also an input file");
    }
}
