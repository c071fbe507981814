package io.ordertriage.rules.status;

import io.ordertriage.Fixtures;
import io.ordertriage.model.Action;
import io.ordertriage.model.ConfirmationStatus;
import io.ordertriage.model.Finding;
import io.ordertriage.model.OrderStatus;
import io.ordertriage.model.PaymentStatus;
import io.ordertriage.model.Priority;
import io.ordertriage.model.TriageResult;
import io.ordertriage.model.Verdict;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static io.ordertriage.Fixtures.healthyOrder;
import static org.assertj.core.api.Assertions.assertThat;

/** Rulebook §3: one example per normal combination and per diagnosis, plus the precedence between diagnoses. */
class StatusRulesTest {

    @ParameterizedTest(name = "{3}: {0}/{1}/{2}")
    @CsvSource({
            "NEW,         PENDING,        AWAITING,     N01",
            "NEW,         PENDING,        NOT_REQUIRED, N02",
            "NEW,         PAID,           AWAITING,     N03",
            "NEW,         PAID,           NOT_REQUIRED, N04",
            "CONFIRMED,   PENDING,        CONFIRMED,    N05",
            "CONFIRMED,   PENDING,        NOT_REQUIRED, N05",
            "CONFIRMED,   PAID,           CONFIRMED,    N06",
            "CONFIRMED,   PAID,           NOT_REQUIRED, N06",
            "ASSEMBLING,  PAID,           CONFIRMED,    N07",
            "ASSEMBLING,  PAID,           NOT_REQUIRED, N07",
            "READY,       PAID,           CONFIRMED,    N08",
            "READY,       PAID,           NOT_REQUIRED, N08",
            "IN_DELIVERY, PAID,           CONFIRMED,    N09",
            "IN_DELIVERY, PAID,           NOT_REQUIRED, N09",
            "COMPLETED,   PAID,           CONFIRMED,    N10",
            "COMPLETED,   PAID,           NOT_REQUIRED, N10",
            "COMPLETED,   REFUND_PENDING, CONFIRMED,    N11",
            "COMPLETED,   REFUNDED,       NOT_REQUIRED, N11",
            "CANCELLED,   PENDING,        AWAITING,     N12",
            "CANCELLED,   FAILED,         REJECTED,     N12",
            "CANCELLED,   REFUNDED,       CONFIRMED,    N12",
            "CANCELLED,   REFUNDED,       NOT_REQUIRED, N12",
            "CANCELLED,   REFUND_PENDING, REJECTED,     N13",
            "CANCELLED,   REFUND_PENDING, AWAITING,     N13",
    })
    void aNormalCombinationIsOkAndNamed(OrderStatus os, PaymentStatus ps, ConfirmationStatus cs, String id) {
        TriageResult r = Fixtures.engine().classify(healthyOrder("N", os, ps, cs).build());
        assertThat(r.normalCombination()).isEqualTo(id);
        assertThat(r.findings()).isEmpty();
        assertThat(r.verdict()).isEqualTo(Verdict.OK);
        assertThat(r.priority()).isNull();
    }

    @ParameterizedTest(name = "{3}: {0}/{1}/{2}")
    @CsvSource({
            // 1: cancelled but paid, whatever the confirmation (even REJECTED, which also fits 2 and 3)
            "CANCELLED,   PAID,           CONFIRMED,    CANCELLED_BUT_PAID,          P1, REFUND",
            "CANCELLED,   PAID,           REJECTED,     CANCELLED_BUT_PAID,          P1, REFUND",
            // 2: rejected and paid on an open order (also fits 3 and 6-less rows)
            "NEW,         PAID,           REJECTED,     PAID_BUT_REJECTED,           P1, REFUND",
            "COMPLETED,   PAID,           REJECTED,     PAID_BUT_REJECTED,           P1, REFUND",
            // 3: rejected, not cancelled, not paid
            "NEW,         PENDING,        REJECTED,     REJECTED_NOT_CANCELLED,      P2, CANCEL_ORDER",
            "CONFIRMED,   FAILED,         REJECTED,     REJECTED_NOT_CANCELLED,      P2, CANCEL_ORDER",
            "ASSEMBLING,  PENDING,        REJECTED,     REJECTED_NOT_CANCELLED,      P2, CANCEL_ORDER",
            // 4: fulfilling unpaid
            "ASSEMBLING,  PENDING,        CONFIRMED,    FULFILLING_UNPAID,           P1, CALL_CUSTOMER",
            "READY,       FAILED,         NOT_REQUIRED, FULFILLING_UNPAID,           P1, CALL_CUSTOMER",
            "IN_DELIVERY, PENDING,        AWAITING,     FULFILLING_UNPAID,           P1, CALL_CUSTOMER",
            "COMPLETED,   FAILED,         CONFIRMED,    FULFILLING_UNPAID,           P1, CALL_CUSTOMER",
            // 5: payment failed on an open order
            "NEW,         FAILED,         NOT_REQUIRED, PAYMENT_FAILED,              P2, CALL_CUSTOMER",
            "NEW,         FAILED,         AWAITING,     PAYMENT_FAILED,              P2, CALL_CUSTOMER",
            "CONFIRMED,   FAILED,         CONFIRMED,    PAYMENT_FAILED,              P2, CALL_CUSTOMER",
            // 6: ahead of confirmation
            "CONFIRMED,   PAID,           AWAITING,     AHEAD_OF_CONFIRMATION,       P2, CALL_SUPPLIER",
            "CONFIRMED,   PENDING,        AWAITING,     AHEAD_OF_CONFIRMATION,       P2, CALL_SUPPLIER",
            "COMPLETED,   PAID,           AWAITING,     AHEAD_OF_CONFIRMATION,       P2, CALL_SUPPLIER",
            "READY,       REFUNDED,       AWAITING,     AHEAD_OF_CONFIRMATION,       P2, CALL_SUPPLIER",
            // 7: refund without cancellation
            "NEW,         REFUNDED,       NOT_REQUIRED, REFUND_WITHOUT_CANCELLATION, P2, REVIEW",
            "IN_DELIVERY, REFUND_PENDING, CONFIRMED,    REFUND_WITHOUT_CANCELLATION, P2, REVIEW",
            // 8: none of the above (only NEW + PENDING or PAID + CONFIRMED reach it)
            "NEW,         PENDING,        CONFIRMED,    STATUS_UNRECOGNISED,         P3, REVIEW",
            "NEW,         PAID,           CONFIRMED,    STATUS_UNRECOGNISED,         P3, REVIEW",
    })
    void anAbnormalOrderGetsExactlyTheFirstApplicableDiagnosis(OrderStatus os, PaymentStatus ps, ConfirmationStatus cs,
                                                              String code, Priority priority, Action action) {
        TriageResult r = Fixtures.engine().classify(healthyOrder("X", os, ps, cs).build());
        assertThat(r.normalCombination()).isNull();
        assertThat(r.findings()).hasSize(1);
        Finding f = r.findings().get(0);
        assertThat(f.code()).isEqualTo(code);
        assertThat(f.priority()).isEqualTo(priority);
        assertThat(f.action()).isEqualTo(action);
        assertThat(f.sku()).isNull();
        assertThat(f.rule()).startsWith(code + " ");
        assertThat(r.verdict()).isEqualTo(Verdict.ATTENTION);
        assertThat(r.priority()).isEqualTo(priority);
    }
}
