package io.ordertriage.streams;

import com.fasterxml.jackson.databind.JsonNode;
import io.ordertriage.model.CancellationRole;
import io.ordertriage.model.ConfirmationStatus;
import io.ordertriage.model.Order;
import io.ordertriage.model.OrderStatus;
import io.ordertriage.model.PaymentStatus;
import io.ordertriage.model.TriageResult;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.apache.kafka.streams.test.TestRecord;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Over generated order histories (snapshots of a few orders moving between normal and problem
 * states while the wall clock moves), the live queue the output topic describes (the last record
 * per order, a tombstone meaning none) equals what {@code TriageEngine.classifyAll} says of each
 * order's latest snapshot at the final wall-clock time.
 */
class StreamsEqualsEnginePropertyTest {
    static final Instant T0 = Instant.parse("2026-03-10T09:00:00Z");

    record Statuses(OrderStatus order, PaymentStatus payment, ConfirmationStatus confirmation) {
    }

    static final List<Statuses> STATES = List.of(
            new Statuses(OrderStatus.NEW, PaymentStatus.PENDING, ConfirmationStatus.AWAITING),
            new Statuses(OrderStatus.NEW, PaymentStatus.PAID, ConfirmationStatus.AWAITING),
            new Statuses(OrderStatus.NEW, PaymentStatus.FAILED, ConfirmationStatus.AWAITING),
            new Statuses(OrderStatus.CONFIRMED, PaymentStatus.PAID, ConfirmationStatus.CONFIRMED),
            new Statuses(OrderStatus.ASSEMBLING, PaymentStatus.PAID, ConfirmationStatus.CONFIRMED),
            new Statuses(OrderStatus.ASSEMBLING, PaymentStatus.PENDING, ConfirmationStatus.CONFIRMED),
            new Statuses(OrderStatus.READY, PaymentStatus.PAID, ConfirmationStatus.AWAITING),
            new Statuses(OrderStatus.COMPLETED, PaymentStatus.PAID, ConfirmationStatus.CONFIRMED),
            new Statuses(OrderStatus.COMPLETED, PaymentStatus.REFUND_PENDING, ConfirmationStatus.CONFIRMED),
            new Statuses(OrderStatus.CANCELLED, PaymentStatus.PAID, ConfirmationStatus.CONFIRMED),
            new Statuses(OrderStatus.CANCELLED, PaymentStatus.REFUNDED, ConfirmationStatus.REJECTED));

    /** One event: a snapshot of one order, then the wall clock moves on. */
    record Step(int order, int state, int minutesAfter, boolean withReason) {
    }

    @Provide
    Arbitrary<List<Step>> histories() {
        Arbitrary<Step> step = Combinators.combine(Arbitraries.integers().between(0, 3), Arbitraries.integers().between(0, STATES.size() - 1),
                Arbitraries.integers().between(0, 14), Arbitraries.of(true, false)).as(Step::new);
        return step.list().ofMinSize(1).ofMaxSize(25);
    }

    static Order snapshot(Step s, Instant now) {
        Statuses st = STATES.get(s.state());
        Order.Builder b = Order.builder("O-" + s.order()).createdAt(T0).updatedAt(now).statuses(st.order(), st.payment(), st.confirmation())
                .customerPhone(s.order() % 2 == 0 ? "+7 914 584-13-32" : "not a phone");
        if (st.order() == OrderStatus.CANCELLED && s.withReason()) {
            b.cancellation("CUSTOMER_REFUSED", CancellationRole.OPERATOR);
        }
        return b.build();
    }

    @Property(tries = 40)
    void theLiveQueueIsWhatTheEngineSaysOfTheLatestSnapshots(@ForAll("histories") List<Step> history) {
        try (Driver d = new Driver(T0)) {
            Map<String, Order> latest = new HashMap<>();
            for (Step s : history) {
                Order o = snapshot(s, d.now);
                latest.put(o.orderId(), o);
                d.send(o);
                d.advance(Duration.ofMinutes(s.minutesAfter()));
            }
            d.advance(Duration.ofMinutes(1));   // a tick at the final time classifies every open order
            Instant end = d.now;

            Map<String, byte[]> view = new HashMap<>();
            for (TestRecord<String, byte[]> r : d.results()) {
                view.put(r.key(), r.value());   // a tombstone (null) leaves the order out of the queue
            }
            for (Order o : latest.values()) {
                TriageResult expected = Driver.ENGINE.classifyAll(List.of(o), end).get(0);
                byte[] got = view.get(o.orderId());
                if (ResultJson.isNothing(expected) || (TriageTopology.closedForGood(o) && expected.verdict() == io.ordertriage.model.Verdict.OK)) {
                    if (got != null) {
                        JsonNode g = Driver.json(got);
                        assertThat(g.path("verdict").asText()).as("order %s", o.orderId()).isEqualTo("OK");
                        assertThat(TriageTopology.closedForGood(o) && ResultJson.isNothing(expected)).as("a closed OK order leaves the queue").isFalse();
                    }
                } else {
                    assertThat(got).as("order %s: %s", o.orderId(), expected).isNotNull();
                    // a result is emitted again when its verdict, priority or set of findings changes (the rest of
                    // the record, the normal combination say, is as of that emission)
                    assertThat(fingerprint(Driver.json(got))).as("order %s", o.orderId()).isEqualTo(ResultJson.fingerprint(expected));
                    assertThat(Driver.json(got).path("orderId").asText()).isEqualTo(o.orderId());
                }
            }
        }
    }

    /** {@link ResultJson#fingerprint} of a result as the output topic has it. */
    private static String fingerprint(JsonNode r) {
        List<String> findings = new java.util.ArrayList<>();
        r.path("findings").forEach(f -> findings.add(f.path("code").asText() + '/' + (f.path("sku").isNull() ? "" : f.path("sku").asText())
                + '/' + f.path("priority").asText() + '/' + f.path("action").asText() + (f.path("acknowledged").asBoolean() ? "/ack" : "")));
        findings.sort(null);
        return r.path("verdict").asText() + "|" + (r.path("priority").isNull() ? "" : r.path("priority").asText()) + "|"
                + String.join(",", findings);
    }
}
