package io.ordertriage.rules.pickup;

import io.ordertriage.TriageEngine;
import io.ordertriage.model.Action;
import io.ordertriage.model.Finding;
import io.ordertriage.model.Fulfilment;
import io.ordertriage.model.Order;
import io.ordertriage.model.OrderStatus;
import io.ordertriage.model.PaymentStatus;
import io.ordertriage.model.Priority;
import io.ordertriage.model.TriageResult;
import io.ordertriage.model.Verdict;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;

import static io.ordertriage.Fixtures.AS_OF;
import static io.ordertriage.Fixtures.ONE_SECOND;
import static io.ordertriage.Fixtures.assertNotRaised;
import static io.ordertriage.Fixtures.assertRaised;
import static io.ordertriage.Fixtures.engine;
import static io.ordertriage.Fixtures.engineWith;
import static io.ordertriage.model.ConfirmationStatus.NOT_REQUIRED;
import static io.ordertriage.model.Fulfilment.PICKUP;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rulebook §13, the pickup counter: CUSTOMER_WAITING, CUSTOMER_ARRIVED_NOT_READY, PICKUP_NOT_READY and
 * PICKUP_NOT_COLLECTED, for open orders with fulfilment PICKUP only.
 */
class PickupRulesTest {
    private static final String WAITING = "CUSTOMER_WAITING";
    private static final String ARRIVED = "CUSTOMER_ARRIVED_NOT_READY";
    private static final String NOT_READY = "PICKUP_NOT_READY";
    private static final String NOT_COLLECTED = "PICKUP_NOT_COLLECTED";
    private static final String[] CODES = {WAITING, ARRIVED, NOT_READY, NOT_COLLECTED};

    /** A pickup order in {@code os}, created {@code ago} before as-of, that entered its status an hour after that. */
    private static Order.Builder pickup(OrderStatus os, Duration ago) {
        PaymentStatus ps = os == OrderStatus.CANCELLED ? PaymentStatus.REFUNDED : PaymentStatus.PAID;
        return Order.builder("P").createdAt(AS_OF.minus(ago)).statuses(os, ps, NOT_REQUIRED).fulfilment(PICKUP)
                .store("Store 7").customerPhone("+79145841332");
    }

    /** A pickup order in {@code os}, created two days ago, whose customer checked in {@code ago} before as-of. */
    private static Order checkedIn(OrderStatus os, Duration ago) {
        return pickup(os, Duration.ofDays(2)).statusChangedAt(AS_OF.minus(Duration.ofDays(1)))
                .pickupCheckinAt(AS_OF.minus(ago)).build();
    }

    /** A READY pickup order created ten days ago that became READY {@code ago} before as-of. */
    private static Order readySince(Duration ago) {
        return pickup(OrderStatus.READY, Duration.ofDays(10)).statusChangedAt(AS_OF.minus(ago)).build();
    }

    // ---- CUSTOMER_WAITING ---------------------------------------------------------------------------

    @Test
    void customerWaitingStrictlyAfterFiveMinutesAtTheCounter() {
        Duration limit = Duration.ofMinutes(5);
        assertNotRaised(engine().classify(checkedIn(OrderStatus.READY, limit)), WAITING);
        TriageResult r = engine().classify(checkedIn(OrderStatus.READY, limit.plus(ONE_SECOND)));
        assertRaised(r, WAITING, Priority.P1, Action.SERVE_CUSTOMER);
        assertThat(r.priority()).isEqualTo(Priority.P1);
    }

    @ParameterizedTest
    @EnumSource(value = OrderStatus.class, names = {"READY"}, mode = EnumSource.Mode.EXCLUDE)
    void customerWaitingOnlyForReadyOrders(OrderStatus os) {
        assertNotRaised(engine().classify(checkedIn(os, Duration.ofHours(1))), WAITING);
    }

    @Test
    void queueTimeoutComesFromTheSettings() {
        TriageEngine e = engineWith("pickup.queueTimeout", "10m");
        assertNotRaised(e.classify(checkedIn(OrderStatus.READY, Duration.ofMinutes(5).plus(ONE_SECOND))), WAITING);
        assertNotRaised(e.classify(checkedIn(OrderStatus.READY, Duration.ofMinutes(10))), WAITING);
        assertRaised(e.classify(checkedIn(OrderStatus.READY, Duration.ofMinutes(10).plus(ONE_SECOND))),
                WAITING, Priority.P1, Action.SERVE_CUSTOMER);
    }

    // ---- CUSTOMER_ARRIVED_NOT_READY -----------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(value = OrderStatus.class, names = {"NEW", "CONFIRMED", "ASSEMBLING"})
    void aCustomerAtTheCounterBeforeTheOrderIsReadyIsUrgentAtOnce(OrderStatus os) {
        assertRaised(engine().classify(checkedIn(os, Duration.ZERO)), ARRIVED, Priority.P1, Action.SERVE_CUSTOMER);
        assertRaised(engine().classify(checkedIn(os, ONE_SECOND)), ARRIVED, Priority.P1, Action.SERVE_CUSTOMER);
        assertRaised(engine().classify(checkedIn(os, Duration.ofHours(3))), ARRIVED, Priority.P1, Action.SERVE_CUSTOMER);
    }

    @ParameterizedTest
    @EnumSource(value = OrderStatus.class, names = {"READY", "IN_DELIVERY", "COMPLETED", "CANCELLED"})
    void arrivedNotReadyOnlyBeforeTheOrderIsReady(OrderStatus os) {
        assertNotRaised(engine().classify(checkedIn(os, Duration.ofMinutes(1))), ARRIVED);
    }

    @Test
    void withoutACheckInNoCustomerIsAtTheCounter() {
        Order o = pickup(OrderStatus.ASSEMBLING, Duration.ofMinutes(1)).statusChangedAt(AS_OF.minusSeconds(30)).build();
        assertNotRaised(engine().classify(o), ARRIVED);
        assertNotRaised(engine().classify(o.toBuilder().orderStatus(OrderStatus.READY).build()), WAITING);
    }

    // ---- PICKUP_NOT_READY ---------------------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(value = OrderStatus.class, names = {"NEW", "CONFIRMED", "ASSEMBLING"})
    void pickupNotReadyStrictlyAfterThirtyMinutes(OrderStatus os) {
        Duration limit = Duration.ofMinutes(30);
        assertNotRaised(engine().classify(pickup(os, limit).build()), NOT_READY);
        assertRaised(engine().classify(pickup(os, limit.plus(ONE_SECOND)).build()), NOT_READY, Priority.P3, Action.REVIEW);
    }

    @ParameterizedTest
    @EnumSource(value = OrderStatus.class, names = {"READY", "IN_DELIVERY", "COMPLETED", "CANCELLED"})
    void pickupNotReadyOnlyBeforeTheOrderIsReady(OrderStatus os) {
        assertNotRaised(engine().classify(pickup(os, Duration.ofDays(1)).build()), NOT_READY);
    }

    @Test
    void aCheckedInCustomerTurnsNotReadyIntoArrivedNotReady() {
        Order o = checkedIn(OrderStatus.ASSEMBLING, Duration.ofMinutes(2));
        TriageResult r = engine().classify(o);
        assertNotRaised(r, NOT_READY);
        assertRaised(r, ARRIVED, Priority.P1, Action.SERVE_CUSTOMER);
    }

    @Test
    void readyTimeoutComesFromTheSettings() {
        TriageEngine e = engineWith("pickup.readyTimeout", "PT1H");
        assertNotRaised(e.classify(pickup(OrderStatus.CONFIRMED, Duration.ofMinutes(30).plus(ONE_SECOND)).build()), NOT_READY);
        assertNotRaised(e.classify(pickup(OrderStatus.CONFIRMED, Duration.ofHours(1)).build()), NOT_READY);
        assertRaised(e.classify(pickup(OrderStatus.CONFIRMED, Duration.ofHours(1).plus(ONE_SECOND)).build()),
                NOT_READY, Priority.P3, Action.REVIEW);
    }

    // ---- PICKUP_NOT_COLLECTED -----------------------------------------------------------------------

    @Test
    void pickupNotCollectedStrictlyAfterSeventyTwoHoursReady() {
        Duration limit = Duration.ofHours(72);
        assertNotRaised(engine().classify(readySince(limit)), NOT_COLLECTED);
        assertRaised(engine().classify(readySince(limit.plus(ONE_SECOND))), NOT_COLLECTED, Priority.P3, Action.CALL_CUSTOMER);
    }

    @ParameterizedTest
    @EnumSource(value = OrderStatus.class, names = {"READY"}, mode = EnumSource.Mode.EXCLUDE)
    void pickupNotCollectedOnlyForReadyOrders(OrderStatus os) {
        Order o = pickup(os, Duration.ofDays(10)).statusChangedAt(AS_OF.minus(Duration.ofDays(5))).build();
        assertNotRaised(engine().classify(o), NOT_COLLECTED);
    }

    @Test
    void aCheckedInCustomerIsCollectingNotForgetting() {
        Order o = readySince(Duration.ofDays(5)).toBuilder().pickupCheckinAt(AS_OF.minusSeconds(60)).build();
        assertNotRaised(engine().classify(o), NOT_COLLECTED);
    }

    @Test
    void withoutStatusChangedAtTheStoragePeriodIsNotChecked() {
        Order o = readySince(Duration.ofDays(5)).toBuilder().statusChangedAt(null).build();
        assertNotRaised(engine().classify(o), NOT_COLLECTED);
    }

    @Test
    void storagePeriodComesFromTheSettings() {
        TriageEngine e = engineWith("pickup.storagePeriod", "4d");
        assertNotRaised(e.classify(readySince(Duration.ofHours(72).plus(ONE_SECOND))), NOT_COLLECTED);
        assertNotRaised(e.classify(readySince(Duration.ofDays(4))), NOT_COLLECTED);
        assertRaised(e.classify(readySince(Duration.ofDays(4).plus(ONE_SECOND))), NOT_COLLECTED, Priority.P3, Action.CALL_CUSTOMER);
    }

    // ---- the pack as a whole ------------------------------------------------------------------------

    /** One order per row of §13 that fires with fulfilment PICKUP. */
    private static Order[] oneOfEach() {
        return new Order[]{
                checkedIn(OrderStatus.READY, Duration.ofMinutes(20)),
                checkedIn(OrderStatus.ASSEMBLING, Duration.ofMinutes(1)),
                pickup(OrderStatus.NEW, Duration.ofHours(2)).build(),
                readySince(Duration.ofDays(4)),
        };
    }

    @Test
    void eachRowFiresForAPickupOrder() {
        Order[] orders = oneOfEach();
        for (int i = 0; i < CODES.length; i++) {
            assertThat(engine().classify(orders[i]).findings()).extracting(Finding::code).as(CODES[i]).contains(CODES[i]);
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(value = {"DELIVERY", "NULL"}, nullValues = "NULL")
    void onlyPickupOrdersGetPickupFindings(Fulfilment fulfilment) {
        for (Order o : oneOfEach()) {
            TriageResult r = engine().classify(o.toBuilder().fulfilment(fulfilment).build());
            for (String code : CODES) {
                assertNotRaised(r, code);
            }
        }
    }

    @Test
    void switchingThePackOffSilencesEveryPickupCode() {
        TriageEngine off = engineWith("pickup.enabled", "false");
        for (Order o : oneOfEach()) {
            TriageResult r = off.classify(o);
            for (String code : CODES) {
                assertNotRaised(r, code);
            }
        }
    }

    @Test
    void aWaitingCustomerMakesTheOrderAttentionP1() {
        TriageResult r = engine().classify(checkedIn(OrderStatus.READY, Duration.ofMinutes(6)));
        assertThat(r.verdict()).isEqualTo(Verdict.ATTENTION);
        assertThat(r.priority()).isEqualTo(Priority.P1);
    }
}
