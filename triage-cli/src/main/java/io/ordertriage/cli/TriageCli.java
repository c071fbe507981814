package io.ordertriage.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import io.ordertriage.RuleCompilationException;
import io.ordertriage.RuleProblem;
import io.ordertriage.cli.io.InputException;
import io.ordertriage.cli.io.Mapping;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/**
 * The {@code triage} command. {@link #commandLine(PrintWriter, PrintWriter)} builds the configured
 * picocli command for both {@link #main} and the tests; every exception becomes its exit code here
 * and only here.
 */
@Command(name = "triage", mixinStandardHelpOptions = true, versionProvider = TriageCli.Version.class,
        description = "Says which orders need a person, how urgently, and what that person should do.",
        subcommands = {ClassifyCommand.class, ExplainCommand.class, RulesCommand.class, CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the run completed (even with rejected orders, which the summary counts)", "1:an internal error",
                "2:a usage error", "3:the input cannot be read at all", "4:the rules do not compile"})
public final class TriageCli implements Runnable {

    @Option(names = "--verbose", scope = CommandLine.ScopeType.INHERIT,
            description = "Log what the engine does and show stack traces of errors.")
    boolean verbose;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Where "-" or no INPUT reads from. */
    InputStream stdin = System.in;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required: classify, explain or rules");
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(new java.io.OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new java.io.OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        int code = commandLine(out, err).execute(args);
        out.flush();
        err.flush();
        System.exit(code);
    }

    /** The configured command, writing results to {@code out} and messages to {@code err}. */
    public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        return commandLine(System.in, out, err);
    }

    /** As {@link #commandLine(PrintWriter, PrintWriter)}, reading standard input from {@code in}. */
    public static CommandLine commandLine(InputStream in, PrintWriter out, PrintWriter err) {
        TriageCli root = new TriageCli();
        root.stdin = in;
        CommandLine cl = new CommandLine(root);
        cl.setOut(out);
        cl.setErr(err);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setExecutionStrategy(parsed -> {
            TriageCli top = parsed.asCommandLineList().get(0).getCommand();
            ((Logger) LoggerFactory.getLogger("io.ordertriage")).setLevel(top.verbose ? Level.DEBUG : Level.WARN);
            return new CommandLine.RunLast().execute(parsed);
        });
        cl.setParameterExceptionHandler((e, args) -> {
            CommandLine c = e.getCommandLine();
            c.getErr().println("triage: " + e.getMessage());
            c.getErr().println("Try '" + c.getCommandSpec().qualifiedName() + " --help' for more information.");
            return ExitCodes.USAGE;
        });
        cl.setExecutionExceptionHandler((e, c, parsed) -> {
            PrintWriter w = c.getErr();
            boolean verbose = parsed.asCommandLineList().get(0).<TriageCli>getCommand().verbose;
            int code = exitCode(e);
            if (e instanceof RuleCompilationException rce) {
                for (RuleProblem p : rce.problems()) {
                    w.println(p);
                }
                w.println("triage: " + rce.problems().size() + " problem" + (rce.problems().size() == 1 ? "" : "s")
                        + " in rule files; nothing was classified");
            } else if (code == ExitCodes.INTERNAL) {
                w.println("triage: internal error: " + e);
                if (!verbose) {
                    w.println("triage: run again with --verbose for the stack trace");
                }
            } else {
                w.println("triage: " + e.getMessage());
            }
            if (verbose) {
                e.printStackTrace(w);
            }
            w.flush();
            return code;
        });
        return cl;
    }

    /** Rulebook §10's exit codes, decided in one place. */
    static int exitCode(Throwable e) {
        if (e instanceof UsageException || e instanceof Mapping.MappingException) {
            return ExitCodes.USAGE;
        }
        if (e instanceof InputException) {
            return ExitCodes.INPUT;
        }
        if (e instanceof RuleCompilationException) {
            return ExitCodes.RULES;
        }
        return ExitCodes.INTERNAL;
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = TriageCli.class.getPackage().getImplementationVersion();
            return new String[]{"triage " + (v == null ? "(development build)" : v)};
        }
    }
}
