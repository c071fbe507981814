package io.ordertriage.rules.money;

import io.ordertriage.TriageEngine;
import io.ordertriage.model.Action;
import io.ordertriage.model.Finding;
import io.ordertriage.model.LineDecision;
import io.ordertriage.model.LineResolution;
import io.ordertriage.model.Order;
import io.ordertriage.model.OrderLine;
import io.ordertriage.model.OrderStatus;
import io.ordertriage.model.PaymentStatus;
import io.ordertriage.model.Priority;
import io.ordertriage.model.TriageResult;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;

import static io.ordertriage.Fixtures.AS_OF;
import static io.ordertriage.Fixtures.assertNotRaised;
import static io.ordertriage.Fixtures.assertRaised;
import static io.ordertriage.Fixtures.engine;
import static io.ordertriage.Fixtures.engineWith;
import static io.ordertriage.Fixtures.findings;
import static io.ordertriage.Fixtures.order;
import static io.ordertriage.model.ConfirmationStatus.NOT_REQUIRED;
import static org.assertj.core.api.Assertions.assertThat;

/** Rulebook §16: the order total against what was paid, the pre-order discount, and combo sets. */
class MoneyRulesTest {
    private static final String OVERPAID = "OVERPAID";
    private static final String UNDERPAID = "UNDERPAID";
    private static final String DISCOUNT_MISSING = "PREORDER_DISCOUNT_MISSING";
    private static final String DISCOUNT_UNEARNED = "PREORDER_DISCOUNT_UNEARNED";
    private static final String COMBO = "COMBO_INCOMPLETE";

    private static PaymentStatus normalPayment(OrderStatus os) {
        return os == OrderStatus.CANCELLED ? PaymentStatus.REFUNDED : PaymentStatus.PAID;
    }

    private static OrderLine priced(String sku, int qty, String price) {
        return OrderLine.builder(sku).qty(qty).unitPrice(price).build();
    }

    /** Re-pricing: OVERPAID and UNDERPAID. */
    @Nested
    class Repricing {
        /**
         * The rulebook's example: a ticket paid at full price together with the hotel added to it, then the
         * hotel discount lowered the total to 17000.00 while 19500.00 had been paid.
         */
        private Order.Builder hotel(OrderStatus os, PaymentStatus ps, String paid) {
            return order("H", os, ps, NOT_REQUIRED)
                    .line(priced("TICKET", 1, "15000.00"))
                    .line(priced("HOTEL", 1, "4500.00"))
                    .discount("2500.00")
                    .paidAmount(paid);
        }

        private Order hotel(String paid) {
            return hotel(OrderStatus.CONFIRMED, PaymentStatus.PAID, paid).build();
        }

        /** 3 × 19.99 + 2 × 0.35 − 5.05 = 55.62. */
        private Order groceries(String paid) {
            return order("G", OrderStatus.ASSEMBLING, PaymentStatus.PAID, NOT_REQUIRED)
                    .line(priced("APPLES", 3, "19.99")).line(priced("BAGS", 2, "0.35")).discount("5.05")
                    .paidAmount(paid).build();
        }

        @Test
        void theHotelDiscountLoweredTheTotalBelowWhatWasPaid() {
            TriageResult r = engine().classify(hotel("19500.00"));
            Finding f = assertRaised(r, OVERPAID, Priority.P2, Action.REFUND_DIFFERENCE);
            assertThat(f.message()).contains("19500.00").contains("17000.00").contains("2500.00");
            assertNotRaised(r, UNDERPAID);
        }

        @Test
        void paidLessThanTheTotal() {
            TriageResult r = engine().classify(hotel("15000.00"));
            Finding f = assertRaised(r, UNDERPAID, Priority.P2, Action.COLLECT_DIFFERENCE);
            assertThat(f.message()).contains("15000.00").contains("17000.00").contains("2000.00");
            assertNotRaised(r, OVERPAID);
        }

        @ParameterizedTest
        @ValueSource(strings = {"17000.00", "17000", "17000.000"})
        void paidExactlyTheTotal(String paid) {
            TriageResult r = engine().classify(hotel(paid));
            assertNotRaised(r, OVERPAID);
            assertNotRaised(r, UNDERPAID);
        }

        @Test
        void theDefaultToleranceIsZero() {
            assertRaised(engine().classify(hotel("17000.01")), OVERPAID, Priority.P2, Action.REFUND_DIFFERENCE);
            assertRaised(engine().classify(hotel("16999.99")), UNDERPAID, Priority.P2, Action.COLLECT_DIFFERENCE);
        }

        @Test
        void aDifferenceUpToTheToleranceIsTolerated() {
            TriageEngine e = engineWith("money.tolerance", "1.00");
            assertNotRaised(e.classify(hotel("17001.00")), OVERPAID);
            assertRaised(e.classify(hotel("17001.01")), OVERPAID, Priority.P2, Action.REFUND_DIFFERENCE);
            assertNotRaised(e.classify(hotel("16999.00")), UNDERPAID);
            assertRaised(e.classify(hotel("16998.99")), UNDERPAID, Priority.P2, Action.COLLECT_DIFFERENCE);
            // the default engine has no tolerance for the same amounts
            assertRaised(engine().classify(hotel("17001.00")), OVERPAID, Priority.P2, Action.REFUND_DIFFERENCE);
            assertRaised(engine().classify(hotel("16999.00")), UNDERPAID, Priority.P2, Action.COLLECT_DIFFERENCE);
        }

        @Test
        void theTotalCountsQuantitiesAndTheDiscountToTheCent() {
            assertThat(findings(engine().classify(groceries("55.62")), OVERPAID)).isEmpty();
            assertThat(findings(engine().classify(groceries("55.62")), UNDERPAID)).isEmpty();
            assertThat(findings(engine().classify(groceries("55.620")), OVERPAID)).isEmpty();
            Finding over = assertRaised(engine().classify(groceries("55.63")), OVERPAID, Priority.P2, Action.REFUND_DIFFERENCE);
            assertThat(over.message()).contains("55.63").contains("55.62").contains("0.01");
            Finding under = assertRaised(engine().classify(groceries("55.61")), UNDERPAID, Priority.P2, Action.COLLECT_DIFFERENCE);
            assertThat(under.message()).contains("55.61").contains("55.62").contains("0.01");
        }

        @ParameterizedTest
        @ValueSource(strings = {"0", "10.00", "1000000"})
        void aLineWithoutAPriceLeavesTheOrderWithoutATotal(String paid) {
            Order o = order("N", OrderStatus.CONFIRMED, PaymentStatus.PAID, NOT_REQUIRED)
                    .line(priced("A", 1, "10.00")).line(OrderLine.builder("B").build()).paidAmount(paid).build();
            TriageResult r = engine().classify(o);
            assertNotRaised(r, OVERPAID);
            assertNotRaised(r, UNDERPAID);
        }

        @Test
        void anOrderWithoutLinesHasNoTotal() {
            Order o = order("N", OrderStatus.CONFIRMED, PaymentStatus.PAID, NOT_REQUIRED).paidAmount("10.00").build();
            assertNotRaised(engine().classify(o), OVERPAID);
            assertNotRaised(engine().classify(o), UNDERPAID);
        }

        @Test
        void withoutAPaidAmountThereIsNothingToCompare() {
            Order o = hotel(OrderStatus.CONFIRMED, PaymentStatus.PAID, "1").paidAmount((BigDecimal) null).build();
            assertNotRaised(engine().classify(o), OVERPAID);
            assertNotRaised(engine().classify(o), UNDERPAID);
        }

        @ParameterizedTest
        @EnumSource(value = OrderStatus.class, names = {"CANCELLED"}, mode = EnumSource.Mode.EXCLUDE)
        void everyOrderNotCancelledIsCompared(OrderStatus os) {
            assertRaised(engine().classify(hotel(os, PaymentStatus.PAID, "19500.00").build()), OVERPAID, Priority.P2, Action.REFUND_DIFFERENCE);
            assertRaised(engine().classify(hotel(os, PaymentStatus.PAID, "100.00").build()), UNDERPAID, Priority.P2, Action.COLLECT_DIFFERENCE);
        }

        @Test
        void aCancelledOrderIsNotCompared() {
            TriageResult over = engine().classify(hotel(OrderStatus.CANCELLED, PaymentStatus.PAID, "19500.00").build());
            assertNotRaised(over, OVERPAID);
            TriageResult under = engine().classify(hotel(OrderStatus.CANCELLED, PaymentStatus.PAID, "100.00").build());
            assertNotRaised(under, UNDERPAID);
        }

        @ParameterizedTest
        @EnumSource(value = PaymentStatus.class, names = {"PAID"}, mode = EnumSource.Mode.EXCLUDE)
        void onlyPaidOrdersAreCompared(PaymentStatus ps) {
            assertNotRaised(engine().classify(hotel(OrderStatus.CONFIRMED, ps, "19500.00").build()), OVERPAID);
            assertNotRaised(engine().classify(hotel(OrderStatus.CONFIRMED, ps, "100.00").build()), UNDERPAID);
        }

        @Test
        void theTotalCountsEveryLineWhateverSubstitutionDecides() {
            Order o = order("S", OrderStatus.ASSEMBLING, PaymentStatus.PAID, NOT_REQUIRED)
                    .line(priced("A", 1, "10.00"))
                    .line(OrderLine.builder("B").unitPrice("5.00").available(false).build())
                    .paidAmount("15.00").build();
            TriageResult r = engine().classify(o);
            assertThat(r.basket()).extracting(LineResolution::decision).containsExactly(LineDecision.KEEP, LineDecision.REMOVE);
            assertNotRaised(r, OVERPAID);
            assertNotRaised(r, UNDERPAID);
            assertRaised(engine().classify(o.toBuilder().paidAmount("10.00").build()), UNDERPAID, Priority.P2, Action.COLLECT_DIFFERENCE);
        }
    }

    /** The pre-order discount: working days between the creation date and the delivery date. */
    @Nested
    class Preorder {
        /** 2026-03-10, the as-of date, is a Tuesday; the tenth working day after it is Tuesday 2026-03-24. */
        private final LocalDate tenthWorkingDay = LocalDate.of(2026, 3, 24);

        private Order.Builder placed(OrderStatus os, LocalDate deliveryDate, String promo) {
            return order("PO", os, normalPayment(os), NOT_REQUIRED).deliveryDate(deliveryDate).promo(promo);
        }

        private Order placedOn(Instant createdAt, LocalDate deliveryDate, String promo) {
            return Order.builder("PO").createdAt(createdAt).statuses(OrderStatus.NEW, PaymentStatus.PAID, NOT_REQUIRED)
                    .deliveryDate(deliveryDate).promo(promo).build();
        }

        private boolean missing(TriageEngine e, Order o) {
            return !findings(e.classify(o), DISCOUNT_MISSING).isEmpty();
        }

        @ParameterizedTest
        @EnumSource(value = OrderStatus.class, names = {"NEW", "CONFIRMED"})
        void tenWorkingDaysAheadIsAPreorderNineIsNot(OrderStatus os) {
            // 14 calendar days ahead (10 working days) is a pre-order; 13 (9 working days) is not
            assertRaised(engine().classify(placed(os, tenthWorkingDay, null).build()), DISCOUNT_MISSING, Priority.P3, Action.ADJUST_PRICE);
            assertNotRaised(engine().classify(placed(os, tenthWorkingDay.minusDays(1), null).build()), DISCOUNT_MISSING);
            assertNotRaised(engine().classify(placed(os, tenthWorkingDay, "PREORDER").build()), DISCOUNT_UNEARNED);
            assertRaised(engine().classify(placed(os, tenthWorkingDay.minusDays(1), "PREORDER").build()),
                    DISCOUNT_UNEARNED, Priority.P3, Action.ADJUST_PRICE);
        }

        @Test
        void weekendsAreNotWorkingDays() {
            // Saturday 21st and Sunday 22nd add nothing to the 8 working days up to Friday 20th
            for (int day : new int[]{20, 21, 22, 23}) {
                LocalDate d = LocalDate.of(2026, 3, day);
                assertNotRaised(engine().classify(placed(OrderStatus.NEW, d, null).build()), DISCOUNT_MISSING);
                assertRaised(engine().classify(placed(OrderStatus.NEW, d, "preorder").build()), DISCOUNT_UNEARNED, Priority.P3, Action.ADJUST_PRICE);
            }
            assertRaised(engine().classify(placed(OrderStatus.NEW, LocalDate.of(2026, 3, 30), null).build()),
                    DISCOUNT_MISSING, Priority.P3, Action.ADJUST_PRICE);
        }

        @ParameterizedTest(name = "created {0}")
        @CsvSource({
                "2026-03-06T09:00:00Z, 2026-03-19, 2026-03-20", // Friday: the 10th working day is Friday 20th, 14 days on
                "2026-03-07T09:00:00Z, 2026-03-19, 2026-03-20", // Saturday: the same Friday 20th, only 13 days on
                "2026-03-08T09:00:00Z, 2026-03-19, 2026-03-20", // Sunday
                "2026-03-09T09:00:00Z, 2026-03-22, 2026-03-23"}) // Monday: Sunday 22nd has 9, Monday 23rd 10
        void theCreationDateItselfDoesNotCount(Instant createdAt, LocalDate nine, LocalDate ten) {
            assertNotRaised(engine().classify(placedOn(createdAt, nine, null)), DISCOUNT_MISSING);
            assertRaised(engine().classify(placedOn(createdAt, ten, null)), DISCOUNT_MISSING, Priority.P3, Action.ADJUST_PRICE);
            assertRaised(engine().classify(placedOn(createdAt, ten.plusDays(1), null)), DISCOUNT_MISSING, Priority.P3, Action.ADJUST_PRICE);
        }

        @Test
        void aHolidayMakesItFifteenDaysInsteadOfFourteen() {
            TriageEngine e = engineWith("calendar.holidays", "2026-03-16");
            assertThat(missing(e, placed(OrderStatus.NEW, tenthWorkingDay, null).build())).as("14 days, 9 working days").isFalse();
            assertThat(missing(e, placed(OrderStatus.NEW, tenthWorkingDay.plusDays(1), null).build())).as("15 days, 10 working days").isTrue();
            assertRaised(e.classify(placed(OrderStatus.NEW, tenthWorkingDay, "PREORDER").build()), DISCOUNT_UNEARNED, Priority.P3, Action.ADJUST_PRICE);
            assertNotRaised(e.classify(placed(OrderStatus.NEW, tenthWorkingDay.plusDays(1), "PREORDER").build()), DISCOUNT_UNEARNED);
        }

        @Test
        void aHolidayOnTheDeliveryDateCountsAndSeveralHolidaysAddUp() {
            assertThat(missing(engineWith("calendar.holidays", "2026-03-24"), placed(OrderStatus.NEW, tenthWorkingDay, null).build())).isFalse();
            TriageEngine two = engineWith("calendar.holidays", "2026-03-12,2026-03-13");
            assertThat(missing(two, placed(OrderStatus.NEW, LocalDate.of(2026, 3, 25), null).build())).as("9 working days").isFalse();
            assertThat(missing(two, placed(OrderStatus.NEW, LocalDate.of(2026, 3, 26), null).build())).as("10 working days").isTrue();
        }

        @Test
        void holidaysOnAWeekendOrOutsideThePeriodChangeNothing() {
            TriageEngine e = engineWith("calendar.holidays", "2026-03-14,2026-03-10,2026-03-01,2026-04-01");
            assertThat(missing(e, placed(OrderStatus.NEW, tenthWorkingDay, null).build())).isTrue();
            assertThat(missing(e, placed(OrderStatus.NEW, tenthWorkingDay.minusDays(1), null).build())).isFalse();
        }

        @Test
        void theCreationDateIsTakenInTheEvaluationZone() {
            // 2026-03-09T22:30Z is Monday the 9th in UTC but Tuesday the 10th in Moscow
            Order o = placedOn(Instant.parse("2026-03-09T22:30:00Z"), LocalDate.of(2026, 3, 23), null);
            TriageEngine utc = TriageEngine.builder().clock(Clock.fixed(AS_OF, ZoneOffset.UTC)).build();
            TriageEngine moscow = TriageEngine.builder().clock(Clock.fixed(AS_OF, ZoneId.of("Europe/Moscow"))).build();
            assertThat(missing(utc, o)).isTrue();
            assertThat(missing(moscow, o)).isFalse();
        }

        @ParameterizedTest
        @ValueSource(strings = {"PREORDER", "preorder", "  PreOrder ", "\tPREORDER"})
        void thePromoIsComparedIgnoringCaseAfterTrimming(String promo) {
            assertNotRaised(engine().classify(placed(OrderStatus.CONFIRMED, tenthWorkingDay, promo).build()), DISCOUNT_MISSING);
            assertNotRaised(engine().classify(placed(OrderStatus.CONFIRMED, tenthWorkingDay, promo).build()), DISCOUNT_UNEARNED);
            assertRaised(engine().classify(placed(OrderStatus.CONFIRMED, LocalDate.of(2026, 3, 12), promo).build()),
                    DISCOUNT_UNEARNED, Priority.P3, Action.ADJUST_PRICE);
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "   "})
        void aBlankPromoIsEmpty(String promo) {
            assertRaised(engine().classify(placed(OrderStatus.NEW, tenthWorkingDay, promo).build()), DISCOUNT_MISSING, Priority.P3, Action.ADJUST_PRICE);
        }

        @Test
        void aPreorderWithAnotherPromotionIsLeftAlone() {
            TriageResult r = engine().classify(placed(OrderStatus.NEW, tenthWorkingDay, "SPRING10").build());
            assertNotRaised(r, DISCOUNT_MISSING);
            assertNotRaised(r, DISCOUNT_UNEARNED);
            TriageResult late = engine().classify(placed(OrderStatus.NEW, tenthWorkingDay.minusDays(1), "SPRING10").build());
            assertNotRaised(late, DISCOUNT_MISSING);
            assertNotRaised(late, DISCOUNT_UNEARNED);
            assertNotRaised(engine().classify(placed(OrderStatus.NEW, tenthWorkingDay, "PREORDER2").build()), DISCOUNT_MISSING);
        }

        @ParameterizedTest
        @EnumSource(value = OrderStatus.class, names = {"NEW", "CONFIRMED"}, mode = EnumSource.Mode.EXCLUDE)
        void onlyNewAndConfirmedOrdersAreChecked(OrderStatus os) {
            assertNotRaised(engine().classify(placed(os, tenthWorkingDay.plusDays(7), null).build()), DISCOUNT_MISSING);
            assertNotRaised(engine().classify(placed(os, tenthWorkingDay.minusDays(10), "PREORDER").build()), DISCOUNT_UNEARNED);
        }

        @Test
        void withoutADeliveryDateThereIsNoPreorder() {
            assertNotRaised(engine().classify(placed(OrderStatus.NEW, null, null).build()), DISCOUNT_MISSING);
            assertNotRaised(engine().classify(placed(OrderStatus.NEW, null, "PREORDER").build()), DISCOUNT_UNEARNED);
        }

        @Test
        void aDeliveryDateOnOrBeforeTheCreationDateIsNoPreorder() {
            assertRaised(engine().classify(placed(OrderStatus.NEW, LocalDate.of(2026, 3, 10), "PREORDER").build()),
                    DISCOUNT_UNEARNED, Priority.P3, Action.ADJUST_PRICE);
            assertRaised(engine().classify(placed(OrderStatus.NEW, LocalDate.of(2026, 3, 1), "PREORDER").build()),
                    DISCOUNT_UNEARNED, Priority.P3, Action.ADJUST_PRICE);
            assertNotRaised(engine().classify(placed(OrderStatus.NEW, LocalDate.of(2026, 3, 1), null).build()), DISCOUNT_MISSING);
        }

        @Test
        void theWorkingDaysComeFromTheSettings() {
            TriageEngine five = engineWith("preorder.minWorkingDays", "5");
            // the 5th working day after Tuesday the 10th is Tuesday the 17th
            assertThat(missing(five, placed(OrderStatus.NEW, LocalDate.of(2026, 3, 17), null).build())).isTrue();
            assertThat(missing(five, placed(OrderStatus.NEW, LocalDate.of(2026, 3, 16), null).build())).isFalse();
            assertNotRaised(five.classify(placed(OrderStatus.NEW, LocalDate.of(2026, 3, 17), "PREORDER").build()), DISCOUNT_UNEARNED);
            assertRaised(five.classify(placed(OrderStatus.NEW, LocalDate.of(2026, 3, 16), "PREORDER").build()),
                    DISCOUNT_UNEARNED, Priority.P3, Action.ADJUST_PRICE);
        }

        @Test
        void thePromoCodeComesFromTheSettings() {
            TriageEngine e = engineWith("preorder.promo", "EarlyBird");
            assertNotRaised(e.classify(placed(OrderStatus.NEW, tenthWorkingDay, " earlybird ").build()), DISCOUNT_MISSING);
            assertRaised(e.classify(placed(OrderStatus.NEW, tenthWorkingDay.minusDays(1), "EARLYBIRD").build()),
                    DISCOUNT_UNEARNED, Priority.P3, Action.ADJUST_PRICE);
            // PREORDER is now just another promotion
            TriageResult other = e.classify(placed(OrderStatus.NEW, tenthWorkingDay.minusDays(1), "PREORDER").build());
            assertNotRaised(other, DISCOUNT_UNEARNED);
            assertNotRaised(e.classify(placed(OrderStatus.NEW, tenthWorkingDay, "PREORDER").build()), DISCOUNT_MISSING);
            assertRaised(e.classify(placed(OrderStatus.NEW, tenthWorkingDay, null).build()), DISCOUNT_MISSING, Priority.P3, Action.ADJUST_PRICE);
        }
    }

    /** Combo sets. */
    @Nested
    class Combos {
        private OrderLine inCombo(String sku, String combo) {
            return OrderLine.builder(sku).comboId(combo).build();
        }

        private TriageResult classify(TriageEngine e, OrderStatus os, OrderLine... lines) {
            Order.Builder b = order("C", os, normalPayment(os), NOT_REQUIRED);
            for (OrderLine l : lines) {
                b.line(l);
            }
            return e.classify(b.build());
        }

        private TriageResult classify(OrderStatus os, OrderLine... lines) {
            return classify(engine(), os, lines);
        }

        private TriageResult classify(OrderLine... lines) {
            return classify(OrderStatus.ASSEMBLING, lines);
        }

        @Test
        void aComboOfThreeLinesIsComplete() {
            assertNotRaised(classify(inCombo("BURGER", "MEAL"), inCombo("FRIES", "MEAL"), inCombo("COLA", "MEAL")), COMBO);
        }

        @Test
        void aComboOfTwoLinesIsIncomplete() {
            Finding f = assertRaised(classify(inCombo("BURGER", "MEAL"), inCombo("FRIES", "MEAL")), COMBO, Priority.P3, Action.REVIEW);
            assertThat(f.message()).contains("MEAL").containsPattern("\\b2\\b");
        }

        @Test
        void aComboOfFourLinesIsIncompleteToo() {
            Finding f = assertRaised(classify(inCombo("A", "MEAL"), inCombo("B", "MEAL"), inCombo("C", "MEAL"), inCombo("D", "MEAL")),
                    COMBO, Priority.P3, Action.REVIEW);
            assertThat(f.message()).contains("MEAL").containsPattern("\\b4\\b");
        }

        @Test
        void theQuantityDoesNotMatter() {
            assertNotRaised(classify(OrderLine.builder("A").qty(2).comboId("MEAL").build(),
                    OrderLine.builder("B").qty(5).comboId("MEAL").build(), inCombo("C", "MEAL")), COMBO);
            assertRaised(classify(OrderLine.builder("A").qty(3).comboId("MEAL").build()), COMBO, Priority.P3, Action.REVIEW);
        }

        @Test
        void aLineThatSubstitutionRemovesNoLongerCounts() {
            TriageResult r = classify(inCombo("BURGER", "MEAL"), inCombo("FRIES", "MEAL"),
                    OrderLine.builder("COLA").comboId("MEAL").available(false).build());
            assertThat(r.basket()).extracting(LineResolution::decision).containsExactly(LineDecision.KEEP, LineDecision.KEEP, LineDecision.REMOVE);
            Finding f = assertRaised(r, COMBO, Priority.P3, Action.REVIEW);
            assertThat(f.message()).contains("MEAL").containsPattern("\\b2\\b");
        }

        @Test
        void aSubstitutedLineStillCounts() {
            TriageResult r = classify(inCombo("BURGER", "MEAL"), inCombo("FRIES", "MEAL"),
                    OrderLine.builder("COLA").comboId("MEAL").available(false).substitute("PEPSI", true).build());
            assertThat(r.basket()).extracting(LineResolution::decision).containsExactly(LineDecision.KEEP, LineDecision.KEEP, LineDecision.SUBSTITUTE);
            assertNotRaised(r, COMBO);
        }

        @Test
        void aComboWhoseEveryLineIsRemovedCountsZero() {
            OrderLine key = OrderLine.builder("BUN").keyItem(true).available(false).lineGroup("burger").comboId("MEAL").build();
            TriageResult r = classify(key,
                    OrderLine.builder("PATTY").lineGroup("burger").comboId("MEAL").build(),
                    OrderLine.builder("SAUCE").lineGroup("burger").comboId("MEAL").build(),
                    OrderLine.builder("NAPKIN").build());
            assertThat(r.basket()).extracting(LineResolution::decision)
                    .containsExactly(LineDecision.REMOVE, LineDecision.REMOVE, LineDecision.REMOVE, LineDecision.KEEP);
            Finding f = assertRaised(r, COMBO, Priority.P3, Action.REVIEW);
            assertThat(f.message()).contains("MEAL").containsPattern("\\b0\\b");
        }

        @Test
        void aSetOfFourThatLosesALineDeliversTheComboSize() {
            TriageResult r = classify(inCombo("A", "MEAL"), inCombo("B", "MEAL"), inCombo("C", "MEAL"),
                    OrderLine.builder("D").comboId("MEAL").available(false).build());
            assertThat(r.basket()).extracting(LineResolution::decision)
                    .containsExactly(LineDecision.KEEP, LineDecision.KEEP, LineDecision.KEEP, LineDecision.REMOVE);
            assertNotRaised(r, COMBO);
        }

        @Test
        void aSetThatLosesSeveralLinesRaisesOneFindingWithWhatItKeeps() {
            OrderLine gone = OrderLine.builder("X").comboId("MEAL").available(false).build();
            TriageResult r = classify(inCombo("A", "MEAL"), gone, inCombo("B", "MEAL"), gone, inCombo("C", "MEAL"),
                    inCombo("D", "MEAL"), gone);
            assertThat(r.basket()).extracting(LineResolution::decision).filteredOn(d -> d == LineDecision.REMOVE).hasSize(3);
            Finding f = assertRaised(r, COMBO, Priority.P3, Action.REVIEW);
            assertThat(f.message()).contains("combo MEAL delivers 4 of its 3 lines");
        }

        @Test
        void eachSetCountsItsOwnRemovals() {
            TriageResult r = classify(inCombo("A", "LUNCH"), inCombo("B", "MEAL"), inCombo("C", "LUNCH"),
                    OrderLine.builder("D").comboId("MEAL").available(false).build(), inCombo("E", "MEAL"), inCombo("F", "LUNCH"));
            Finding f = assertRaised(r, COMBO, Priority.P3, Action.REVIEW);
            assertThat(f.message()).contains("combo MEAL delivers 2 of its 3 lines").doesNotContain("LUNCH");
        }

        @ParameterizedTest
        @EnumSource(value = OrderStatus.class, names = {"READY", "IN_DELIVERY"})
        void whenSubstitutionDidNotRunEveryLineCounts(OrderStatus os) {
            TriageResult r = classify(os, inCombo("BURGER", "MEAL"), inCombo("FRIES", "MEAL"),
                    OrderLine.builder("COLA").comboId("MEAL").available(false).build());
            assertThat(r.basket()).isEmpty();
            assertNotRaised(r, COMBO);
        }

        @Test
        void withTheSubstitutionPackOffEveryLineCounts() {
            TriageResult r = classify(engineWith("substitution.enabled", "false"), OrderStatus.ASSEMBLING,
                    inCombo("BURGER", "MEAL"), inCombo("FRIES", "MEAL"),
                    OrderLine.builder("COLA").comboId("MEAL").available(false).build());
            assertNotRaised(r, COMBO);
        }

        @Test
        void theComboSizeComesFromTheSettings() {
            TriageEngine two = engineWith("combo.size", "2");
            assertNotRaised(classify(two, OrderStatus.ASSEMBLING, inCombo("A", "DUO"), inCombo("B", "DUO")), COMBO);
            Finding f = assertRaised(classify(two, OrderStatus.ASSEMBLING, inCombo("A", "DUO"), inCombo("B", "DUO"), inCombo("C", "DUO")),
                    COMBO, Priority.P3, Action.REVIEW);
            assertThat(f.message()).contains("DUO").containsPattern("\\b3\\b");
        }

        @ParameterizedTest
        @EnumSource(value = OrderStatus.class, names = {"NEW", "CONFIRMED", "ASSEMBLING", "READY", "IN_DELIVERY"})
        void openOrdersAreChecked(OrderStatus os) {
            assertRaised(classify(os, inCombo("A", "MEAL"), inCombo("B", "MEAL")), COMBO, Priority.P3, Action.REVIEW);
        }

        @ParameterizedTest
        @EnumSource(value = OrderStatus.class, names = {"COMPLETED", "CANCELLED"})
        void closedOrdersAreNotChecked(OrderStatus os) {
            assertNotRaised(classify(os, inCombo("A", "MEAL"), inCombo("B", "MEAL")), COMBO);
        }

        @Test
        void oneFindingPerComboId() {
            TriageResult r = classify(inCombo("A", "MEAL"), inCombo("X", "KIDS"), inCombo("B", "MEAL"),
                    inCombo("Y", "KIDS"), inCombo("Z", "KIDS"), inCombo("W", "KIDS"), OrderLine.builder("LOOSE").build());
            assertThat(findings(r, COMBO)).hasSize(2).allSatisfy(f -> {
                assertThat(f.sku()).isNull();
                assertThat(f.priority()).isEqualTo(Priority.P3);
                assertThat(f.action()).isEqualTo(Action.REVIEW);
            });
            assertThat(findings(r, COMBO)).filteredOn(f -> f.message().contains("MEAL")).singleElement()
                    .satisfies(f -> assertThat(f.message()).containsPattern("\\b2\\b"));
            assertThat(findings(r, COMBO)).filteredOn(f -> f.message().contains("KIDS")).singleElement()
                    .satisfies(f -> assertThat(f.message()).containsPattern("\\b4\\b"));
        }

        @Test
        void comboIdsAreComparedExactly() {
            TriageResult r = classify(inCombo("A", "MEAL"), inCombo("B", "MEAL"), inCombo("C", "meal"));
            assertThat(findings(r, COMBO)).hasSize(2);
        }

        @Test
        void linesWithoutAComboIdAreNoCombo() {
            assertNotRaised(classify(OrderLine.builder("A").build(), OrderLine.builder("B").comboId("  ").build()), COMBO);
        }
    }

    @Test
    void switchingThePackOffSilencesEveryMoneyCode() {
        TriageEngine off = engineWith("money.enabled", "false");
        Order over = order("M", OrderStatus.CONFIRMED, PaymentStatus.PAID, NOT_REQUIRED)
                .line(priced("A", 1, "10.00")).paidAmount("20.00").deliveryDate(LocalDate.of(2026, 4, 30)).build();
        Order under = over.toBuilder().paidAmount("1.00").deliveryDate(LocalDate.of(2026, 3, 11)).promo("PREORDER")
                .line(OrderLine.builder("B").unitPrice("1.00").comboId("MEAL").build()).build();
        assertThat(engine().classify(over).findings()).extracting(Finding::code).contains(OVERPAID, DISCOUNT_MISSING);
        assertThat(engine().classify(under).findings()).extracting(Finding::code).contains(UNDERPAID, DISCOUNT_UNEARNED, COMBO);
        for (Order o : new Order[]{over, under}) {
            TriageResult r = off.classify(o);
            for (String code : new String[]{OVERPAID, UNDERPAID, DISCOUNT_MISSING, DISCOUNT_UNEARNED, COMBO}) {
                assertNotRaised(r, code);
            }
        }
    }
}
