package io.ordertriage.benchmarks;

import io.ordertriage.TriageEngine;
import io.ordertriage.model.Order;
import io.ordertriage.model.TriageResult;
import io.ordertriage.reference.OrderGenerator;
import io.ordertriage.streams.OrderSnapshots;
import io.ordertriage.streams.TriageTopology;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
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

import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * Snapshots per second through the Kafka Streams topology on one stream thread (issue 15), under
 * Kafka's TopologyTestDriver (no broker, so no network or serialisation to a log: the topology's own
 * cost), beside the engine's rate on the same orders: in one batch ({@code engineBatch}) and one at
 * a time as the topology classifies a snapshot ({@code engineOneByOne}); and what the topology is made
 * of besides the rules: reading the snapshots' JSON ({@code readSnapshots}) and the test driver
 * itself, piping the same records through a topology that only forwards them ({@code driverFloor}).
 * Every snapshot is the JSON
 * of a generated order (3-8 lines, part two's fields filled); the results are drained after each
 * pass so that the driver's output queue does not grow.
 *
 * <pre>java -jar benchmarks/target/benchmarks.jar StreamsBenchmark</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 6, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-XX:+UseParallelGC"})
public class StreamsBenchmark {
    static final int SNAPSHOTS = 10_000;

    private TriageEngine engine;
    private List<Order> orders;
    private List<byte[]> snapshots;
    private TopologyTestDriver driver;
    private TestInputTopic<String, byte[]> in;
    private TestOutputTopic<String, byte[]> out;

    @Setup(Level.Trial)
    public void setUp() {
        orders = new OrderGenerator(42, ClassifyBenchmark.AS_OF).orders(SNAPSHOTS);
        snapshots = new ArrayList<>();
        for (Order o : orders) {
            snapshots.add(OrderSnapshots.write(o));
        }
        engine = TriageEngine.builder().deliveryTerms(OrderGenerator.deliveryTerms()).build();
        Properties p = new Properties();
        p.setProperty("application.id", "triage-benchmark");
        p.setProperty("bootstrap.servers", "unused:9092");
        driver = new TopologyTestDriver(TriageTopology.build(engine, new TriageTopology.Settings("orders", "results", "dead",
                Duration.ofMinutes(1), ZoneOffset.UTC)), p, ClassifyBenchmark.AS_OF);
        in = driver.createInputTopic("orders", new StringSerializer(), new ByteArraySerializer());
        out = driver.createOutputTopic("results", new StringDeserializer(), new ByteArrayDeserializer());
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        driver.close();
        floorDriver.close();
    }

    private TopologyTestDriver floorDriver;
    private TestInputTopic<String, byte[]> floorIn;
    private TestOutputTopic<String, byte[]> floorOut;

    @Setup(Level.Trial)
    public void setUpFloor() {
        org.apache.kafka.streams.Topology t = new org.apache.kafka.streams.Topology();
        t.addSource("in", new StringDeserializer(), new ByteArrayDeserializer(), "orders");
        t.addSink("out", "results", new StringSerializer(), new ByteArraySerializer(), "in");
        Properties p = new Properties();
        p.setProperty("application.id", "triage-benchmark-floor");
        p.setProperty("bootstrap.servers", "unused:9092");
        floorDriver = new TopologyTestDriver(t, p, ClassifyBenchmark.AS_OF);
        floorIn = floorDriver.createInputTopic("orders", new StringSerializer(), new ByteArraySerializer());
        floorOut = floorDriver.createOutputTopic("results", new StringDeserializer(), new ByteArrayDeserializer());
    }

    @Benchmark
    @OperationsPerInvocation(SNAPSHOTS)
    public long driverFloor() {
        for (int i = 0; i < SNAPSHOTS; i++) {
            floorIn.pipeInput(orders.get(i).orderId(), snapshots.get(i), ClassifyBenchmark.AS_OF);
        }
        long n = floorOut.getQueueSize();
        floorOut.readRecordsToList();
        return n;
    }

    @Benchmark
    @OperationsPerInvocation(SNAPSHOTS)
    public void readSnapshots(Blackhole bh) throws OrderSnapshots.BadSnapshot {
        for (byte[] s : snapshots) {
            bh.consume(OrderSnapshots.read(s, ZoneOffset.UTC));
        }
    }

    @Benchmark
    @OperationsPerInvocation(SNAPSHOTS)
    public long topology() {
        for (int i = 0; i < SNAPSHOTS; i++) {
            in.pipeInput(orders.get(i).orderId(), snapshots.get(i), ClassifyBenchmark.AS_OF);
        }
        long n = out.getQueueSize();
        out.readRecordsToList();
        return n;
    }

    @Benchmark
    @OperationsPerInvocation(SNAPSHOTS)
    public List<TriageResult> engineBatch() {
        return engine.classifyAll(orders, ClassifyBenchmark.AS_OF);
    }

    @Benchmark
    @OperationsPerInvocation(SNAPSHOTS)
    public void engineOneByOne(Blackhole bh) {
        for (Order o : orders) {
            bh.consume(engine.classifyAll(List.of(o), ClassifyBenchmark.AS_OF));
        }
    }
}
