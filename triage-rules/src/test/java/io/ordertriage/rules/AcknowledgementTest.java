package io.ordertriage.rules;

import io.ordertriage.TriageEngine;
import io.ordertriage.model.Acknowledgement;
import io.ordertriage.model.Action;
import io.ordertriage.model.Finding;
import io.ordertriage.model.Fulfilment;
import io.ordertriage.model.Order;
import io.ordertriage.model.OrderLine;
import io.ordertriage.model.OrderStatus;
import io.ordertriage.model.PaymentStatus;
import io.ordertriage.model.Priority;
import io.ordertriage.model.TriageResult;
import io.ordertriage.model.Verdict;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static io.ordertriage.Fixtures.AS_OF;
import static io.ordertriage.Fixtures.CLOCK;
import static io.ordertriage.Fixtures.ONE_SECOND;
import static io.ordertriage.Fixtures.engine;
import static io.ordertriage.Fixtures.findings;
import static io.ordertriage.Fixtures.order;
import static io.ordertriage.model.ConfirmationStatus.NOT_REQUIRED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Rulebook §18: an acknowledged finding stays in the result, marked, and no longer counts for the verdict
 * or the priority while its acknowledgement holds ({@code until} empty or later than as-of).
 */
class AcknowledgementTest {
    private static final String REASON_MISSING = "CANCEL_REASON_MISSING";
    private static final String CANCELLED_BUT_PAID = "CANCELLED_BUT_PAID";

    /** A cancelled, refunded order without a reason: its only finding is CANCEL_REASON_MISSING (P3). */
    private static Order noReason(String id) {
        return order(id, OrderStatus.CANCELLED, PaymentStatus.REFUNDED, NOT_REQUIRED).build();
    }

    /** A cancelled but paid order without a reason: CANCELLED_BUT_PAID (P1) and CANCEL_REASON_MISSING (P3). */
    private static Order paidNoReason(String id) {
        return order(id, OrderStatus.CANCELLED, PaymentStatus.PAID, NOT_REQUIRED).build();
    }

    private static TriageEngine acknowledging(Acknowledgement... acks) {
        return TriageEngine.builder().clock(CLOCK).acknowledgements(List.of(acks)).build();
    }

    private static Acknowledgement ack(String orderId, String code, Instant until) {
        return new Acknowledgement(orderId, code, until, "dealt with by phone");
    }

    private static Finding only(TriageResult r, String code) {
        List<Finding> fs = findings(r, code);
        assertThat(fs).as("%s in %s", code, r).hasSize(1);
        return fs.get(0);
    }

    private static void assertAcknowledgedOk(TriageResult r, String code) {
        assertThat(r.verdict()).isEqualTo(Verdict.OK);
        assertThat(r.priority()).isNull();
        assertThat(only(r, code).acknowledged()).isTrue();
    }

    private static void assertNotAcknowledged(TriageResult r, String code, Priority priority) {
        assertThat(r.verdict()).isEqualTo(Verdict.ATTENTION);
        assertThat(r.priority()).isEqualTo(priority);
        assertThat(only(r, code).acknowledged()).isFalse();
    }

    @Test
    void withoutAcknowledgementTheFindingCounts() {
        TriageResult r = engine().classify(noReason("A"));
        assertThat(r.findings()).extracting(Finding::code).containsExactly(REASON_MISSING);
        assertNotAcknowledged(r, REASON_MISSING, Priority.P3);
    }

    @Test
    void anOrderWhoseOnlyFindingIsAcknowledgedIsOkWithoutPriority() {
        TriageResult plain = engine().classify(noReason("A"));
        TriageResult r = acknowledging(ack("A", REASON_MISSING, null)).classify(noReason("A"));
        assertAcknowledgedOk(r, REASON_MISSING);
        assertThat(r.needsAttention()).isFalse();
        // the finding stays, unchanged but for the mark
        assertThat(r.findings()).hasSize(1);
        Finding before = plain.findings().get(0);
        Finding after = r.findings().get(0);
        assertThat(after).isEqualTo(before.acknowledge());
        assertThat(after).extracting(Finding::code, Finding::priority, Finding::action, Finding::sku, Finding::rule, Finding::message)
                .containsExactly(before.code(), Priority.P3, Action.REVIEW, null, before.rule(), before.message());
    }

    @Test
    void anAcknowledgementWithoutUntilHolds() {
        assertAcknowledgedOk(acknowledging(new Acknowledgement("A", REASON_MISSING, null, null)).classify(noReason("A")), REASON_MISSING);
    }

    @Test
    void untilEqualToAsOfHasLapsed() {
        assertNotAcknowledged(acknowledging(ack("A", REASON_MISSING, AS_OF)).classify(noReason("A")), REASON_MISSING, Priority.P3);
    }

    @Test
    void untilOneSecondAfterAsOfHolds() {
        assertAcknowledgedOk(acknowledging(ack("A", REASON_MISSING, AS_OF.plus(ONE_SECOND))).classify(noReason("A")), REASON_MISSING);
    }

    @Test
    void untilInThePastHasLapsed() {
        assertNotAcknowledged(acknowledging(ack("A", REASON_MISSING, AS_OF.minus(Duration.ofDays(1)))).classify(noReason("A")),
                REASON_MISSING, Priority.P3);
        assertNotAcknowledged(acknowledging(ack("A", REASON_MISSING, AS_OF.minus(ONE_SECOND))).classify(noReason("A")),
                REASON_MISSING, Priority.P3);
    }

    @Test
    void severalRowsForTheSameOrderAndCodeAcknowledgeWhenAnyHolds() {
        assertAcknowledgedOk(acknowledging(
                ack("A", REASON_MISSING, AS_OF.minus(Duration.ofDays(2))),
                ack("A", REASON_MISSING, AS_OF.plus(Duration.ofHours(1))),
                ack("A", REASON_MISSING, AS_OF)).classify(noReason("A")), REASON_MISSING);
        assertAcknowledgedOk(acknowledging(
                ack("A", REASON_MISSING, AS_OF),
                ack("A", REASON_MISSING, null)).classify(noReason("A")), REASON_MISSING);
        assertNotAcknowledged(acknowledging(
                ack("A", REASON_MISSING, AS_OF),
                ack("A", REASON_MISSING, AS_OF.minus(Duration.ofHours(1)))).classify(noReason("A")), REASON_MISSING, Priority.P3);
    }

    @Test
    void aNewFindingWithAnotherCodeBringsTheOrderBack() {
        TriageEngine e = acknowledging(ack("A", REASON_MISSING, null));
        assertAcknowledgedOk(e.classify(noReason("A")), REASON_MISSING);
        TriageResult back = e.classify(paidNoReason("A"));
        assertThat(back.verdict()).isEqualTo(Verdict.ATTENTION);
        assertThat(back.priority()).isEqualTo(Priority.P1);
        assertThat(back.findings()).extracting(Finding::code, Finding::acknowledged)
                .containsExactly(tuple(CANCELLED_BUT_PAID, false), tuple(REASON_MISSING, true));
    }

    @Test
    void thePriorityIsTheMostUrgentUnacknowledgedFinding() {
        assertThat(engine().classify(paidNoReason("A")).priority()).isEqualTo(Priority.P1);
        TriageResult p1Acked = acknowledging(ack("A", CANCELLED_BUT_PAID, null)).classify(paidNoReason("A"));
        assertThat(p1Acked.verdict()).isEqualTo(Verdict.ATTENTION);
        assertThat(p1Acked.priority()).isEqualTo(Priority.P3);
        assertThat(p1Acked.findings()).extracting(Finding::code, Finding::acknowledged)
                .containsExactly(tuple(CANCELLED_BUT_PAID, true), tuple(REASON_MISSING, false));
        TriageResult p3Acked = acknowledging(ack("A", REASON_MISSING, null)).classify(paidNoReason("A"));
        assertThat(p3Acked.priority()).isEqualTo(Priority.P1);
        TriageResult both = acknowledging(ack("A", REASON_MISSING, null), ack("A", CANCELLED_BUT_PAID, AS_OF.plus(Duration.ofDays(1))))
                .classify(paidNoReason("A"));
        assertThat(both.verdict()).isEqualTo(Verdict.OK);
        assertThat(both.priority()).isNull();
        assertThat(both.findings()).extracting(Finding::acknowledged).containsOnly(true);
    }

    @Test
    void everyFindingOfTheCodeIsAcknowledged() {
        Order o = order("L", OrderStatus.CONFIRMED, PaymentStatus.PAID, NOT_REQUIRED)
                .line(OrderLine.builder("WINE").adultOnly(true).build())
                .line(OrderLine.builder("BEER").adultOnly(true).build()).build();
        assertThat(engine().classify(o).findings()).extracting(Finding::code, Finding::sku)
                .containsExactly(tuple("AGE_NOT_VERIFIED", "WINE"), tuple("AGE_NOT_VERIFIED", "BEER"));
        TriageResult r = acknowledging(ack("L", "AGE_NOT_VERIFIED", null)).classify(o);
        assertThat(r.verdict()).isEqualTo(Verdict.OK);
        assertThat(r.findings()).extracting(Finding::sku, Finding::acknowledged)
                .containsExactly(tuple("WINE", true), tuple("BEER", true));
    }

    @Test
    void anAcknowledgementBelongsToItsOrder() {
        TriageEngine e = acknowledging(ack("A", REASON_MISSING, null));
        List<TriageResult> rs = e.classifyAll(List.of(noReason("A"), noReason("B")));
        assertAcknowledgedOk(rs.get(0), REASON_MISSING);
        assertNotAcknowledged(rs.get(1), REASON_MISSING, Priority.P3);
    }

    @Test
    void anAcknowledgementThatMatchesNothingIsNoError() {
        TriageEngine e = acknowledging(ack("NOBODY", REASON_MISSING, null), ack("A", "PHONE_UNUSABLE", null),
                ack("A", "NO_SUCH_CODE", AS_OF.minus(Duration.ofDays(1))));
        assertThatCode(() -> e.classify(noReason("A"))).doesNotThrowAnyException();
        assertNotAcknowledged(e.classify(noReason("A")), REASON_MISSING, Priority.P3);
    }

    @Test
    void aP1FindingOfPartTwoCanBeAcknowledged() {
        Order waiting = order("W", OrderStatus.READY, PaymentStatus.PAID, NOT_REQUIRED).fulfilment(Fulfilment.PICKUP)
                .customerPhone("+79145841332").pickupCheckinAt(AS_OF.minus(Duration.ofMinutes(20))).build();
        assertNotAcknowledged(engine().classify(waiting), "CUSTOMER_WAITING", Priority.P1);
        assertAcknowledgedOk(acknowledging(ack("W", "CUSTOMER_WAITING", AS_OF.plus(Duration.ofMinutes(5)))).classify(waiting),
                "CUSTOMER_WAITING");
    }

    @Test
    void aP4FindingAcknowledgedIsMarkedAndTheOrderStaysOk() {
        Order o = order("I", OrderStatus.ASSEMBLING, PaymentStatus.PAID, NOT_REQUIRED)
                .line(OrderLine.builder("A").available(false).substitute("A2", true).build()).build();
        TriageResult r = acknowledging(ack("I", "ITEM_SUBSTITUTED", null)).classify(o);
        assertThat(r.verdict()).isEqualTo(Verdict.OK);
        assertThat(only(r, "ITEM_SUBSTITUTED").acknowledged()).isTrue();
    }
}
