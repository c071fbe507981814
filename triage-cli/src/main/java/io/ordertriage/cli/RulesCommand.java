package io.ordertriage.cli;

import io.ordertriage.TriageEngine;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/** {@code triage rules}: commands for rule authors. */
@Command(name = "rules", mixinStandardHelpOptions = true, description = "Commands for rule authors.",
        subcommands = RulesCommand.Check.class)
final class RulesCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required: check");
    }

    /** {@code triage rules check DIR...}: compile rule files with the default rules. */
    @Command(name = "check", mixinStandardHelpOptions = true,
            description = {"Compile rule files together with the default rules.",
                    "Prints file:line:column: message for each problem (exit 4), or a one-line summary (exit 0)."})
    static final class Check implements Callable<Integer> {
        @Parameters(arity = "1..*", paramLabel = "DIR", description = "Directories (or .drl files) of rule files.")
        List<Path> locations;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            int defaults = TriageEngine.builder().build().ruleCount();
            TriageEngine.Builder b = TriageEngine.builder();
            locations.forEach(b::addRules);
            TriageEngine engine = b.build();   // a RuleCompilationException becomes exit 4 with every problem
            long files = 0;
            for (Path p : locations) {
                try (Stream<Path> s = Files.walk(p)) {
                    files += s.filter(f -> f.toString().endsWith(".drl")).count();
                }
            }
            spec.commandLine().getOut().println("rules check: " + files + " rule file" + (files == 1 ? "" : "s") + " OK, "
                    + engine.ruleCount() + " rules in all (" + defaults + " default, " + (engine.ruleCount() - defaults) + " added)");
            return ExitCodes.OK;
        }
    }
}
