package io.ordertriage;

import io.ordertriage.model.Order;
import io.ordertriage.model.TriageResult;
import io.ordertriage.reference.OrderGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.tools.ToolProvider;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static io.ordertriage.Fixtures.AS_OF;
import static io.ordertriage.Fixtures.CLOCK;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * An engine in a Java runtime without a compiler (a JRE, or a jlinked image without
 * {@code jdk.compiler}) cannot compile its alpha network, neither at build nor in the background
 * after enough orders: it must say so once and go on classifying uncompiled, with the same results.
 * The runtime is a child JVM limited to the Java SE modules ({@code --limit-modules}), which leaves
 * out {@code jdk.compiler} whatever the JDK that runs the build.
 */
class NoJavaCompilerTest {

    @Test
    void withoutAJavaCompilerAnEngineSaysSoAndKeepsClassifyingUncompiled(@TempDir Path dir)
            throws IOException, InterruptedException {
        Path out = dir.resolve("stdout.txt");
        Path err = dir.resolve("stderr.txt");
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--limit-modules", "java.se,jdk.unsupported",
                "-cp", System.getProperty("java.class.path"), Child.class.getName())
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(child.waitFor(3, TimeUnit.MINUTES)).as("the child JVM finished").isTrue();
        String stdout = Files.readString(out);
        String stderr = Files.readString(err);
        assertThat(child.exitValue()).as("exit status; stderr:%n%s", stderr).isZero();

        assertThat(stdout.lines()).containsExactly(
                "java compiler: none",
                "compiled at build: false",
                "compiled after 100 orders: false",
                "same results as never compiled: true");
        // once for the engine compiled at build, once for the one compiling in the background
        assertThat(stderr.lines().filter(l -> l.contains(
                "The alpha network could not be compiled, so the rules run uncompiled (same results, slower)")
                && l.contains("Compiling it needs a Java compiler at run time"))).hasSize(2);
    }

    /** Runs in the child JVM: prints what {@link NoJavaCompilerTest} checks. */
    static final class Child {
        public static void main(String[] args) throws InterruptedException {
            System.out.println("java compiler: " + (ToolProvider.getSystemJavaCompiler() == null ? "none" : "present"));
            List<Order> orders = new OrderGenerator(14, AS_OF).orders(400);
            List<TriageResult> expected = engine().compileAlphaNetwork(false).build().classifyAll(orders, AS_OF);

            TriageEngine atBuild = engine().compileAlphaNetwork(true).build();
            System.out.println("compiled at build: " + atBuild.alphaNetworkCompiled());

            TriageEngine adaptive = engine().compileAlphaNetworkAfter(100).build();
            List<TriageResult> first = adaptive.classifyAll(orders, AS_OF);   // starts the compiler thread
            for (Thread t : Thread.getAllStackTraces().keySet()) {
                if (t.getName().equals("order-triage-alpha-network-compiler")) {
                    t.join(TimeUnit.MINUTES.toMillis(2));
                }
            }
            System.out.println("compiled after 100 orders: " + adaptive.alphaNetworkCompiled());
            List<TriageResult> after = adaptive.classifyAll(orders, AS_OF);
            System.out.println("same results as never compiled: " + (first.equals(expected) && after.equals(expected)
                    && atBuild.classifyAll(orders, AS_OF).equals(expected)));
        }

        private static TriageEngine.Builder engine() {
            return TriageEngine.builder().clock(CLOCK).priceList(OrderGenerator.priceList())
                    .deliveryTerms(OrderGenerator.deliveryTerms());
        }
    }
}
