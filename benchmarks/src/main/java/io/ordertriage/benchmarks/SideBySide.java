package io.ordertriage.benchmarks;

import one.profiler.AsyncProfiler;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.LongSupplier;

/**
 * The engine with every pack and with part two switched off, in one JVM, each on a thread of its
 * own ({@code all}, {@code part-one}), classifying {@link ClassifyBenchmark}'s batch in alternating
 * 2-second slices: the two share the machine's noise, so their ratio moves much less than between
 * JMH forks. Each engine is loaded in a class loader of its own, as in {@link PartTwoCostBenchmark},
 * so the JIT compiles each engine's Drools for that engine alone. (Until the seventh round of
 * docs/performance.md both ran on the same classes, and every pack kept 0.85 of the rate here;
 * loaded apart, 0.88–0.89, as in the JMH benchmark. With the profiler attached the two copies'
 * JIT differ more: one profiled run gave 0.96.) Prints each configuration's median
 * time an order and the ratio. With {@code --profile FILE} the measured slices are recorded with
 * async-profiler (CPU, every millisecond; unlike JFR it also sees stubs and VM code), the stacks
 * written to FILE (collapsed, one line per stack, the thread first), and the samples per million
 * orders of the main places of docs/performance.md printed for each thread. {@code --compiled}
 * builds both engines with their alpha networks compiled.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar io.ordertriage.benchmarks.SideBySide [--compiled] [--rounds N] [--profile FILE]</pre>
 */
public final class SideBySide {
    private static final int WARM_UP_ROUNDS = 6;
    private static final long SLICE_NANOS = 2_000_000_000L;
    /** Frames whose inclusive samples the profile summary prints, and how it names them. */
    private static final Map<String, String> PLACES = new LinkedHashMap<>();

    static {
        PLACES.put("org/drools/core/reteoo/ObjectTypeNode.propagateAssert", "alpha network");
        PLACES.put("org/drools/model/functions/Predicate1$Impl.test", "calling the constraints");
        PLACES.put("itable stub", "interface dispatch (itable stub)");
        PLACES.put("org/drools/core/phreak/RuleExecutor.evaluateNetworkAndFire", "firing rules");
        PLACES.put("org/drools/kiesession/entrypoints/NamedEntryPoint.insert", "inserting facts");
    }

    private SideBySide() {
    }

    private record Config(String name, LongSupplier engine, ExecutorService thread) {
    }

    public static void main(String[] args) throws Exception {
        boolean compiled = false;
        int rounds = 20;
        Path profile = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--compiled" -> compiled = true;
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                case "--profile" -> profile = Path.of(args[++i]);
                default -> {
                    System.err.println("usage: SideBySide [--compiled] [--rounds N] [--profile FILE]");
                    System.exit(2);
                }
            }
        }
        String network = compiled ? "compiled" : "uncompiled";
        List<Config> configs = List.of(config("all", "everyPack", network), config("part-one", "partTwoOff", network));
        Map<String, List<Double>> nanosPerOrder = new LinkedHashMap<>();
        Map<String, Long> measuredOrders = new LinkedHashMap<>();
        AsyncProfiler profiler = null;
        try {
            for (int round = 0; round < WARM_UP_ROUNDS + rounds; round++) {
                if (round == WARM_UP_ROUNDS && profile != null) {
                    profiler = AsyncProfiler.getInstance();
                    profiler.execute("start,event=cpu,interval=1000000,threads");
                }
                for (Config c : configs) {
                    long[] done = c.thread.submit(() -> slice(c.engine)).get();
                    if (round >= WARM_UP_ROUNDS) {
                        nanosPerOrder.computeIfAbsent(c.name, k -> new ArrayList<>()).add(done[1] / (double) done[0]);
                        measuredOrders.merge(c.name, done[0], Long::sum);
                    }
                }
            }
            if (profiler != null) {
                profiler.execute("stop,collapsed,file=" + profile);
            }
        } finally {
            configs.forEach(c -> c.thread.shutdownNow());
        }
        double allNanos = median(nanosPerOrder.get("all"));
        double oneNanos = median(nanosPerOrder.get("part-one"));
        System.out.printf("%s, %d measured rounds of 2 s each: every pack %.0f ns an order, part two off %.0f ns:"
                        + " every pack keeps %.3f of the rate%n", compiled ? "alpha networks compiled" : "uncompiled",
                rounds, allNanos, oneNanos, oneNanos / allNanos);
        if (profile != null) {
            summarize(profile, measuredOrders);
        }
    }

    /** An engine in a class loader of its own ({@link PartTwoCostBenchmark}), and a thread that runs only it. */
    private static Config config(String name, String packs, String network) throws Exception {
        ClassLoader loader = PartTwoCostBenchmark.isolatedLoader(name);
        ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            t.setContextClassLoader(loader);
            return t;
        });
        LongSupplier engine = thread.submit(() -> PartTwoCostBenchmark.engineIn(loader, packs, network, 0)).get();
        return new Config(name, engine, thread);
    }

    /** Classifies the batch again and again for one slice: {orders, nanoseconds}. */
    private static long[] slice(LongSupplier engine) {
        long n = 0;
        long start = System.nanoTime();
        long elapsed;
        do {
            engine.getAsLong();
            n += ClassifyBenchmark.BATCH;
            elapsed = System.nanoTime() - start;
        } while (elapsed < SLICE_NANOS);
        return new long[] {n, elapsed};
    }

    private static double median(List<Double> xs) {
        List<Double> sorted = new ArrayList<>(xs);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    /** Inclusive samples per million orders of each of {@link #PLACES}, per thread. */
    private static void summarize(Path collapsed, Map<String, Long> orders) throws IOException {
        Map<String, Map<String, Long>> byThread = new LinkedHashMap<>();
        for (String line : Files.readAllLines(collapsed)) {
            int space = line.lastIndexOf(' ');
            String[] frames = line.substring(0, space).split(";");
            long samples = Long.parseLong(line.substring(space + 1));
            String thread = frames[0].startsWith("[") ? frames[0].substring(1).split(" ")[0] : "";
            if (!orders.containsKey(thread)) {
                continue;
            }
            Map<String, Long> counts = byThread.computeIfAbsent(thread, t -> new LinkedHashMap<>());
            counts.merge("everything", samples, Long::sum);
            Set<String> seen = new HashSet<>();
            for (String frame : frames) {
                String place = PLACES.get(frame);
                if (place != null && seen.add(place)) {
                    counts.merge(place, samples, Long::sum);
                }
            }
        }
        System.out.printf("%-36s %12s %12s  (samples per million orders, one a millisecond; stacks in %s)%n", "",
                "every pack", "part two off", collapsed);
        List<String> rows = new ArrayList<>(List.of("everything"));
        rows.addAll(PLACES.values());
        for (String row : rows) {
            System.out.printf("%-36s %12.0f %12.0f%n", row, perMillion(byThread, orders, "all", row),
                    perMillion(byThread, orders, "part-one", row));
        }
    }

    private static double perMillion(Map<String, Map<String, Long>> byThread, Map<String, Long> orders, String thread,
                                     String row) {
        long samples = byThread.getOrDefault(thread, Map.of()).getOrDefault(row, 0L);
        return samples * 1e6 / orders.get(thread);
    }
}
