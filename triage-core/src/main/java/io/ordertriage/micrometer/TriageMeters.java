package io.ordertriage.micrometer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.ordertriage.TriageEngine;
import io.ordertriage.model.Finding;
import io.ordertriage.model.TriageResult;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The engine's metrics for Micrometer: give it to the engine's builder, and bind it to a registry.
 * Micrometer is an optional dependency of triage-core: a service that does not use this class
 * needs no Micrometer, and an engine without a batch listener times nothing.
 *
 * <pre>
 * TriageMeters meters = new TriageMeters();
 * TriageEngine engine = TriageEngine.builder().batchListener(meters).build();
 * meters.bindTo(registry);
 * </pre>
 *
 * Meters: {@code triage.orders.classified} (counter), {@code triage.orders.attention} (counter,
 * tagged {@code priority}), {@code triage.findings} (counter, tagged {@code code} and
 * {@code priority}) and {@code triage.batch} (timer: one sample per batch of up to
 * {@value TriageEngine#DEFAULT_BATCH_SIZE} orders). Batches classified before {@link #bindTo} are
 * not counted.
 */
public final class TriageMeters implements TriageEngine.BatchListener, MeterBinder {
    private volatile Bound bound;

    /** The meters of one registry, the finding counters made on first use and kept. */
    private static final class Bound {
        final MeterRegistry registry;
        final Counter orders;
        final Timer batches;
        final Map<String, Counter> findings = new ConcurrentHashMap<>();
        final Map<String, Counter> attention = new ConcurrentHashMap<>();

        Bound(MeterRegistry registry) {
            this.registry = registry;
            this.orders = Counter.builder("triage.orders.classified").description("orders classified").register(registry);
            this.batches = Timer.builder("triage.batch").description("time to classify one batch of orders").register(registry);
        }

        Counter finding(Finding f) {
            return findings.computeIfAbsent(f.code() + '\0' + f.priority(), k -> Counter.builder("triage.findings")
                    .description("findings raised").tag("code", f.code()).tag("priority", f.priority().name()).register(registry));
        }

        Counter attention(String priority) {
            return attention.computeIfAbsent(priority, p -> Counter.builder("triage.orders.attention")
                    .description("orders that need a person").tag("priority", p).register(registry));
        }
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Objects.requireNonNull(registry, "registry");
        if (bound != null) {
            throw new IllegalStateException("these meters are already bound to a registry; make one TriageMeters per registry");
        }
        bound = new Bound(registry);
    }

    @Override
    public void classified(List<TriageResult> results, long nanos) {
        Bound b = bound;
        if (b == null) {
            return;
        }
        b.batches.record(nanos, TimeUnit.NANOSECONDS);
        b.orders.increment(results.size());
        for (TriageResult r : results) {
            if (r.needsAttention()) {
                b.attention(r.priority().name()).increment();
            }
            for (Finding f : r.findings()) {
                b.finding(f).increment();
            }
        }
    }
}
