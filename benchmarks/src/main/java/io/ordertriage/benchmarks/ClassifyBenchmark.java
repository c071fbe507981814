package io.ordertriage.benchmarks;

import io.ordertriage.RulePack;
import io.ordertriage.RuleStats;
import io.ordertriage.TriageEngine;
import io.ordertriage.TriageSettings;
import io.ordertriage.benchmarks.peers.EasyRulesClassifier;
import io.ordertriage.benchmarks.peers.EvreteClassifier;
import io.ordertriage.model.Acknowledgements;
import io.ordertriage.model.Order;
import io.ordertriage.model.PriceList;
import io.ordertriage.model.TriageResult;
import io.ordertriage.reference.Decision;
import io.ordertriage.reference.OrderGenerator;
import io.ordertriage.reference.ReferenceClassifier;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.Blackhole;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Classification throughput, one thread: the engine with every default pack, a price list and
 * delivery terms ({@link #engine}), the same engine with the packs of rulebook part two (§11–§17)
 * switched off ({@link #enginePartOne}, side by side in the same run), both again with their alpha
 * networks compiled at build ({@link #engineCompiled}, {@link #enginePartOneCompiled}) and never
 * compiled ({@link #engineUncompiled}, {@link #enginePartOneUncompiled}), the plain-Java reference
 * with every pack (the physical limit of these rules), and the peers Easy Rules and Evrete, which
 * implement §3–§7 only, on the same {@value #BATCH} generated orders (3–8 lines each, the fields of
 * part two filled, about a fifth needing attention). Scores are orders per second. Each fork builds
 * only the classifier it measures and checks it against the reference (with every pack, or without
 * part two for the engines without it and the peers) on the whole batch before timing. {@link #engine} and
 * {@link #enginePartOne} are built as a user builds them: they compile their alpha networks in the
 * background once they have classified {@value TriageEngine#DEFAULT_COMPILE_AFTER} orders, in the
 * second or third warm-up iteration (the log says when), and are measured compiled.
 *
 * <pre>java -jar benchmarks/target/benchmarks.jar ClassifyBenchmark</pre>
 *
 * Warm-up is long on purpose: Drools needs 20–30 s on two cores to reach steady state.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 6, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-XX:+UseParallelGC"})
public class ClassifyBenchmark {
    public static final int BATCH = 10_000;
    public static final Instant AS_OF = Instant.parse("2026-03-10T12:00:00Z");

    List<Order> orders;
    PriceList prices;
    TriageEngine engine;
    TriageEngine enginePartOne;
    /** {@link #engine} and {@link #enginePartOne} with their alpha networks compiled at build (Builder.compileAlphaNetwork). */
    TriageEngine engineCompiled;
    TriageEngine enginePartOneCompiled;
    /** ... and never compiled. */
    TriageEngine engineUncompiled;
    TriageEngine enginePartOneUncompiled;
    TriageEngine engineRuleStats;
    /** The engine with Micrometer meters (io.ordertriage.micrometer.TriageMeters) bound to a simple registry. */
    TriageEngine engineMeters;
    RuleStats ruleStats;
    ExecutorService twoThreads;
    ReferenceClassifier reference;
    EasyRulesClassifier easyRules;
    EvreteClassifier evrete;
    int next;

    /**
     * Builds and checks only what the benchmark being run uses: each fork measures one classifier in
     * a JVM that has run no other, as a service runs one engine. (Setting up every engine in every
     * fork, as this did before, ran all of them through the same call sites first, and left the
     * measured one with whatever the JIT made of the mix.)
     */
    @Setup(Level.Trial)
    public void setUp(BenchmarkParams params) {
        String method = params.getBenchmark().substring(params.getBenchmark().lastIndexOf('.') + 1);
        orders = new OrderGenerator(42, AS_OF).orders(BATCH);
        prices = OrderGenerator.priceList();
        TriageSettings all = TriageSettings.defaults();
        TriageSettings partOne = partTwoOff(all);
        reference = new ReferenceClassifier(all, prices, OrderGenerator.deliveryTerms(), Acknowledgements.NONE);
        boolean withPartTwo = !(method.startsWith("enginePartOne") || method.equals("easyRules") || method.equals("evrete"));
        List<TriageResult> expected = referenceResults(orders, withPartTwo ? reference
                : new ReferenceClassifier(partOne, prices, OrderGenerator.deliveryTerms(), Acknowledgements.NONE));
        twoThreads = Executors.newFixedThreadPool(2);
        switch (method) {
            case "engine", "engineSingle" -> engine = checked(method, expected, engine(all).build());
            case "engineTwoThreads" -> {
                engine = checked(method, expected, engine(all).build());
                check(method + " on two threads", expected, engine.classifyAll(orders, AS_OF, twoThreads));
            }
            case "engineRuleStats" -> {
                ruleStats = new RuleStats();
                engineRuleStats = checked(method, expected, engine(all).ruleStats(ruleStats).build());
            }
            case "engineMeters" -> {
                io.ordertriage.micrometer.TriageMeters meters = new io.ordertriage.micrometer.TriageMeters();
                engineMeters = checked(method, expected, engine(all).batchListener(meters).build());
                meters.bindTo(new io.micrometer.core.instrument.simple.SimpleMeterRegistry());
            }
            case "enginePartOne" -> enginePartOne = checked(method, expected, engine(partOne).build());
            case "engineCompiled" -> engineCompiled = checked(method, expected, engine(all).compileAlphaNetwork(true).build());
            case "enginePartOneCompiled" ->
                    enginePartOneCompiled = checked(method, expected, engine(partOne).compileAlphaNetwork(true).build());
            case "engineUncompiled" ->
                    engineUncompiled = checked(method, expected, engine(all).compileAlphaNetwork(false).build());
            case "enginePartOneUncompiled" ->
                    enginePartOneUncompiled = checked(method, expected, engine(partOne).compileAlphaNetwork(false).build());
            case "easyRules" -> {
                easyRules = new EasyRulesClassifier(partOne, prices);
                check(method, expected, withContacts(expected, easyRules.classifyAll(orders, AS_OF)));
            }
            case "evrete" -> {
                evrete = new EvreteClassifier(partOne, prices);
                check(method, expected, withContacts(expected, evrete.classifyAll(orders, AS_OF)));
            }
            case "reference" -> {
                // the reference is what the others are checked against
            }
            default -> throw new IllegalStateException("no set-up for benchmark " + method);
        }
        long attention = expected.stream().filter(TriageResult::needsAttention).count();
        System.out.printf("%n%d orders, %d need attention (%.0f%%, %s); %s agrees with the reference%n", orders.size(),
                attention, 100.0 * attention / orders.size(), withPartTwo ? "every pack" : "part two off", method);
    }

    private TriageEngine.Builder engine(TriageSettings settings) {
        return engineBuilder(settings, prices);
    }

    /** {@code settings} with every pack of part two (§11–§17) switched off. */
    static TriageSettings partTwoOff(TriageSettings settings) {
        TriageSettings out = settings;
        for (RulePack p : RulePack.PART_TWO) {
            out = out.withPack(p, false);
        }
        return out;
    }

    /** An engine as every benchmark here builds it: the batch's clock, price list and delivery terms. */
    static TriageEngine.Builder engineBuilder(TriageSettings settings, PriceList prices) {
        return TriageEngine.builder().clock(Clock.fixed(AS_OF, ZoneOffset.UTC)).priceList(prices)
                .deliveryTerms(OrderGenerator.deliveryTerms()).settings(settings);
    }

    private TriageEngine checked(String who, List<TriageResult> expected, TriageEngine engine) {
        check(who, expected, engine.classifyAll(orders, AS_OF));
        return engine;
    }

    static List<TriageResult> referenceResults(List<Order> orders, ReferenceClassifier ref) {
        List<TriageResult> rs = new ArrayList<>(orders.size());
        for (Order o : orders) {
            rs.add(ref.classify(o, AS_OF));
        }
        return rs;
    }

    /** The peers implement §3–§7 only and carry no contact (§17): compare them with the reference's contacts. */
    private static List<TriageResult> withContacts(List<TriageResult> expected, List<TriageResult> actual) {
        List<TriageResult> out = new ArrayList<>(actual.size());
        for (int i = 0; i < actual.size(); i++) {
            TriageResult a = actual.get(i);
            out.add(new TriageResult(a.orderId(), a.createdAt(), a.verdict(), a.priority(), a.normalCombination(),
                    a.findings(), a.basket(), i < expected.size() ? expected.get(i).contact() : a.contact()));
        }
        return out;
    }

    static void check(String who, List<TriageResult> expected, List<TriageResult> actual) {
        String diff = Decision.firstDifference(expected, actual);
        if (diff != null) {
            throw new IllegalStateException(who + " disagrees with the reference: " + diff);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        if (evrete != null) {
            evrete.close();
        }
        twoThreads.shutdownNow();
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public List<TriageResult> engine() {
        return engine.classifyAll(orders, AS_OF);
    }

    /**
     * The same engine counting, for each rule, the orders it fires for ({@code --rule-stats}): compare
     * with {@link #engine}, which counts nothing.
     */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public List<TriageResult> engineRuleStats() {
        return engineRuleStats.classifyAll(orders, AS_OF);
    }

    /** {@code engine} with the Micrometer meters: what metrics cost. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public List<TriageResult> engineMeters() {
        return engineMeters.classifyAll(orders, AS_OF);
    }

    /**
     * The same engine and batch on two threads ({@link TriageEngine#classifyAll(java.util.Collection, Instant,
     * java.util.concurrent.Executor)} with a pool of two): compare with {@link #engine}.
     */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public List<TriageResult> engineTwoThreads() {
        return engine.classifyAll(orders, AS_OF, twoThreads);
    }

    /** The same engine with the packs of part two (§11–§17) switched off: the baseline of issue 8/9's 90% target. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public List<TriageResult> enginePartOne() {
        return enginePartOne.classifyAll(orders, AS_OF);
    }

    /** {@link #engine} with its alpha network compiled at build time. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public List<TriageResult> engineCompiled() {
        return engineCompiled.classifyAll(orders, AS_OF);
    }

    /** {@link #enginePartOne} with its alpha network compiled: the baseline of {@link #engineCompiled}. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public List<TriageResult> enginePartOneCompiled() {
        return enginePartOneCompiled.classifyAll(orders, AS_OF);
    }

    /** {@link #engine} with its alpha network never compiled (interpreted node by node, as up to its millionth order). */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public List<TriageResult> engineUncompiled() {
        return engineUncompiled.classifyAll(orders, AS_OF);
    }

    /** {@link #enginePartOne} with its alpha network never compiled: the baseline of {@link #engineUncompiled}. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public List<TriageResult> enginePartOneUncompiled() {
        return enginePartOneUncompiled.classifyAll(orders, AS_OF);
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void reference(Blackhole bh) {
        for (Order o : orders) {
            bh.consume(reference.classify(o, AS_OF));
        }
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public List<TriageResult> easyRules() {
        return easyRules.classifyAll(orders, AS_OF);
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public List<TriageResult> evrete() {
        return evrete.classifyAll(orders, AS_OF);
    }

    /** Latency of one order through {@link TriageEngine#classify}: average and percentiles. */
    @Benchmark
    @BenchmarkMode({Mode.AverageTime, Mode.SampleTime})
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public TriageResult engineSingle() {
        Order o = orders.get(next);
        next = next + 1 == BATCH ? 0 : next + 1;
        return engine.classifyAll(List.of(o), AS_OF).get(0);
    }
}
