package io.ordertriage.benchmarks;

import io.ordertriage.RulePack;
import io.ordertriage.TriageEngine;
import io.ordertriage.TriageSettings;
import io.ordertriage.model.Order;
import io.ordertriage.reference.OrderGenerator;
import jdk.jfr.Recording;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;

/**
 * The benchmark's batch classified in a loop by one engine, for profiling rather than timing: 30 s of
 * warm-up, then {@code SECONDS} recorded by Java Flight Recorder with a CPU sample every millisecond
 * (JMH's {@code -prof jfr} samples every 20 ms: too few samples to split a 20% difference), written to
 * {@code FILE}. {@code all} runs every pack, {@code part-one} the packs of part two switched off, as
 * {@link ClassifyBenchmark#engine} and {@link ClassifyBenchmark#enginePartOne}. Sampling this often
 * slows the loop about twofold, so the rate it prints is not a benchmark figure. {@link ProfileDiff}
 * compares two recordings.
 *
 * <pre>java -Xms2g -Xmx2g -XX:+UseParallelGC -cp benchmarks/target/benchmarks.jar \
 *     io.ordertriage.benchmarks.ProfileLoop all|part-one FILE.jfr [SECONDS]</pre>
 */
public final class ProfileLoop {
    private ProfileLoop() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2 || !(args[0].equals("all") || args[0].equals("part-one"))) {
            System.err.println("usage: ProfileLoop all|part-one FILE.jfr [SECONDS]");
            System.exit(2);
        }
        long seconds = args.length > 2 ? Long.parseLong(args[2]) : 40;
        List<Order> orders = new OrderGenerator(42, ClassifyBenchmark.AS_OF).orders(ClassifyBenchmark.BATCH);
        TriageSettings settings = TriageSettings.defaults();
        if (args[0].equals("part-one")) {
            for (RulePack p : RulePack.PART_TWO) {
                settings = settings.withPack(p, false);
            }
        }
        TriageEngine engine = TriageEngine.builder().clock(Clock.fixed(ClassifyBenchmark.AS_OF, ZoneOffset.UTC))
                .priceList(OrderGenerator.priceList()).deliveryTerms(OrderGenerator.deliveryTerms())
                .settings(settings).build();
        long results = loop(engine, orders, Duration.ofSeconds(30));
        try (Recording recording = new Recording()) {
            recording.enable("jdk.ExecutionSample").withPeriod(Duration.ofMillis(1));
            recording.start();
            long start = System.nanoTime();
            long n = loop(engine, orders, Duration.ofSeconds(seconds));
            double elapsed = (System.nanoTime() - start) / 1e9;
            recording.stop();
            recording.dump(Path.of(args[1]));
            results += n;
            System.out.printf("%s: %,.0f orders/s while recording, %d orders classified while recording (%d in all); %s%n",
                    args[0], n / elapsed, n, results, args[1]);
        }
    }

    private static long loop(TriageEngine engine, List<Order> orders, Duration length) {
        long end = System.nanoTime() + length.toNanos();
        long n = 0;
        while (System.nanoTime() < end) {
            n += engine.classifyAll(orders, ClassifyBenchmark.AS_OF).size();
        }
        return n;
    }
}
