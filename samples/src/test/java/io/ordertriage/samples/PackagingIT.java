package io.ordertriage.samples;

import org.junit.jupiter.api.Test;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The embedding example packaged as a user packages a service, run with {@code java -jar} in a
 * process of its own: a shaded uber-jar (the configuration of docs/embedding.md, and the shade
 * plugin's defaults) and a Spring Boot jar (libraries nested in BOOT-INF/lib). Each prints the example's results and starts on the
 * pre-built rules (the executable model), not on the DRL compiled at start.
 */
class PackagingIT {
    static final String RESULTS = """
            A-1: ATTENTION P2 https://wa.me/79145841332
              PRICE_ABOVE_CITY_REFERENCE -> ADJUST_PRICE: item MILK-1L costs 99.90, above the 94.90 reference price in Moscow: adjust the price
            A-2: ATTENTION P1
              CANCELLED_BUT_PAID -> REFUND: order is CANCELLED but payment is PAID: refund the customer
            """;

    private record Run(int exit, String out, long millis) {
    }

    private static Run javaJar(Path jar) throws IOException, InterruptedException {
        assertThat(jar).exists();
        Path out = Files.createTempFile("packaging", ".txt");
        long start = System.nanoTime();
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString())
                .redirectErrorStream(true).redirectOutput(out.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("finished in time").isTrue();
        long millis = (System.nanoTime() - start) / 1_000_000;
        Run r = new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), millis);
        Files.delete(out);
        System.err.printf("%s: %d ms%n", jar.getFileName(), millis);
        return r;
    }

    private static void startsOnThePrebuiltRules(Run r) {
        assertThat(r.exit()).as(r.out()).isZero();
        List<String> lines = r.out().lines().toList();
        assertThat(lines.stream().filter(l -> !l.contains(" INFO ") && !l.contains(" DEBUG ") && !l.contains(" WARN "))
                .map(l -> l + "\n").reduce("", String::concat)).isEqualTo(RESULTS);
        assertThat(r.out()).contains("Rule base ready (executable model: the pre-built rules of io.ordertriage:triage-rules)")
                .doesNotContain("compiled at run time");
    }

    @Test
    void aShadedUberJarStartsOnThePrebuiltRules() throws Exception {
        startsOnThePrebuiltRules(javaJar(Path.of("target/embedding-shaded.jar")));
    }

    @Test
    void aShadedJarWithTheShadePluginsDefaultsStartsOnThePrebuiltRulesToo() throws Exception {
        // the model is found by the rules jar's own index, not through the services Drools would look up
        startsOnThePrebuiltRules(javaJar(Path.of("target/embedding-shaded-defaults.jar")));
    }

    @Test
    void aSpringBootJarStartsOnThePrebuiltRules() throws Exception {
        startsOnThePrebuiltRules(javaJar(Path.of("target/samples-0.1.0-SNAPSHOT-boot.jar")));
    }
}
