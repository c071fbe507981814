package io.ordertriage.benchmarks;

import io.ordertriage.TriageEngine;
import io.ordertriage.TriageSettings;
import io.ordertriage.benchmarks.peers.EasyRulesClassifier;
import io.ordertriage.benchmarks.peers.EvreteClassifier;
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
import org.openjdk.jmh.infra.Blackhole;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Classification throughput, one thread: the engine with the default rules and a price list, the
 * plain-Java reference (the physical limit of these rules), and the peers Easy Rules and Evrete on
 * the same rules and the same {@value #BATCH} generated orders (3–8 lines each, about a fifth
 * needing attention). Scores are orders per second. Every peer is checked equal to the reference
 * on the whole batch before timing.
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
    ReferenceClassifier reference;
    EasyRulesClassifier easyRules;
    EvreteClassifier evrete;
    int next;

    @Setup(Level.Trial)
    public void setUp() {
        orders = new OrderGenerator(42, AS_OF).orders(BATCH);
        prices = OrderGenerator.priceList();
        engine = TriageEngine.builder().clock(Clock.fixed(AS_OF, ZoneOffset.UTC)).priceList(prices).build();
        reference = new ReferenceClassifier(TriageSettings.defaults(), prices);
        easyRules = new EasyRulesClassifier(TriageSettings.defaults(), prices);
        evrete = new EvreteClassifier(TriageSettings.defaults(), prices);
        List<TriageResult> expected = referenceResults();
        check("engine", expected, engine.classifyAll(orders, AS_OF));
        check("Easy Rules", expected, easyRules.classifyAll(orders, AS_OF));
        check("Evrete", expected, evrete.classifyAll(orders, AS_OF));
        long attention = expected.stream().filter(TriageResult::needsAttention).count();
        System.out.printf("%n%d orders, %d need attention (%.0f%%); engine, Easy Rules and Evrete agree with the reference%n",
                orders.size(), attention, 100.0 * attention / orders.size());
    }

    private List<TriageResult> referenceResults() {
        List<TriageResult> rs = new ArrayList<>(orders.size());
        for (Order o : orders) {
            rs.add(reference.classify(o, AS_OF));
        }
        return rs;
    }

    private static void check(String who, List<TriageResult> expected, List<TriageResult> actual) {
        String diff = Decision.firstDifference(expected, actual);
        if (diff != null) {
            throw new IllegalStateException(who + " disagrees with the reference: " + diff);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        evrete.close();
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public List<TriageResult> engine() {
        return engine.classifyAll(orders, AS_OF);
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
