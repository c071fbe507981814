package io.ordertriage.benchmarks;

import io.ordertriage.RulePack;
import io.ordertriage.TriageEngine;
import io.ordertriage.TriageSettings;
import io.ordertriage.model.Acknowledgements;
import io.ordertriage.model.Order;
import io.ordertriage.model.PriceList;
import io.ordertriage.model.TriageResult;
import io.ordertriage.reference.OrderGenerator;
import io.ordertriage.reference.ReferenceClassifier;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.runner.IterationType;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Issues 8 and 9's target, the engine with every pack against the same engine with some packs
 * switched off, measured side by side, alternating batch by batch: each invocation classifies
 * {@link ClassifyBenchmark}'s batch with both engines, the first one first in even invocations and
 * second in odd ones, and times each. The two share the machine's noise, which between JMH forks
 * is ±20% here. {@code without=partTwo} switches every pack of part two (§11–§17) off, issue 9's
 * target; {@code without=scheduling} switches off issue 8's packs (§11–§14: delivery, stages,
 * pickup, recipient) and keeps every other one on; {@code without=schedulingOnPartOne} compares
 * part one with §11–§14 against part one alone (the engine as it was when issue 8 was written,
 * before §15–§17).
 * <p>
 * Each engine runs in a JVM of its own ({@code isolation=processes}, {@link EngineProcess}), as a
 * service runs one engine: the JIT profiles and compiles each engine's code, Drools' and the
 * JDK's, for that engine alone. This JVM only tells them in turn to classify the batch; each
 * times its own run. (Two configurations through the same call sites would each be measured with
 * code compiled for the mix of both. {@code isolation=loaders}, rounds seven and eight, gives each
 * engine a class loader of its own in this JVM, whose parent is the platform loader: that
 * separates the engine's and Drools' code but not the JDK's. It gives the same ratio.
 * {@link SideBySide}, for profiles, loads its engines that way.)
 * <p>
 * The score is orders a second through both engines together; the secondary results
 * {@code withNanos} (the first engine) and {@code withoutNanos} (the second) are each engine's own
 * time in an iteration (the same orders go through both, so their quotient is the ratio of the
 * rates), and every iteration prints both rates and the ratio. {@code network=asBuilt} builds the
 * engines as a user does (compiled in the background after
 * {@value TriageEngine#DEFAULT_COMPILE_AFTER} orders, during warm-up); {@code uncompiled} never
 * compiles them (the CLI); {@code compiled} compiles them at build. {@code batchSize} sets the
 * orders a session (0, the default, keeps the engine's). Each engine is checked against the
 * reference on the whole batch first. A fork takes about 90 s.
 *
 * <pre>java -jar benchmarks/target/benchmarks.jar PartTwoCostBenchmark -p without=partTwo -f 6</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 8, time = 5)
@Measurement(iterations = 6, time = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-XX:+UseParallelGC"})
public class PartTwoCostBenchmark {
    @Param({"asBuilt", "uncompiled"})
    public String network;

    /**
     * The packs the second engine switches off: {@code partTwo} (§11–§17) or {@code scheduling}
     * (§11–§14); {@code schedulingOnPartOne}: §11–§14, with §15–§17 off in both engines.
     */
    @Param({"partTwo", "scheduling", "schedulingOnPartOne"})
    public String without;

    /**
     * Where each engine runs: {@code processes}, each in a JVM of its own; {@code loaders}, each in a
     * class loader of its own in this JVM (rounds seven and eight).
     */
    @Param({"processes"})
    public String isolation;

    /** Orders a session ({@code TriageEngine.Builder.batchSize}); 0 is the engine's default. */
    @Param({"0"})
    public int batchSize;

    private Side first;
    private Side second;
    private Comparison comparison;
    private long invocations;
    private final List<Double> measuredRatios = new ArrayList<>();

    /** The two engines' packs ({@link Engine}'s names) and how the output names them, by {@link #without}. */
    private record Comparison(String firstPacks, String firstLabel, String secondPacks, String secondLabel) {
        static Comparison of(String without) {
            return switch (without) {
                case "partTwo" -> new Comparison("everyPack", "every pack", "partTwoOff", "part two off");
                case "scheduling" -> new Comparison("everyPack", "every pack", "schedulingOff", "§11–§14 off");
                case "schedulingOnPartOne" -> new Comparison("partOneAndScheduling", "part one and §11–§14", "partTwoOff", "part one");
                default -> throw new IllegalArgumentException(
                        "without: partTwo, scheduling or schedulingOnPartOne, not " + without);
            };
        }
    }

    /** One engine, and its time in the current iteration. */
    private abstract static class Side implements AutoCloseable {
        long nanos;

        /** Classifies the batch once, adds the time it took to {@link #nanos}; the findings raised. */
        abstract long run();

        @Override
        public void close() {
        }

        static Side of(String isolation, String packs, String network, int batchSize)
                throws ReflectiveOperationException, IOException {
            return switch (isolation) {
                case "processes" -> new InProcess(packs, network, batchSize);
                case "loaders" -> new InLoader(packs, network, batchSize);
                default -> throw new IllegalArgumentException("isolation: processes or loaders, not " + isolation);
            };
        }
    }

    /** An engine in this JVM, in a class loader of its own. */
    private static final class InLoader extends Side {
        final LongSupplier engine;
        final ClassLoader loader;

        InLoader(String packs, String network, int batchSize) throws ReflectiveOperationException {
            loader = isolatedLoader(packs);
            engine = engineIn(loader, packs, network, batchSize);
        }

        /** Classifies the batch with the engine's own loader as the thread's context loader (as a service would), timed. */
        @Override
        long run() {
            Thread t = Thread.currentThread();
            ClassLoader before = t.getContextClassLoader();
            long start = System.nanoTime();
            t.setContextClassLoader(loader);
            try {
                return engine.getAsLong();
            } finally {
                t.setContextClassLoader(before);
                nanos += System.nanoTime() - start;
            }
        }
    }

    /**
     * An engine in a JVM of its own ({@link EngineProcess}, with the fork's heap and collector
     * options, whatever the command line set them to), which classifies the batch when told and
     * answers with the time it took, measured there.
     */
    private static final class InProcess extends Side {
        private final Process process;
        private final BufferedWriter commands;
        private final BufferedReader answers;

        InProcess(String packs, String network, int batchSize) throws IOException {
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                    .filter(o -> o.startsWith("-Xm") || o.startsWith("-XX:+Use") && o.endsWith("GC"))
                    .forEach(command::add);
            command.addAll(List.of("-cp", System.getProperty("java.class.path"), EngineProcess.class.getName(),
                    packs, network, Integer.toString(batchSize)));
            process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            commands = new BufferedWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8));
            answers = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            answer(EngineProcess.READY);
        }

        @Override
        long run() {
            try {
                commands.write(EngineProcess.RUN);
                commands.newLine();
                commands.flush();
                String[] ran = answer(EngineProcess.RAN).split(" ");
                nanos += Long.parseLong(ran[1]);
                return Long.parseLong(ran[2]);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** The process's next line that starts with {@code prefix}; what it prints before that is passed on. */
        private String answer(String prefix) throws IOException {
            for (String line = answers.readLine(); line != null; line = answers.readLine()) {
                if (line.startsWith(prefix)) {
                    return line;
                }
                System.out.println(line);
            }
            throw new IOException("the engine's process ended (exit " + process.onExit().join().exitValue() + ")");
        }

        /** Closing its input ends the process. */
        @Override
        public void close() {
            try {
                commands.close();
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (IOException | InterruptedException e) {
                process.destroyForcibly();
            }
        }
    }

    /** {@link Engine} in a JVM of its own, driven by {@link InProcess} through its standard input and output. */
    public static final class EngineProcess {
        static final String READY = "ready";
        static final String RUN = "run";
        static final String RAN = "ran ";

        private EngineProcess() {
        }

        /** {@code packs network batchSize}: builds and checks the engine, then classifies the batch once per {@code run}. */
        public static void main(String[] args) throws IOException {
            Engine engine = new Engine(args[0], args[1], Integer.parseInt(args[2]));
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            System.out.println(READY);
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (!line.equals(RUN)) {
                    throw new IllegalArgumentException("unknown command: " + line);
                }
                long start = System.nanoTime();
                long findings = engine.getAsLong();
                long nanos = System.nanoTime() - start;
                System.out.println(RAN + nanos + " " + findings);
            }
        }
    }

    /** Each engine's time in the current iteration, reported by JMH next to the score. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Times {
        public long withNanos;
        public long withoutNanos;

        @Setup(Level.Iteration)
        public void clear() {
            withNanos = 0;
            withoutNanos = 0;
        }
    }

    @Setup(Level.Trial)
    public void setUp() throws ReflectiveOperationException, IOException {
        comparison = Comparison.of(without);
        first = Side.of(isolation, comparison.firstPacks(), network, batchSize);
        second = Side.of(isolation, comparison.secondPacks(), network, batchSize);
        if (first instanceof InLoader f && second instanceof InLoader s
                && (Engine.class.getClassLoader() == f.engine.getClass().getClassLoader()
                || f.engine.getClass().getClassLoader() == s.engine.getClass().getClassLoader())) {
            throw new IllegalStateException("the engines are not in class loaders of their own");
        }
    }

    @Setup(Level.Iteration)
    public void startIteration() {
        first.nanos = 0;
        second.nanos = 0;
    }

    @TearDown(Level.Iteration)
    public void endIteration(IterationParams params) {
        if (first.nanos == 0 || second.nanos == 0) {
            return;
        }
        double ratio = (double) second.nanos / first.nanos;
        if (params.getType() == IterationType.MEASUREMENT) {
            measuredRatios.add(ratio);
        }
        long orders = invocations * ClassifyBenchmark.BATCH;
        System.out.printf("  [%s %,.0f orders/s, %s %,.0f: ratio %.3f]%n", comparison.firstLabel(),
                orders * 1e9 / first.nanos, comparison.secondLabel(), orders * 1e9 / second.nanos, ratio);
        invocations = 0;
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        first.close();
        second.close();
        if (!measuredRatios.isEmpty()) {
            List<Double> sorted = new ArrayList<>(measuredRatios);
            sorted.sort(null);
            int n = sorted.size();
            double median = n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
            System.out.printf("%nratio of the rates (%s / %s), median of %d measured iterations: %.3f%n",
                    comparison.firstLabel(), comparison.secondLabel(), n, median);
        }
        measuredRatios.clear();
    }

    /** Both engines on the batch, in alternating order; orders per second through both. */
    @Benchmark
    @OperationsPerInvocation(2 * ClassifyBenchmark.BATCH)
    public long alternating(Times times) {
        boolean firstFirst = (invocations++ & 1) == 0;
        long sum = firstFirst ? first.run() + second.run() : second.run() + first.run();
        times.withNanos = first.nanos;
        times.withoutNanos = second.nanos;
        return sum;
    }

    /** A loader of the whole class path that shares nothing with this one but the JDK. */
    static ClassLoader isolatedLoader(String name) {
        String[] entries = System.getProperty("java.class.path").split(File.pathSeparator);
        URL[] urls = Arrays.stream(entries).filter(e -> !e.isEmpty()).map(e -> {
            try {
                return Path.of(e).toUri().toURL();
            } catch (MalformedURLException ex) {
                throw new UncheckedIOException(ex);
            }
        }).toArray(URL[]::new);
        return new URLClassLoader(name, urls, ClassLoader.getPlatformClassLoader());
    }

    /** An {@link Engine} loaded, built and checked in {@code loader}; only JDK types cross. */
    static LongSupplier engineIn(ClassLoader loader, String packs, String network, int batchSize)
            throws ReflectiveOperationException {
        Thread t = Thread.currentThread();
        ClassLoader before = t.getContextClassLoader();
        t.setContextClassLoader(loader);
        try {
            Class<?> type = Class.forName(Engine.class.getName(), true, loader);
            return (LongSupplier) type.getConstructor(String.class, String.class, int.class).newInstance(packs, network, batchSize);
        } finally {
            t.setContextClassLoader(before);
        }
    }

    /**
     * One engine and the batch, made inside an isolated loader; each call classifies the batch and
     * returns how many findings it raised (for JMH to consume).
     */
    public static final class Engine implements LongSupplier {
        private final List<Order> orders;
        private final TriageEngine engine;

        /**
         * @param packs     {@code everyPack}, {@code partTwoOff}, {@code schedulingOff} or
         *                  {@code partOneAndScheduling} (§15–§17 off)
         * @param network   {@code asBuilt}, {@code compiled} (at build) or {@code uncompiled}
         * @param batchSize orders a session, or 0 for the engine's default
         */
        public Engine(String packs, String network, int batchSize) {
            orders = new OrderGenerator(42, ClassifyBenchmark.AS_OF).orders(ClassifyBenchmark.BATCH);
            PriceList prices = OrderGenerator.priceList();
            TriageSettings settings = switch (packs) {
                case "everyPack" -> TriageSettings.defaults();
                case "partTwoOff" -> ClassifyBenchmark.partTwoOff(TriageSettings.defaults());
                case "schedulingOff" -> schedulingOff(TriageSettings.defaults());
                case "partOneAndScheduling" -> TriageSettings.defaults().withPack(RulePack.CANCELLATION, false)
                        .withPack(RulePack.MONEY, false).withPack(RulePack.CONTACTS, false);
                default -> throw new IllegalArgumentException(
                        "packs: everyPack, partTwoOff, schedulingOff or partOneAndScheduling, not " + packs);
            };
            TriageEngine.Builder builder = ClassifyBenchmark.engineBuilder(settings, prices);
            switch (network) {
                case "asBuilt" -> { }
                case "uncompiled" -> builder.compileAlphaNetwork(false);
                case "compiled" -> builder.compileAlphaNetwork(true);
                default -> throw new IllegalArgumentException("network: asBuilt, compiled or uncompiled, not " + network);
            }
            if (batchSize != 0) {
                builder.batchSize(batchSize);
            }
            engine = builder.build();
            ClassifyBenchmark.check(packs, ClassifyBenchmark.referenceResults(orders, new ReferenceClassifier(settings, prices,
                    OrderGenerator.deliveryTerms(), Acknowledgements.NONE)), engine.classifyAll(orders, ClassifyBenchmark.AS_OF));
            System.out.printf("%n%s (%s, class loader %s) agrees with the reference on %,d orders%n", packs, network,
                    Engine.class.getClassLoader().getName(), orders.size());
        }

        /** {@code settings} with issue 8's packs (§11–§14) switched off, every other one as it was. */
        static TriageSettings schedulingOff(TriageSettings settings) {
            return settings.withPack(RulePack.DELIVERY, false).withPack(RulePack.STAGES, false)
                    .withPack(RulePack.PICKUP, false).withPack(RulePack.RECIPIENT, false);
        }

        @Override
        public long getAsLong() {
            long findings = 0;
            for (TriageResult r : engine.classifyAll(orders, ClassifyBenchmark.AS_OF)) {
                findings += r.findings().size();
            }
            return findings;
        }
    }
}
