package io.ordertriage.cli;

import io.ordertriage.RuleInfo;
import io.ordertriage.RulePack;
import io.ordertriage.TriageEngine;
import io.ordertriage.model.PriceList;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/** {@code triage rules}: commands for rule authors. */
@Command(name = "rules", mixinStandardHelpOptions = true, description = "Commands for rule authors.",
        subcommands = {RulesCommand.Check.class, RulesCommand.ListRules.class, RulesCommand.TestScenarios.class})
final class RulesCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required: check, list, test");
    }

    /** {@code triage rules list [DIR...]}: every rule, default and extra, with its pack and where it is written. */
    @Command(name = "list", mixinStandardHelpOptions = true,
            description = {"List every rule: the default rules (every pack) and those of DIR, if given.",
                    "One line per rule: default or extra, its pack (an extra rule's package), file:line, name.",
                    "Rules that do not compile are reported as by check (exit 4)."})
    static final class ListRules implements Callable<Integer> {
        @Parameters(arity = "0..*", paramLabel = "DIR", description = "Directories (or .drl files) of extra rule files.")
        List<Path> locations = List.of();

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            // an empty price list: the pricing pack runs only with one, and every pack is listed
            TriageEngine.Builder b = TriageEngine.builder().priceList(PriceList.builder().build());
            locations.forEach(b::addRules);
            List<RuleInfo> rules = b.build().rules();
            List<String[]> rows = new ArrayList<>();
            for (RuleInfo r : rules) {
                rows.add(new String[]{r.extra() ? "extra" : "default", r.pack().map(RulePack::key).orElse(r.packageName()),
                        r.source() + (r.line() > 0 ? ":" + r.line() : ""), r.name()});
            }
            int[] width = new int[3];
            for (String[] row : rows) {
                for (int i = 0; i < width.length; i++) {
                    width[i] = Math.max(width[i], row[i].length());
                }
            }
            PrintWriter out = spec.commandLine().getOut();
            for (String[] row : rows) {
                StringBuilder line = new StringBuilder();
                for (int i = 0; i < width.length; i++) {
                    line.append(row[i]).append(" ".repeat(width[i] - row[i].length() + 2));
                }
                out.println(line.append(row[3]));
            }
            long extra = rules.stream().filter(RuleInfo::extra).count();
            long packs = rules.stream().filter(r -> !r.extra()).map(RuleInfo::packageName).distinct().count();
            out.println(rules.size() + " rules: " + (rules.size() - extra) + " default (" + packs + " packs), " + extra + " extra");
            out.flush();
            return ExitCodes.OK;
        }
    }

    /** {@code triage rules test PATH...}: run scenario files. */
    @Command(name = "test", mixinStandardHelpOptions = true,
            description = {"Run scenario files (YAML; the format is in docs/rules.md): orders, how to classify them, and "
                    + "what to expect of each.",
                    "One line per scenario (PASS, FAIL, or ERROR for a malformed one); a failure shows what was expected, "
                            + "what came, and the rules that fired.",
                    "Exit 0 when every scenario passes, 1 when any fails, 2 when a scenario file is malformed."})
    static final class TestScenarios implements Callable<Integer> {
        @Parameters(arity = "1..*", paramLabel = "PATH", description = "Scenario files, or directories of them (*.yaml, *.yml).")
        List<Path> paths;

        @picocli.CommandLine.Option(names = "--junit", paramLabel = "FILE", description = "Also write a JUnit XML report, for CI.")
        Path junit;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            return io.ordertriage.cli.scenario.ScenarioTests.run(paths, junit, spec.commandLine().getOut());
        }
    }

    /** {@code triage rules check DIR...}: compile rule files with the default rules. */
    @Command(name = "check", mixinStandardHelpOptions = true,
            description = {"Compile rule files (.drl, and decision tables .drl.csv) together with the default rules.",
                    "Prints file:line:column: message for each problem, a table's problems at row:column with the cell "
                            + "named (exit 4), or a summary (exit 0).",
                    "A file named like a default rule file (normal-combinations.drl.csv, say) replaces it."})
    static final class Check implements Callable<Integer> {
        @Parameters(arity = "1..*", paramLabel = "DIR", description = "Directories (or files) of rule files.")
        List<Path> locations;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            List<RuleInfo> defaults = TriageEngine.builder().priceList(PriceList.builder().build()).build().rules();
            TriageEngine.Builder b = TriageEngine.builder().priceList(PriceList.builder().build());
            locations.forEach(b::addRules);
            List<RuleInfo> rules = b.build().rules();   // a RuleCompilationException becomes exit 4 with every problem
            List<Path> files = new ArrayList<>();
            for (Path p : locations) {
                try (Stream<Path> s = Files.walk(p)) {
                    s.filter(f -> isRuleFile(f.getFileName().toString())).sorted().forEach(files::add);
                }
            }
            PrintWriter out = spec.commandLine().getOut();
            for (Path f : files) {
                String name = f.getFileName().toString();
                defaults.stream().map(RuleInfo::source).distinct().filter(s -> s.endsWith("/" + name)).findFirst()
                        .ifPresent(s -> out.println(f + " replaces the default " + s));
            }
            long extra = rules.stream().filter(RuleInfo::extra).count();
            out.println("rules check: " + files.size() + " rule file" + (files.size() == 1 ? "" : "s") + " OK, "
                    + rules.size() + " rules in all (" + (rules.size() - extra) + " default, " + extra + " added)");
            out.flush();
            return ExitCodes.OK;
        }

        private static boolean isRuleFile(String name) {
            return name.endsWith(".drl") || name.endsWith(".drl.csv");
        }
    }
}
