package io.ordertriage;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.ordertriage.micrometer.TriageMeters;
import io.ordertriage.model.Order;
import io.ordertriage.model.TriageResult;
import io.ordertriage.reference.OrderGenerator;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The Micrometer binder counts what the engine classified, batch by batch. */
class TriageMetersTest {
    static final Instant AS_OF = Instant.parse("2026-03-10T12:00:00Z");

    @Test
    void theMetersCountOrdersAttentionAndFindingsAndTimeEachBatch() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        TriageMeters meters = new TriageMeters();
        TriageEngine engine = TriageEngine.builder().batchListener(meters).deliveryTerms(OrderGenerator.deliveryTerms()).build();
        meters.bindTo(registry);
        List<Order> orders = new OrderGenerator(7, AS_OF).orders(250);
        List<TriageResult> results = engine.classifyAll(orders, AS_OF);

        assertThat(registry.get("triage.orders.classified").counter().count()).isEqualTo(250.0);
        assertThat(registry.get("triage.batch").timer().count()).as("batches of 100, 100 and 50").isEqualTo(3);
        assertThat(registry.get("triage.batch").timer().totalTime(TimeUnit.NANOSECONDS)).isPositive();
        Map<String, Long> byCode = new HashMap<>();
        results.stream().flatMap(r -> r.findings().stream())
                .forEach(f -> byCode.merge(f.code() + "/" + f.priority(), 1L, Long::sum));
        assertThat(byCode).isNotEmpty();
        byCode.forEach((k, n) -> {
            String[] cp = k.split("/");
            assertThat(registry.get("triage.findings").tag("code", cp[0]).tag("priority", cp[1]).counter().count())
                    .as(k).isEqualTo(n.doubleValue());
        });
        long p1 = results.stream().filter(r -> r.needsAttention() && r.priority().name().equals("P1")).count();
        assertThat(registry.get("triage.orders.attention").tag("priority", "P1").counter().count()).isEqualTo((double) p1);

        engine.classify(orders.get(0));
        assertThat(registry.get("triage.orders.classified").counter().count()).isEqualTo(251.0);
    }

    @Test
    void unboundMetersCountNothingAndBindOnce() {
        TriageMeters meters = new TriageMeters();
        TriageEngine engine = TriageEngine.builder().batchListener(meters).build();
        engine.classifyAll(new OrderGenerator(7, AS_OF).orders(10), AS_OF);   // nothing to count into: no failure
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        meters.bindTo(registry);
        assertThat(registry.get("triage.orders.classified").counter().count()).isZero();
        assertThatThrownBy(() -> meters.bindTo(new SimpleMeterRegistry())).isInstanceOf(IllegalStateException.class);
    }
}
