package io.ordertriage.benchmarks;

import io.ordertriage.TriageEngine;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * Building the engine from cold: the default rules loaded from the pre-built executable model in a
 * fresh JVM (each fork measures one build, nothing warmed up).
 *
 * <pre>java -jar benchmarks/target/benchmarks.jar StartupBenchmark</pre>
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 0)
@Measurement(iterations = 1)
@Fork(value = 10, jvmArgsAppend = "-XX:+UseParallelGC")
public class StartupBenchmark {
    @Benchmark
    public TriageEngine buildEngineCold() {
        return TriageEngine.builder().build();
    }
}
