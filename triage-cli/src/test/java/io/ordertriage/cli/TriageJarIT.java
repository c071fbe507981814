package io.ordertriage.cli;

import org.junit.jupiter.api.Test;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static io.ordertriage.cli.Cli.ROOT;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shaded jar as a user runs it: a separate {@code java -jar} process on the samples. Checks that
 * the default rules (kmodule.xml, the executable model) survive shading and that stdout holds only
 * results.
 */
class TriageJarIT {
    private static final Path JAR = Path.of(System.getProperty("triage.jar", "target/triage.jar"));

    private record Run(int exit, String out, String err) {
    }

    private static Run java(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-jar");
        cmd.add(JAR.toString());
        cmd.addAll(List.of(args));
        Path out = Files.createTempFile("triage-out", ".txt");
        Path err = Files.createTempFile("triage-err", ".txt");
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("finished in time").isTrue();
        Run r = new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
        Files.delete(out);
        Files.delete(err);
        return r;
    }

    @Test
    void theShadedJarClassifiesTheSamples() throws Exception {
        assertThat(JAR).exists();
        Run r = java("classify", ROOT.resolve("samples/orders.csv").toString(), "--prices",
                ROOT.resolve("samples/prices.csv").toString(), "--delivery-terms",
                ROOT.resolve("samples/delivery-terms.csv").toString(), "--ack", ROOT.resolve("samples/acks.csv").toString(),
                "--as-of", "2026-03-10T09:00:00Z", "--zone", "Europe/Moscow");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo(Files.readString(Cli.GOLDEN.resolve("samples-queue.csv"), StandardCharsets.UTF_8));
        assertThat(r.err()).contains("300 orders read: 300 classified, 0 rejected").doesNotContain("WARN").doesNotContain("INFO");
    }

    @Test
    void theShadedJarCompilesExtraRulesAndReportsBadOnes() throws Exception {
        Path dir = Files.createTempDirectory("rules");
        Path bad = Files.writeString(dir.resolve("bad.drl"), "package custom;\nrule \"x\" when\n  Nope()\nthen end\n");
        Run r = java("rules", "check", dir.toString());
        assertThat(r.exit()).isEqualTo(4);
        assertThat(r.err()).contains(bad + ":3:");
        Files.delete(bad);
        Files.delete(dir);
    }
}
