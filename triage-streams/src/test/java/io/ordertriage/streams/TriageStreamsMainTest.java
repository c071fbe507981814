package io.ordertriage.streams;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The runnable's start: its configuration, its rules and the broker, each failing with a clear message. */
class TriageStreamsMainTest {
    @TempDir
    Path dir;

    private record Run(int exit, String err) {
    }

    private Run run(String config) throws IOException {
        Path file = Files.writeString(dir.resolve("triage.properties"), config);
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = TriageStreamsMain.run(new String[]{file.toString()}, new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(exit, err.toString(StandardCharsets.UTF_8));
    }

    private static final String GOOD = """
            application.id=order-triage
            triage.input.topic=orders
            triage.output.topic=triage-results
            triage.dead.letter.topic=orders-dead-letters
            triage.connect.timeout=2s
            """;

    @Test
    void aBrokerThatCannotBeReachedIsAClearErrorNotAHang() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();   // free now, and nothing listens once closed
        }
        Run r = run(GOOD + "bootstrap.servers=localhost:" + port + "\n");
        assertThat(r.exit()).isEqualTo(3);
        assertThat(r.err()).contains("triage-streams: cannot reach the Kafka broker at localhost:" + port + " within 2 s (")
                .contains("check bootstrap.servers and that the broker is running");
    }

    @Test
    void aConfigurationMistakeNamesTheKey() throws IOException {
        assertThat(run("bootstrap.servers=x:1\n" + GOOD.replace("triage.output.topic=triage-results\n", "")))
                .isEqualTo(new Run(2, "triage-streams: " + dir.resolve("triage.properties")
                        + ": triage.output.topic is missing; name the topic (docs/streams.md)\n"));
        assertThat(run("bootstrap.servers=x:1\n" + GOOD + "triage.tik=1m\n").err()).contains("unknown key triage.tik; expected");
        assertThat(run("bootstrap.servers=x:1\n" + GOOD + "triage.tick=soon\n").err())
                .contains("triage.tick \"soon\": expected a positive duration such as PT1M, 30s or 1m");
        assertThat(run("bootstrap.servers=x:1\n" + GOOD + "triage.set.payment.timeout=forever\n").err())
                .contains("triage.set.payment.timeout: ").contains("\"forever\"");
        assertThat(run(GOOD).err()).contains("bootstrap.servers is missing");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertThat(TriageStreamsMain.run(new String[0], new PrintStream(err, true, StandardCharsets.UTF_8))).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("usage: triage-streams CONFIG.properties");
    }

    @Test
    void rulesThatDoNotCompileAreListedBeforeAnyBrokerIsAsked() throws IOException {
        Path rules = Files.createDirectories(dir.resolve("rules"));
        Files.writeString(rules.resolve("bad.drl"), "package x;\nrule \"x\" when\n  Nope()\nthen end\n");
        Run r = run("bootstrap.servers=localhost:1\n" + GOOD + "triage.rules=" + rules + "\n");
        assertThat(r.exit()).isEqualTo(4);
        assertThat(r.err()).contains(rules.resolve("bad.drl") + ":3:").contains("triage-streams: the rules do not compile");
    }
}
