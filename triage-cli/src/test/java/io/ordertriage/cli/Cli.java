package io.ordertriage.cli;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Runs the CLI in-process through its factory, as main does, capturing both streams. */
final class Cli {
    /** The repository root (tests run in triage-cli/). */
    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    static final Path FIXTURES = Path.of("src/test/resources/fixtures");
    static final Path GOLDEN = Path.of("src/test/resources/golden");

    record Result(int exit, String out, String err) {
        Result expectExit(int code) {
            assertThat(exit).as("exit code; stderr:%n%s", err).isEqualTo(code);
            return this;
        }
    }

    /** An extra rule: VIP_ORDER for every order of the VIP store; its {@code rule} keyword is on line 7. */
    static final String VIP_RULE = """
            package custom.vip;
            import io.ordertriage.facts.OrderFact;
            import io.ordertriage.facts.FindingFact;
            import io.ordertriage.model.Priority;
            import io.ordertriage.model.Action;

            rule "VIP_ORDER orders of the VIP store are reviewed"
            when
                $o : OrderFact(store == "VIP")
            then
                insert(FindingFact.forOrder($o, "VIP_ORDER", Priority.P3, Action.REVIEW, drools.getRule().getName(), "VIP"));
            end
            """;

    private Cli() {
    }

    static Result run(String... args) {
        return runWithStdin(new ByteArrayInputStream(new byte[0]), args);
    }

    static Result runWithStdin(byte[] stdin, String... args) {
        return runWithStdin(new ByteArrayInputStream(stdin), args);
    }

    private static Result runWithStdin(InputStream stdin, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = TriageCli.commandLine(stdin, new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    /** Compares with a golden file; {@code -Dgolden.update=true} rewrites it instead. */
    static void assertGolden(String actual, String goldenName) throws IOException {
        Path golden = GOLDEN.resolve(goldenName);
        if (Boolean.getBoolean("golden.update")) {
            Files.writeString(golden, actual, StandardCharsets.UTF_8);
        }
        assertThat(golden).as("golden file %s (rewrite with -Dgolden.update=true)", golden).exists();
        assertThat(actual).as("output vs golden file %s (rewrite with -Dgolden.update=true)", golden)
                .isEqualTo(Files.readString(golden, StandardCharsets.UTF_8));
    }

    static String fixture(String name) {
        return FIXTURES.resolve(name).toString();
    }
}
