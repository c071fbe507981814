package io.ordertriage;

import io.ordertriage.model.TriageResult;
import io.ordertriage.model.Verdict;
import org.junit.jupiter.api.Test;

import static io.ordertriage.Fixtures.healthyOrder;
import static io.ordertriage.model.ConfirmationStatus.CONFIRMED;
import static io.ordertriage.model.OrderStatus.CANCELLED;
import static io.ordertriage.model.PaymentStatus.PAID;
import static org.assertj.core.api.Assertions.assertThat;

class EngineSmokeTest {
    @Test
    void aCancelledPaidOrderNeedsARefund() {
        TriageResult r = Fixtures.engine().classify(healthyOrder("A-17", CANCELLED, PAID, CONFIRMED).build());
        assertThat(r.verdict()).isEqualTo(Verdict.ATTENTION);
        assertThat(Fixtures.codes(r)).containsExactly("CANCELLED_BUT_PAID");
        assertThat(r.findings().get(0).rule()).isEqualTo("CANCELLED_BUT_PAID cancelled order still holds the payment");
    }
}
