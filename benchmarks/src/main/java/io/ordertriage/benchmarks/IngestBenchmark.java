package io.ordertriage.benchmarks;

import io.ordertriage.cli.TriageCli;
import io.ordertriage.cli.io.CanonicalCsvWriter;
import io.ordertriage.cli.io.Mapping;
import io.ordertriage.cli.io.OrderReader;
import io.ordertriage.cli.io.Reject;
import io.ordertriage.cli.io.SourceOrder;
import io.ordertriage.cli.io.TextInput;
import io.ordertriage.cli.io.Values;
import io.ordertriage.reference.OrderGenerator;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The CLI's ingest on a generated {@value #ORDERS}-order canonical export (3–8 rows per order):
 * the floor (Commons CSV alone, {@link Floor}), our parsing and grouping alone, and the whole
 * {@code triage classify} run in-process with JSON Lines output. Scores are seconds per file. The
 * whole-process comparison, as a user sees it, is {@code benchmarks/cli-vs-floor.sh}.
 *
 * <pre>java -jar benchmarks/target/benchmarks.jar IngestBenchmark</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-XX:+UseParallelGC"})
public class IngestBenchmark {
    public static final int ORDERS = 200_000;

    Path dir;
    Path export;
    Path output;

    @Setup(Level.Trial)
    public void writeExport() throws IOException {
        dir = Files.createTempDirectory("triage-ingest");
        export = dir.resolve("orders.csv");
        output = dir.resolve("results.jsonl");
        writeExport(dir, ORDERS);
        System.out.printf("%nexport: %d orders, %d MB%n", ORDERS, Files.size(export) >> 20);
    }

    /**
     * Writes a generated canonical export of {@code orders} orders ({@code orders.csv}, with the
     * fields of part two) and its price list ({@code prices.csv}) into {@code dir}:
     * <pre>java -cp benchmarks/target/benchmarks.jar io.ordertriage.benchmarks.IngestBenchmark DIR ORDERS</pre>
     */
    public static void main(String[] args) throws IOException {
        Path dir = Files.createDirectories(Path.of(args[0]));
        writeExport(dir, Integer.parseInt(args[1]));
        System.err.printf("%s: %s orders, %d MB%n", dir.resolve("orders.csv"), args[1], Files.size(dir.resolve("orders.csv")) >> 20);
    }

    static void writeExport(Path dir, int orders) throws IOException {
        OrderGenerator g = new OrderGenerator(7, ClassifyBenchmark.AS_OF);
        try (Writer w = Files.newBufferedWriter(dir.resolve("orders.csv"), StandardCharsets.UTF_8);
             CanonicalCsvWriter csv = new CanonicalCsvWriter(w, ZoneOffset.UTC)) {
            for (int i = 0; i < orders; i++) {
                csv.write(g.next());
            }
        }
        Files.writeString(dir.resolve("prices.csv"), pricesCsv());
    }

    private static String pricesCsv() {
        StringBuilder b = new StringBuilder("city,store,sku,price\n");
        for (String city : List.of("Moscow", "Kazan")) {
            for (int i = 1; i <= 200; i++) {
                String sku = String.format("SKU-%04d", i);
                OrderGenerator.priceList().referencePrice(city, sku)
                        .ifPresent(p -> b.append(city).append(",S1,").append(sku).append(',').append(p.toPlainString()).append('\n'));
            }
        }
        return b.toString();
    }

    @TearDown(Level.Trial)
    public void cleanUp() throws IOException {
        try (var files = Files.list(dir)) {
            for (Path p : files.toList()) {
                Files.delete(p);
            }
        }
        Files.delete(dir);
    }

    /** The floor: Commons CSV alone, grouping rows by order id, one short JSON line per order ({@link Floor}). */
    @Benchmark
    public long floor() throws IOException {
        long orders = Floor.run(export, output);
        if (orders != ORDERS) {
            throw new IllegalStateException("read " + orders + " orders");
        }
        return orders;
    }

    /** Parse, map and group every row into orders, nothing else. */
    @Benchmark
    public long parseAndGroup() throws Exception {
        TextInput in = TextInput.open(export, export.toString(), null, null);
        Mapping m = Mapping.load("canonical");
        long[] count = new long[1];
        new OrderReader(m, new Values(ZoneOffset.UTC, m.dateFormats())).read(in, false, new OrderReader.Sink() {
            @Override
            public void order(SourceOrder order) {
                count[0]++;
            }

            @Override
            public void rejected(List<Reject> problems) {
                throw new IllegalStateException(problems.toString());
            }
        }, bytes -> { });
        if (count[0] != ORDERS) {
            throw new IllegalStateException("read " + count[0] + " orders");
        }
        return count[0];
    }

    /** {@code triage classify export --prices … --format jsonl -o results.jsonl}, in-process, rules built each time. */
    @Benchmark
    public int classifyToJsonLines() {
        StringWriter err = new StringWriter();
        int code = TriageCli.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(err)).execute(
                "classify", export.toString(), "--prices", dir.resolve("prices.csv").toString(),
                "--as-of", ClassifyBenchmark.AS_OF.toString(), "--zone", "UTC", "--format", "jsonl", "--all",
                "-o", output.toString(), "--no-progress");
        if (code != 0 || !err.toString().contains(ORDERS + " orders read: " + ORDERS + " classified")) {
            throw new IllegalStateException("exit " + code + ": " + err);
        }
        return code;
    }

}
