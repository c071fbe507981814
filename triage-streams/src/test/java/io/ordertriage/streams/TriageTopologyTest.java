package io.ordertriage.streams;

import com.fasterxml.jackson.databind.JsonNode;
import io.ordertriage.model.ConfirmationStatus;
import io.ordertriage.model.Order;
import io.ordertriage.model.OrderStatus;
import io.ordertriage.model.PaymentStatus;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static io.ordertriage.model.ConfirmationStatus.AWAITING;
import static io.ordertriage.model.ConfirmationStatus.CONFIRMED;
import static io.ordertriage.model.OrderStatus.ASSEMBLING;
import static io.ordertriage.model.OrderStatus.COMPLETED;
import static io.ordertriage.model.OrderStatus.IN_DELIVERY;
import static io.ordertriage.model.OrderStatus.NEW;
import static io.ordertriage.model.OrderStatus.READY;
import static io.ordertriage.model.PaymentStatus.PAID;
import static io.ordertriage.model.PaymentStatus.PENDING;
import static org.assertj.core.api.Assertions.assertThat;

class TriageTopologyTest {
    static final Instant T0 = Instant.parse("2026-03-10T09:00:00Z");

    static Order order(String id, OrderStatus os, PaymentStatus ps, ConfirmationStatus cs) {
        return Order.builder(id).createdAt(T0).statuses(os, ps, cs).ageVerified(true).build();
    }

    private static KeyValueStore<String, byte[]> openOrders(Driver d) {
        return d.driver.getKeyValueStore(TriageTopology.ORDERS_STORE);
    }

    @Test
    void anOrderPassingThroughNormalStatesEmitsNothingAndLeavesTheStoreWhenCompleted() {
        try (Driver d = new Driver(T0)) {
            d.send(order("A", NEW, PENDING, AWAITING));
            for (Order o : List.of(order("A", NEW, PAID, AWAITING), order("A", OrderStatus.CONFIRMED, PAID, CONFIRMED),
                    order("A", ASSEMBLING, PAID, CONFIRMED), order("A", READY, PAID, CONFIRMED),
                    order("A", IN_DELIVERY, PAID, CONFIRMED))) {
                d.advance(Duration.ofMinutes(1));
                d.send(o);
            }
            assertThat(openOrders(d).get("A")).isNotNull();
            d.advance(Duration.ofMinutes(1));
            d.send(order("A", COMPLETED, PAID, CONFIRMED));
            d.advance(Duration.ofMinutes(5));
            assertThat(d.results()).isEmpty();
            assertThat(d.deadLetters.isEmpty()).isTrue();
            assertThat(openOrders(d).get("A")).as("a closed order leaves the store").isNull();
        }
    }

    @Test
    void aConfirmationOverdueFiresWhenTheWallClockPassesTenMinutesOnceAndAFixEmitsOkThenATombstone() {
        try (Driver d = new Driver(T0)) {
            d.send(order("C", NEW, PAID, AWAITING));
            d.advance(Duration.ofMinutes(10));   // ticks at 1 … 10 minutes: not yet more than ten minutes
            assertThat(d.results()).isEmpty();
            d.advance(Duration.ofMinutes(1));    // the tick at 11 minutes
            List<TestRecord<String, byte[]>> overdue = d.results();
            assertThat(overdue).hasSize(1);
            JsonNode r = Driver.json(overdue.get(0).value());
            assertThat(overdue.get(0).key()).isEqualTo("C");
            assertThat(r.path("verdict").asText()).isEqualTo("ATTENTION");
            assertThat(r.path("findings").get(0).path("code").asText()).isEqualTo("CONFIRMATION_OVERDUE");
            d.advance(Duration.ofMinutes(30));   // later ticks: the same result is not emitted again
            assertThat(d.results()).isEmpty();

            d.send(order("C", OrderStatus.CONFIRMED, PAID, CONFIRMED));   // the supplier confirmed
            List<TestRecord<String, byte[]>> fixed = d.results();
            assertThat(fixed).hasSize(1);
            assertThat(Driver.json(fixed.get(0).value()).path("verdict").asText()).isEqualTo("OK");
            assertThat(Driver.json(fixed.get(0).value()).path("normalCombination").asText()).isEqualTo("N06");

            d.send(order("C", COMPLETED, PAID, CONFIRMED));
            List<TestRecord<String, byte[]>> gone = d.results();
            assertThat(gone).hasSize(1);
            assertThat(gone.get(0).key()).isEqualTo("C");
            assertThat(gone.get(0).value()).as("a tombstone").isNull();
            assertThat(openOrders(d).get("C")).isNull();
        }
    }

    @Test
    void aClosedOrderStillHoldingAProblemStaysInTheQueue() {
        try (Driver d = new Driver(T0)) {
            Order cancelled = order("X", OrderStatus.CANCELLED, PAID, CONFIRMED).toBuilder()
                    .cancellation("CUSTOMER_REFUSED", io.ordertriage.model.CancellationRole.OPERATOR).build();
            d.send(cancelled);   // cancelled but paid: refund
            List<TestRecord<String, byte[]>> rs = d.results();
            assertThat(rs).hasSize(1);
            assertThat(Driver.json(rs.get(0).value()).path("findings").findValuesAsText("code")).contains("CANCELLED_BUT_PAID");
            assertThat(openOrders(d).get("X")).isNotNull();
            d.send(cancelled.toBuilder().paymentStatus(PaymentStatus.REFUNDED).build());
            assertThat(d.results()).singleElement().satisfies(t -> assertThat(t.value()).isNull());
        }
    }

    @Test
    void aPoisonRecordGoesToTheDeadLetterTopicAndTheNextRecordIsProcessed() {
        try (Driver d = new Driver(T0)) {
            byte[] poison = "{\"order_id\": \"P\", \"created_at\": \"yesterday\"".getBytes(StandardCharsets.UTF_8);
            d.raw.pipeInput("P".getBytes(StandardCharsets.UTF_8), poison, T0);
            byte[] wrong = "{\"order_id\":\"Q\",\"created_at\":\"2026-03-10T09:00:00Z\",\"order_status\":\"SHIPPED\",\"payment_status\":\"PAID\"}"
                    .getBytes(StandardCharsets.UTF_8);
            d.raw.pipeInput("Q".getBytes(StandardCharsets.UTF_8), wrong, T0);
            d.raw.pipeInput("R".getBytes(StandardCharsets.UTF_8), OrderSnapshots.write(order("S", NEW, PAID, AWAITING)), T0);
            d.send(order("C", OrderStatus.CANCELLED, PAID, CONFIRMED));

            List<TestRecord<byte[], byte[]>> dead = d.deadLetters.readRecordsToList();
            assertThat(dead).hasSize(3);
            assertThat(dead.get(0).value()).isEqualTo(poison);
            assertThat(new String(dead.get(0).key(), StandardCharsets.UTF_8)).isEqualTo("P");
            assertThat(header(dead.get(0), TriageTopology.ERROR_HEADER)).startsWith("not JSON: ");
            assertThat(header(dead.get(0), TriageTopology.SOURCE_HEADER)).isEqualTo("orders-0@0");
            assertThat(header(dead.get(1), TriageTopology.ERROR_HEADER)).isEqualTo("order Q: order_status \"SHIPPED\": expected one of "
                    + "[NEW, CONFIRMED, ASSEMBLING, READY, IN_DELIVERY, COMPLETED, CANCELLED]");
            assertThat(header(dead.get(2), TriageTopology.ERROR_HEADER)).isEqualTo(
                    "the record's key \"R\" is not its order_id \"S\"; snapshots are keyed by order id");
            assertThat(d.results()).singleElement().satisfies(t -> assertThat(t.key()).isEqualTo("C"));
        }
    }

    private static String header(TestRecord<byte[], byte[]> r, String name) {
        Header h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    @Test
    void snapshotsReadBackToTheOrderTheyWere() throws Exception {
        Order o = Order.builder("A").createdAt(T0).statuses(NEW, PAID, AWAITING).city("Kazan").paidAmount("10.50")
                .line(io.ordertriage.model.OrderLine.builder("MILK").qty(2).unitPrice("5.25").build()).build();
        assertThat(OrderSnapshots.read(OrderSnapshots.write(o), java.time.ZoneOffset.UTC)).isEqualTo(o);
    }
}
