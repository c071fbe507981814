package io.ordertriage.rules.timers;

import io.ordertriage.Fixtures;
import io.ordertriage.TriageEngine;
import io.ordertriage.TriageSettings;
import io.ordertriage.model.Action;
import io.ordertriage.model.ConfirmationStatus;
import io.ordertriage.model.Finding;
import io.ordertriage.model.Order;
import io.ordertriage.model.OrderStatus;
import io.ordertriage.model.PaymentStatus;
import io.ordertriage.model.Priority;
import io.ordertriage.model.TriageResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static io.ordertriage.Fixtures.AS_OF;
import static io.ordertriage.Fixtures.codes;
import static io.ordertriage.Fixtures.engine;
import static io.ordertriage.model.ConfirmationStatus.AWAITING;
import static io.ordertriage.model.ConfirmationStatus.CONFIRMED;
import static io.ordertriage.model.ConfirmationStatus.NOT_REQUIRED;
import static io.ordertriage.model.OrderStatus.ASSEMBLING;
import static io.ordertriage.model.OrderStatus.NEW;
import static io.ordertriage.model.PaymentStatus.PAID;
import static io.ordertriage.model.PaymentStatus.PENDING;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rulebook §4: each timer exactly at its threshold (not overdue) and one second past it (overdue),
 * in every order status it applies to, and not in the others.
 */
class TimerRulesTest {
    private static final Duration ONE_SECOND = Duration.ofSeconds(1);

    /** An order with a valid phone, so that a CALL_CUSTOMER timer brings no PHONE_UNUSABLE (§17) with it. */
    private static Order created(OrderStatus os, PaymentStatus ps, ConfirmationStatus cs, Duration ago) {
        return Order.builder("T").createdAt(AS_OF.minus(ago)).statuses(os, ps, cs).customerPhone("+7 914 584-13-32").build();
    }

    private static List<Finding> timerFindings(TriageResult r, String code) {
        return r.findings().stream().filter(f -> f.code().equals(code)).toList();
    }

    private static void assertFires(Order o, String code, Action action) {
        List<Finding> fs = timerFindings(engine().classify(o), code);
        assertThat(fs).as("%s on %s", code, o).hasSize(1);
        assertThat(fs.get(0).priority()).isEqualTo(Priority.P2);
        assertThat(fs.get(0).action()).isEqualTo(action);
        assertThat(fs.get(0).sku()).isNull();
        assertThat(fs.get(0).rule()).startsWith(code + " ");
    }

    private static void assertSilent(Order o, String code) {
        assertThat(timerFindings(engine().classify(o), code)).as("%s on %s", code, o).isEmpty();
    }

    @ParameterizedTest(name = "{0}/{1}/{2}")
    @CsvSource({"NEW, PAID, AWAITING", "NEW, PENDING, AWAITING", "CONFIRMED, PAID, AWAITING"})
    void confirmationOverdueStrictlyAfterTenMinutes(OrderStatus os, PaymentStatus ps, ConfirmationStatus cs) {
        Duration limit = Duration.ofMinutes(10);
        assertSilent(created(os, ps, cs, limit), "CONFIRMATION_OVERDUE");
        assertFires(created(os, ps, cs, limit.plus(ONE_SECOND)), "CONFIRMATION_OVERDUE", Action.CALL_SUPPLIER);
    }

    @ParameterizedTest(name = "{0}/{1}/{2}")
    @CsvSource({"ASSEMBLING, PAID, AWAITING", "NEW, PAID, CONFIRMED", "CANCELLED, PENDING, AWAITING"})
    void confirmationTimerIgnoresOtherStates(OrderStatus os, PaymentStatus ps, ConfirmationStatus cs) {
        assertSilent(created(os, ps, cs, Duration.ofDays(3)), "CONFIRMATION_OVERDUE");
    }

    @ParameterizedTest(name = "{0}/{1}/{2}")
    @CsvSource({"NEW, PENDING, NOT_REQUIRED", "NEW, PENDING, AWAITING", "CONFIRMED, PENDING, CONFIRMED"})
    void paymentOverdueStrictlyAfterThirtyMinutes(OrderStatus os, PaymentStatus ps, ConfirmationStatus cs) {
        Duration limit = Duration.ofMinutes(30);
        assertSilent(created(os, ps, cs, limit), "PAYMENT_OVERDUE");
        assertFires(created(os, ps, cs, limit.plus(ONE_SECOND)), "PAYMENT_OVERDUE", Action.CALL_CUSTOMER);
    }

    @ParameterizedTest(name = "{0}/{1}/{2}")
    @CsvSource({"ASSEMBLING, PENDING, CONFIRMED", "CANCELLED, PENDING, NOT_REQUIRED", "NEW, PAID, NOT_REQUIRED"})
    void paymentTimerIgnoresOtherStates(OrderStatus os, PaymentStatus ps, ConfirmationStatus cs) {
        assertSilent(created(os, ps, cs, Duration.ofDays(3)), "PAYMENT_OVERDUE");
    }

    @ParameterizedTest(name = "{0}/{1}/{2}")
    @CsvSource({"COMPLETED, REFUND_PENDING, CONFIRMED", "CANCELLED, REFUND_PENDING, REJECTED", "NEW, REFUND_PENDING, NOT_REQUIRED"})
    void refundOverdueStrictlyAfterSeventyTwoHoursSinceTheLastUpdate(OrderStatus os, PaymentStatus ps, ConfirmationStatus cs) {
        Duration limit = Duration.ofHours(72);
        Instant longAgo = AS_OF.minus(Duration.ofDays(30));
        Order atLimit = Order.builder("R").createdAt(longAgo).updatedAt(AS_OF.minus(limit)).statuses(os, ps, cs).build();
        Order past = atLimit.toBuilder().updatedAt(AS_OF.minus(limit).minus(ONE_SECOND)).build();
        assertSilent(atLimit, "REFUND_OVERDUE");
        assertFires(past, "REFUND_OVERDUE", Action.ESCALATE_REFUND);
    }

    @Test
    void refundTimerMeasuresFromCreatedAtWhenUpdatedAtIsAbsent() {
        Order o = Order.builder("R").createdAt(AS_OF.minus(Duration.ofHours(73)))
                .statuses(OrderStatus.COMPLETED, PaymentStatus.REFUND_PENDING, CONFIRMED).build();
        assertFires(o, "REFUND_OVERDUE", Action.ESCALATE_REFUND);
        assertSilent(o.toBuilder().paymentStatus(PaymentStatus.REFUNDED).build(), "REFUND_OVERDUE");
    }

    @ParameterizedTest(name = "{0}/{1}/{2}")
    @CsvSource({"CONFIRMED, PAID, CONFIRMED", "ASSEMBLING, PAID, NOT_REQUIRED", "READY, PAID, CONFIRMED", "IN_DELIVERY, PAID, CONFIRMED"})
    void deliveryLateAsSoonAsTheEstimateHasPassed(OrderStatus os, PaymentStatus ps, ConfirmationStatus cs) {
        Order onTime = Order.builder("D").createdAt(AS_OF.minus(Duration.ofHours(2))).statuses(os, ps, cs)
                .estimatedDeliveryAt(AS_OF).build();
        assertSilent(onTime, "DELIVERY_LATE");
        assertFires(onTime.toBuilder().estimatedDeliveryAt(AS_OF.minus(ONE_SECOND)).build(), "DELIVERY_LATE", Action.CALL_CUSTOMER);
    }

    @ParameterizedTest(name = "{0}/{1}/{2}")
    @CsvSource({"NEW, PAID, NOT_REQUIRED", "COMPLETED, PAID, CONFIRMED", "CANCELLED, REFUNDED, CONFIRMED"})
    void deliveryTimerIgnoresOtherStates(OrderStatus os, PaymentStatus ps, ConfirmationStatus cs) {
        Order o = Order.builder("D").createdAt(AS_OF.minus(Duration.ofDays(2))).statuses(os, ps, cs)
                .estimatedDeliveryAt(AS_OF.minus(Duration.ofDays(1))).build();
        assertSilent(o, "DELIVERY_LATE");
    }

    @Test
    void noDeliveryEstimateNoDeliveryTimer() {
        assertSilent(created(OrderStatus.CONFIRMED, PAID, CONFIRMED, Duration.ofDays(10)), "DELIVERY_LATE");
    }

    @Test
    void aFutureTimestampIsNeverOverdue() {
        assertThat(codes(engine().classify(created(NEW, PENDING, AWAITING, Duration.ofHours(-5))))).isEmpty();
    }

    @Test
    void thresholdsComeFromSettings() {
        TriageEngine relaxed = TriageEngine.builder().clock(Fixtures.CLOCK)
                .settings(TriageSettings.defaults().with("payment.timeout", "45m").with("confirmation.timeout", "PT1H")
                        .with("refund.timeout", "1d").with("delivery.grace", "15m"))
                .build();
        Order unpaid = created(NEW, PENDING, AWAITING, Duration.ofMinutes(40));
        assertThat(codes(engine().classify(unpaid))).containsExactlyInAnyOrder("PAYMENT_OVERDUE", "CONFIRMATION_OVERDUE");
        assertThat(codes(relaxed.classify(unpaid))).isEmpty();
        assertThat(codes(relaxed.classify(created(NEW, PENDING, AWAITING, Duration.ofMinutes(46))))).containsExactly("PAYMENT_OVERDUE");
        Order late = Order.builder("D").createdAt(AS_OF.minus(Duration.ofHours(2))).statuses(ASSEMBLING, PAID, NOT_REQUIRED)
                .customerPhone("8 914 584-13-32").estimatedDeliveryAt(AS_OF.minus(Duration.ofMinutes(10))).build();
        assertThat(codes(relaxed.classify(late))).isEmpty();
        assertThat(codes(engine().classify(late))).containsExactly("DELIVERY_LATE");
    }

    @Test
    void aMessageSaysHowLongAndTheLimit() {
        Finding f = timerFindings(engine().classify(created(NEW, PENDING, NOT_REQUIRED, Duration.ofMinutes(42).plusSeconds(5))),
                "PAYMENT_OVERDUE").get(0);
        assertThat(f.message()).isEqualTo("payment PENDING for 42m 05s, more than the 30m 00s allowed: call the customer");
    }
}
