package io.ordertriage.rules.delivery;

import io.ordertriage.TriageEngine;
import io.ordertriage.TriageSettings;
import io.ordertriage.model.Action;
import io.ordertriage.model.DeliveryTerms;
import io.ordertriage.model.Finding;
import io.ordertriage.model.Order;
import io.ordertriage.model.OrderStatus;
import io.ordertriage.model.PaymentStatus;
import io.ordertriage.model.Priority;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;

import static io.ordertriage.Fixtures.AS_OF;
import static io.ordertriage.Fixtures.CLOCK;
import static io.ordertriage.Fixtures.ONE_SECOND;
import static io.ordertriage.Fixtures.assertNotRaised;
import static io.ordertriage.Fixtures.assertRaised;
import static io.ordertriage.Fixtures.engine;
import static io.ordertriage.Fixtures.engineWith;
import static io.ordertriage.model.ConfirmationStatus.NOT_REQUIRED;
import static io.ordertriage.model.Fulfilment.DELIVERY;
import static io.ordertriage.model.Fulfilment.PICKUP;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rulebook §11, delivery scheduling: HANDOVER_OVERDUE, ARRIVAL_LATE, DELIVERY_DATE_NOT_AGREED,
 * POSTPONED_TOO_LONG and DELIVERY_DATE_MISSED, each at its threshold and one second (or one day) past it,
 * in the statuses it applies to and not in others, only for fulfilment DELIVERY, with changed settings and
 * with the pack switched off.
 */
class DeliveryRulesTest {
    private static final String HANDOVER = "HANDOVER_OVERDUE";
    private static final String ARRIVAL = "ARRIVAL_LATE";
    private static final String NOT_AGREED = "DELIVERY_DATE_NOT_AGREED";
    private static final String POSTPONED = "POSTPONED_TOO_LONG";
    private static final String MISSED = "DELIVERY_DATE_MISSED";

    private static final Duration HANDOVER_LIMIT = Duration.ofHours(48);
    private static final Duration AGREE_LIMIT = Duration.ofHours(24);
    /** The delivery promise to Kazan: 3 days of 24 hours. */
    private static final Duration KAZAN_PROMISE = Duration.ofDays(3);
    private static final LocalDate AS_OF_DATE = LocalDate.of(2026, 3, 10);

    private static TriageEngine kazanTerms;
    private static TriageEngine deliveryOff;

    /** An engine that knows the delivery promise to Kazan (3 days), built once. */
    private static synchronized TriageEngine withTerms() {
        if (kazanTerms == null) {
            kazanTerms = TriageEngine.builder().clock(CLOCK)
                    .deliveryTerms(DeliveryTerms.builder().add("Kazan", 3).add("Moscow", 1).build()).build();
        }
        return kazanTerms;
    }

    /** Delivery terms and the delivery pack switched off, built once. */
    private static synchronized TriageEngine withTermsDeliveryOff() {
        if (deliveryOff == null) {
            deliveryOff = TriageEngine.builder().clock(CLOCK)
                    .settings(TriageSettings.defaults().with("delivery.enabled", "false"))
                    .deliveryTerms(DeliveryTerms.builder().add("Kazan", 3).build()).build();
        }
        return deliveryOff;
    }

    /** A payment status that makes a normal combination with {@code os} (so that no status finding muddles the picture). */
    private static PaymentStatus normalPayment(OrderStatus os) {
        return os == OrderStatus.CANCELLED ? PaymentStatus.REFUNDED : PaymentStatus.PAID;
    }

    /** A delivery order in {@code os}, created {@code ago} before as-of. */
    private static Order.Builder delivery(OrderStatus os, Duration ago) {
        return Order.builder("D").createdAt(AS_OF.minus(ago)).statuses(os, normalPayment(os), NOT_REQUIRED).fulfilment(DELIVERY);
    }

    /** A delivery order to Kazan in {@code os}, created 10 days ago and shipped {@code ago} before as-of. */
    private static Order.Builder shipped(OrderStatus os, Duration ago) {
        return delivery(os, Duration.ofDays(10)).city("Kazan").shippedAt(AS_OF.minus(ago));
    }

    /** A delivery order in {@code os} created 10 days ago whose parcel arrived {@code ago} before as-of. */
    private static Order.Builder arrived(OrderStatus os, Duration ago) {
        return delivery(os, Duration.ofDays(10)).city("Kazan").shippedAt(AS_OF.minus(Duration.ofDays(9)))
                .arrivedAt(AS_OF.minus(ago));
    }

    /** A delivery order in {@code os} that arrived on 2026-03-01 at noon UTC and is to be delivered on {@code date}. */
    private static Order.Builder postponed(OrderStatus os, LocalDate date) {
        return delivery(os, Duration.ofDays(20)).city("Kazan").shippedAt(Instant.parse("2026-02-25T10:00:00Z"))
                .arrivedAt(Instant.parse("2026-03-01T12:00:00Z")).deliveryDate(date);
    }

    /** A delivery order in {@code os} created 5 days ago, to be delivered on {@code date}. */
    private static Order.Builder dated(OrderStatus os, LocalDate date) {
        return delivery(os, Duration.ofDays(5)).deliveryDate(date);
    }

    // ---- HANDOVER_OVERDUE ---------------------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(value = OrderStatus.class, names = {"CONFIRMED", "ASSEMBLING", "READY"})
    void handoverOverdueStrictlyAfterFortyEightHours(OrderStatus os) {
        assertNotRaised(engine().classify(delivery(os, HANDOVER_LIMIT).build()), HANDOVER);
        Finding f = assertRaised(engine().classify(delivery(os, HANDOVER_LIMIT.plus(ONE_SECOND)).build()),
                HANDOVER, Priority.P2, Action.SHIP_ORDER);
        assertThat(f.acknowledged()).isFalse();
    }

    @ParameterizedTest
    @EnumSource(value = OrderStatus.class, names = {"NEW", "IN_DELIVERY", "COMPLETED", "CANCELLED"})
    void handoverIsNotCheckedInOtherStatuses(OrderStatus os) {
        assertNotRaised(engine().classify(delivery(os, Duration.ofDays(30)).build()), HANDOVER);
    }

    @Test
    void aShippedOrderIsHandedOver() {
        Order o = delivery(OrderStatus.READY, Duration.ofDays(5)).shippedAt(AS_OF.minus(Duration.ofDays(4))).build();
        assertNotRaised(engine().classify(o), HANDOVER);
    }

    @Test
    void handoverNeedsFulfilmentDelivery() {
        Order late = delivery(OrderStatus.READY, HANDOVER_LIMIT.plus(Duration.ofHours(1))).build();
        assertRaised(engine().classify(late), HANDOVER, Priority.P2, Action.SHIP_ORDER);
        assertNotRaised(engine().classify(late.toBuilder().fulfilment(null).build()), HANDOVER);
        assertNotRaised(engine().classify(late.toBuilder().fulfilment(PICKUP).build()), HANDOVER);
    }

    @Test
    void handoverTimeoutComesFromTheSettings() {
        TriageEngine relaxed = engineWith("delivery.handoverTimeout", "72h");
        Duration limit = Duration.ofHours(72);
        assertNotRaised(relaxed.classify(delivery(OrderStatus.CONFIRMED, HANDOVER_LIMIT.plus(ONE_SECOND)).build()), HANDOVER);
        assertNotRaised(relaxed.classify(delivery(OrderStatus.CONFIRMED, limit).build()), HANDOVER);
        assertRaised(relaxed.classify(delivery(OrderStatus.CONFIRMED, limit.plus(ONE_SECOND)).build()),
                HANDOVER, Priority.P2, Action.SHIP_ORDER);
    }

    // ---- ARRIVAL_LATE -------------------------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(value = OrderStatus.class, names = {"NEW", "CONFIRMED", "ASSEMBLING", "READY", "IN_DELIVERY"})
    void arrivalLateStrictlyAfterThePromisedArrival(OrderStatus os) {
        assertNotRaised(withTerms().classify(shipped(os, KAZAN_PROMISE).build()), ARRIVAL);
        assertRaised(withTerms().classify(shipped(os, KAZAN_PROMISE.plus(ONE_SECOND)).build()),
                ARRIVAL, Priority.P2, Action.CONTACT_CARRIER);
    }

    @ParameterizedTest
    @EnumSource(value = OrderStatus.class, names = {"COMPLETED", "CANCELLED"})
    void arrivalIsNotCheckedForClosedOrders(OrderStatus os) {
        assertNotRaised(withTerms().classify(shipped(os, Duration.ofDays(8)).build()), ARRIVAL);
    }

    @Test
    void thePromiseIsWholeDaysOfTwentyFourHoursPerLocality() {
        // Moscow is promised in 1 day, Kazan in 3: the same handover is late for one and not for the other
        Order toMoscow = shipped(OrderStatus.IN_DELIVERY, Duration.ofHours(24).plus(ONE_SECOND)).city("Moscow").build();
        assertRaised(withTerms().classify(toMoscow), ARRIVAL, Priority.P2, Action.CONTACT_CARRIER);
        assertNotRaised(withTerms().classify(toMoscow.toBuilder().city("Kazan").build()), ARRIVAL);
        assertNotRaised(withTerms().classify(shipped(OrderStatus.IN_DELIVERY, Duration.ofHours(24)).city("Moscow").build()), ARRIVAL);
    }

    @Test
    void anArrivedParcelIsNotLate() {
        Order o = shipped(OrderStatus.IN_DELIVERY, Duration.ofDays(6)).arrivedAt(AS_OF.minus(Duration.ofDays(1)))
                .deliveryDate(AS_OF_DATE.plusDays(1)).build();
        assertNotRaised(withTerms().classify(o), ARRIVAL);
    }

    @Test
    void anOrderNotYetShippedHasNoPromisedArrival() {
        Order o = delivery(OrderStatus.IN_DELIVERY, Duration.ofDays(10)).city("Kazan").build();
        assertNotRaised(withTerms().classify(o), ARRIVAL);
    }

    @Test
    void withoutDeliveryTermsThereIsNoArrivalLate() {
        assertNotRaised(engine().classify(shipped(OrderStatus.IN_DELIVERY, Duration.ofDays(30)).build()), ARRIVAL);
    }

    @Test
    void aLocalityMissingFromTheTermsHasNoPromisedArrival() {
        Order o = shipped(OrderStatus.IN_DELIVERY, Duration.ofDays(30)).city("Samara").build();
        assertNotRaised(withTerms().classify(o), ARRIVAL);
        Order noPlace = shipped(OrderStatus.IN_DELIVERY, Duration.ofDays(30)).city(null).build();
        assertNotRaised(withTerms().classify(noPlace), ARRIVAL);
    }

    @Test
    void theLocalityDefaultsToTheCity() {
        Order byCity = shipped(OrderStatus.IN_DELIVERY, KAZAN_PROMISE.plus(ONE_SECOND)).city("Kazan").build();
        assertThat(byCity.locality()).isEqualTo("Kazan");
        assertRaised(withTerms().classify(byCity), ARRIVAL, Priority.P2, Action.CONTACT_CARRIER);
    }

    @Test
    void aGivenLocalityWinsOverTheCity() {
        Order toKazan = shipped(OrderStatus.IN_DELIVERY, KAZAN_PROMISE.plus(ONE_SECOND)).city("Samara").locality("Kazan").build();
        assertRaised(withTerms().classify(toKazan), ARRIVAL, Priority.P2, Action.CONTACT_CARRIER);
        Order toSamara = shipped(OrderStatus.IN_DELIVERY, Duration.ofDays(30)).city("Kazan").locality("Samara").build();
        assertNotRaised(withTerms().classify(toSamara), ARRIVAL);
    }

    @ParameterizedTest
    @ValueSource(strings = {"kazan", "KAZAN", "  Kazan ", "\tkAzAn"})
    void localitiesMatchIgnoringCaseAndSurroundingSpace(String locality) {
        Order o = shipped(OrderStatus.IN_DELIVERY, KAZAN_PROMISE.plus(ONE_SECOND)).city("Moscow").locality(locality).build();
        assertRaised(withTerms().classify(o), ARRIVAL, Priority.P2, Action.CONTACT_CARRIER);
        Order onTime = shipped(OrderStatus.IN_DELIVERY, KAZAN_PROMISE).city("Moscow").locality(locality).build();
        assertNotRaised(withTerms().classify(onTime), ARRIVAL);
    }

    @Test
    void localitiesInTheTermsMatchIgnoringCaseAndSpaceToo() {
        TriageEngine e = TriageEngine.builder().clock(CLOCK)
                .deliveryTerms(DeliveryTerms.builder().add("  KAZAN  ", 3).build()).build();
        assertRaised(e.classify(shipped(OrderStatus.IN_DELIVERY, KAZAN_PROMISE.plus(ONE_SECOND)).city("kazan").build()),
                ARRIVAL, Priority.P2, Action.CONTACT_CARRIER);
    }

    @Test
    void arrivalLateNeedsFulfilmentDelivery() {
        Order late = shipped(OrderStatus.IN_DELIVERY, Duration.ofDays(5)).build();
        assertRaised(withTerms().classify(late), ARRIVAL, Priority.P2, Action.CONTACT_CARRIER);
        assertNotRaised(withTerms().classify(late.toBuilder().fulfilment(null).build()), ARRIVAL);
        assertNotRaised(withTerms().classify(late.toBuilder().fulfilment(PICKUP).build()), ARRIVAL);
    }

    // ---- DELIVERY_DATE_NOT_AGREED -------------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(value = OrderStatus.class, names = {"NEW", "CONFIRMED", "ASSEMBLING", "READY", "IN_DELIVERY"})
    void deliveryDateNotAgreedStrictlyAfterTwentyFourHours(OrderStatus os) {
        assertNotRaised(engine().classify(arrived(os, AGREE_LIMIT).build()), NOT_AGREED);
        assertRaised(engine().classify(arrived(os, AGREE_LIMIT.plus(ONE_SECOND)).build()),
                NOT_AGREED, Priority.P2, Action.CALL_CUSTOMER);
    }

    @ParameterizedTest
    @EnumSource(value = OrderStatus.class, names = {"COMPLETED", "CANCELLED"})
    void deliveryDateNotAgreedIsNotCheckedForClosedOrders(OrderStatus os) {
        assertNotRaised(engine().classify(arrived(os, Duration.ofDays(5)).build()), NOT_AGREED);
    }

    @Test
    void anAgreedDeliveryDateIsEnough() {
        Order o = arrived(OrderStatus.IN_DELIVERY, Duration.ofDays(3)).deliveryDate(AS_OF_DATE.plusDays(2)).build();
        assertNotRaised(engine().classify(o), NOT_AGREED);
    }

    @Test
    void deliveryDateNotAgreedNeedsAnArrival() {
        Order o = delivery(OrderStatus.IN_DELIVERY, Duration.ofDays(10)).shippedAt(AS_OF.minus(Duration.ofDays(9))).build();
        assertNotRaised(engine().classify(o), NOT_AGREED);
    }

    @Test
    void deliveryDateNotAgreedNeedsFulfilmentDelivery() {
        Order o = arrived(OrderStatus.IN_DELIVERY, Duration.ofDays(3)).build();
        assertRaised(engine().classify(o), NOT_AGREED, Priority.P2, Action.CALL_CUSTOMER);
        assertNotRaised(engine().classify(o.toBuilder().fulfilment(null).build()), NOT_AGREED);
        assertNotRaised(engine().classify(o.toBuilder().fulfilment(PICKUP).build()), NOT_AGREED);
    }

    @Test
    void agreeTimeoutComesFromTheSettings() {
        TriageEngine relaxed = engineWith("delivery.agreeTimeout", "PT48H");
        Duration limit = Duration.ofHours(48);
        assertNotRaised(relaxed.classify(arrived(OrderStatus.IN_DELIVERY, AGREE_LIMIT.plus(ONE_SECOND)).build()), NOT_AGREED);
        assertNotRaised(relaxed.classify(arrived(OrderStatus.IN_DELIVERY, limit).build()), NOT_AGREED);
        assertRaised(relaxed.classify(arrived(OrderStatus.IN_DELIVERY, limit.plus(ONE_SECOND)).build()),
                NOT_AGREED, Priority.P2, Action.CALL_CUSTOMER);
    }

    // ---- POSTPONED_TOO_LONG -------------------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(value = OrderStatus.class, names = {"NEW", "CONFIRMED", "ASSEMBLING", "READY", "IN_DELIVERY"})
    void theRulebooksExampleArrivalOnTheFirstAllowsTheFifteenth(OrderStatus os) {
        assertNotRaised(engine().classify(postponed(os, LocalDate.of(2026, 3, 15)).build()), POSTPONED);
        assertRaised(engine().classify(postponed(os, LocalDate.of(2026, 3, 16)).build()),
                POSTPONED, Priority.P3, Action.CALL_CUSTOMER);
    }

    @ParameterizedTest
    @EnumSource(value = OrderStatus.class, names = {"COMPLETED", "CANCELLED"})
    void postponementIsNotCheckedForClosedOrders(OrderStatus os) {
        assertNotRaised(engine().classify(postponed(os, LocalDate.of(2026, 4, 30)).build()), POSTPONED);
    }

    @Test
    void anEarlyDeliveryDateIsFine() {
        assertNotRaised(engine().classify(postponed(OrderStatus.IN_DELIVERY, LocalDate.of(2026, 3, 11)).build()), POSTPONED);
    }

    @Test
    void postponementNeedsAnArrival() {
        Order o = delivery(OrderStatus.IN_DELIVERY, Duration.ofDays(20)).shippedAt(AS_OF.minus(Duration.ofDays(9)))
                .deliveryDate(LocalDate.of(2026, 6, 1)).build();
        assertNotRaised(engine().classify(o), POSTPONED);
    }

    @Test
    void postponementNeedsFulfilmentDelivery() {
        Order o = postponed(OrderStatus.IN_DELIVERY, LocalDate.of(2026, 3, 16)).build();
        assertRaised(engine().classify(o), POSTPONED, Priority.P3, Action.CALL_CUSTOMER);
        assertNotRaised(engine().classify(o.toBuilder().fulfilment(null).build()), POSTPONED);
        assertNotRaised(engine().classify(o.toBuilder().fulfilment(PICKUP).build()), POSTPONED);
    }

    @Test
    void maxPostponementComesFromTheSettings() {
        TriageEngine relaxed = engineWith("delivery.maxPostponement", "P21D");
        assertNotRaised(relaxed.classify(postponed(OrderStatus.IN_DELIVERY, LocalDate.of(2026, 3, 16)).build()), POSTPONED);
        assertNotRaised(relaxed.classify(postponed(OrderStatus.IN_DELIVERY, LocalDate.of(2026, 3, 22)).build()), POSTPONED);
        assertRaised(relaxed.classify(postponed(OrderStatus.IN_DELIVERY, LocalDate.of(2026, 3, 23)).build()),
                POSTPONED, Priority.P3, Action.CALL_CUSTOMER);
    }

    @Test
    void theArrivalDateIsTakenInTheEvaluationZone() {
        // 2026-02-28T22:00Z is 2026-02-28 in UTC but 2026-03-01 01:00 in Moscow
        Order o = postponed(OrderStatus.IN_DELIVERY, LocalDate.of(2026, 3, 15))
                .arrivedAt(Instant.parse("2026-02-28T22:00:00Z")).build();
        TriageEngine moscow = TriageEngine.builder().clock(Clock.fixed(AS_OF, ZoneId.of("Europe/Moscow"))).build();
        assertNotRaised(moscow.classify(o), POSTPONED);
        assertRaised(engine().classify(o), POSTPONED, Priority.P3, Action.CALL_CUSTOMER);
        assertNotRaised(engine().classify(o.toBuilder().deliveryDate(LocalDate.of(2026, 3, 14)).build()), POSTPONED);
        assertRaised(moscow.classify(o.toBuilder().deliveryDate(LocalDate.of(2026, 3, 16)).build()),
                POSTPONED, Priority.P3, Action.CALL_CUSTOMER);
    }

    // ---- DELIVERY_DATE_MISSED -----------------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(value = OrderStatus.class, names = {"NEW", "CONFIRMED", "ASSEMBLING", "READY", "IN_DELIVERY"})
    void deliveryDateMissedTheDayAfter(OrderStatus os) {
        assertNotRaised(engine().classify(dated(os, AS_OF_DATE).build()), MISSED);
        assertNotRaised(engine().classify(dated(os, AS_OF_DATE.plusDays(1)).build()), MISSED);
        assertRaised(engine().classify(dated(os, AS_OF_DATE.minusDays(1)).build()),
                MISSED, Priority.P2, Action.CALL_CUSTOMER);
    }

    @ParameterizedTest
    @EnumSource(value = OrderStatus.class, names = {"COMPLETED", "CANCELLED"})
    void deliveryDateMissedIsNotCheckedForClosedOrders(OrderStatus os) {
        assertNotRaised(engine().classify(dated(os, AS_OF_DATE.minusDays(3)).build()), MISSED);
    }

    @Test
    void noDeliveryDateNothingMissed() {
        assertNotRaised(engine().classify(delivery(OrderStatus.IN_DELIVERY, Duration.ofDays(30)).build()), MISSED);
    }

    @Test
    void deliveryDateMissedNeedsFulfilmentDelivery() {
        Order o = dated(OrderStatus.IN_DELIVERY, AS_OF_DATE.minusDays(1)).build();
        assertNotRaised(engine().classify(o.toBuilder().fulfilment(null).build()), MISSED);
        assertNotRaised(engine().classify(o.toBuilder().fulfilment(PICKUP).build()), MISSED);
    }

    @Test
    void theAsOfDateIsTakenInTheEvaluationZone() {
        // 2026-03-10T22:00Z is still the 10th in UTC but already the 11th in Moscow
        Instant lateEvening = Instant.parse("2026-03-10T22:00:00Z");
        TriageEngine utc = TriageEngine.builder().clock(Clock.fixed(lateEvening, ZoneOffset.UTC)).build();
        TriageEngine moscow = TriageEngine.builder().clock(Clock.fixed(lateEvening, ZoneId.of("Europe/Moscow"))).build();
        Order o = dated(OrderStatus.IN_DELIVERY, AS_OF_DATE).build();
        assertNotRaised(utc.classify(o), MISSED);
        assertRaised(moscow.classify(o), MISSED, Priority.P2, Action.CALL_CUSTOMER);
    }

    // ---- the pack as a whole ------------------------------------------------------------------------

    @Test
    void anOrderWithoutFulfilmentGetsNoDeliveryFinding() {
        Order everything = delivery(OrderStatus.READY, Duration.ofDays(30)).city("Kazan").build();
        Order arrivedLong = postponed(OrderStatus.IN_DELIVERY, LocalDate.of(2026, 3, 9)).build();
        Order shippedLong = shipped(OrderStatus.IN_DELIVERY, Duration.ofDays(9)).build();
        Order notAgreed = arrived(OrderStatus.IN_DELIVERY, Duration.ofDays(3)).build();
        for (Order o : new Order[]{everything, arrivedLong, shippedLong, notAgreed}) {
            Order none = o.toBuilder().fulfilment(null).build();
            for (String code : new String[]{HANDOVER, ARRIVAL, NOT_AGREED, POSTPONED, MISSED}) {
                assertNotRaised(withTerms().classify(none), code);
            }
        }
        // and each of them does raise something when it is a delivery
        assertRaised(withTerms().classify(everything), HANDOVER, Priority.P2, Action.SHIP_ORDER);
        assertRaised(withTerms().classify(arrivedLong), MISSED, Priority.P2, Action.CALL_CUSTOMER);
        assertRaised(withTerms().classify(shippedLong), ARRIVAL, Priority.P2, Action.CONTACT_CARRIER);
        assertRaised(withTerms().classify(notAgreed), NOT_AGREED, Priority.P2, Action.CALL_CUSTOMER);
    }

    @Test
    void switchingThePackOffSilencesEveryDeliveryCode() {
        Order handover = delivery(OrderStatus.READY, Duration.ofDays(5)).build();
        Order late = shipped(OrderStatus.IN_DELIVERY, Duration.ofDays(9)).build();
        Order notAgreed = arrived(OrderStatus.IN_DELIVERY, Duration.ofDays(3)).build();
        Order postponedAndMissed = postponed(OrderStatus.IN_DELIVERY, LocalDate.of(2026, 3, 16)).build();
        Order missed = dated(OrderStatus.IN_DELIVERY, AS_OF_DATE.minusDays(1)).build();

        assertRaised(withTerms().classify(handover), HANDOVER, Priority.P2, Action.SHIP_ORDER);
        assertRaised(withTerms().classify(late), ARRIVAL, Priority.P2, Action.CONTACT_CARRIER);
        assertRaised(withTerms().classify(notAgreed), NOT_AGREED, Priority.P2, Action.CALL_CUSTOMER);
        assertRaised(withTerms().classify(postponedAndMissed), POSTPONED, Priority.P3, Action.CALL_CUSTOMER);
        assertRaised(withTerms().classify(missed), MISSED, Priority.P2, Action.CALL_CUSTOMER);

        TriageEngine off = withTermsDeliveryOff();
        for (Order o : new Order[]{handover, late, notAgreed, postponedAndMissed, missed}) {
            for (String code : new String[]{HANDOVER, ARRIVAL, NOT_AGREED, POSTPONED, MISSED}) {
                assertNotRaised(off.classify(o), code);
            }
        }
    }

    @Test
    void theDeliveryFindingsOfOneOrderAreIndependent() {
        // shipped long ago and never arrived, and its chosen date has passed: late and missed at once
        Order o = shipped(OrderStatus.IN_DELIVERY, Duration.ofDays(9)).deliveryDate(AS_OF_DATE.minusDays(2)).build();
        assertRaised(withTerms().classify(o), ARRIVAL, Priority.P2, Action.CONTACT_CARRIER);
        assertRaised(withTerms().classify(o), MISSED, Priority.P2, Action.CALL_CUSTOMER);
    }
}
