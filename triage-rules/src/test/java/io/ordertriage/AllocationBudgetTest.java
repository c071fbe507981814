package io.ordertriage;

import io.ordertriage.model.Order;
import io.ordertriage.model.TriageResult;
import io.ordertriage.reference.OrderGenerator;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A guard on the hot path that does not depend on the machine's speed: the bytes the classifying
 * thread allocates per order, after warm-up, on the benchmark's batch with every pack. A change
 * that makes classification allocate more fails here without timing anything. The budget is the
 * figure measured when it was set (docs/performance.md) plus a margin for the JIT's variation;
 * lower it when the engine gets leaner.
 */
class AllocationBudgetTest {
    /** Measured 5,112 B an order with JMH -prof gc (ClassifyBenchmark.engine); about 20% above. */
    static final long BUDGET_BYTES_PER_ORDER = 6_100;
    static final Instant AS_OF = Instant.parse("2026-03-10T12:00:00Z");

    @Test
    void classifyingAnOrderAllocatesNoMoreThanTheBudget() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        assertThat(threads.isThreadAllocatedMemorySupported()).as("this JVM counts a thread's allocation").isTrue();
        threads.setThreadAllocatedMemoryEnabled(true);
        List<Order> orders = new OrderGenerator(42, AS_OF).orders(10_000);
        TriageEngine engine = TriageEngine.builder().clock(Clock.fixed(AS_OF, ZoneOffset.UTC))
                .priceList(OrderGenerator.priceList()).deliveryTerms(OrderGenerator.deliveryTerms()).build();
        long best = Long.MAX_VALUE;
        for (int round = 0; round < 12; round++) {
            long before = threads.getCurrentThreadAllocatedBytes();
            List<TriageResult> results = engine.classifyAll(orders, AS_OF);
            long bytes = threads.getCurrentThreadAllocatedBytes() - before;
            assertThat(results).hasSameSizeAs(orders);
            if (round >= 8) {   // the first rounds warm up (interpreted and C1 code allocates more)
                best = Math.min(best, bytes / orders.size());
            }
        }
        System.err.printf("allocation: %,d B an order (budget %,d)%n", best, BUDGET_BYTES_PER_ORDER);
        assertThat(best).as("bytes allocated per order classified").isLessThanOrEqualTo(BUDGET_BYTES_PER_ORDER);
    }
}
