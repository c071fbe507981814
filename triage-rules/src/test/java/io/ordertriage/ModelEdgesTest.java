package io.ordertriage;

import io.ordertriage.model.Order;
import io.ordertriage.model.OrderLine;
import io.ordertriage.model.TriageResult;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static io.ordertriage.Fixtures.AS_OF;
import static io.ordertriage.Fixtures.healthyOrder;
import static io.ordertriage.model.ConfirmationStatus.CONFIRMED;
import static io.ordertriage.model.ConfirmationStatus.REJECTED;
import static io.ordertriage.model.OrderStatus.NEW;
import static io.ordertriage.model.PaymentStatus.PAID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The edges of the model's API: the constructor and the builder refuse the same things the same way. */
class ModelEdgesTest {
    private static final OrderLine MILK = OrderLine.builder("MILK").unitPrice("89.90").build();

    private static Order withLines(List<OrderLine> lines) {
        Order o = healthyOrder("A-1", NEW, PAID, CONFIRMED).build();
        return new Order(o.orderId(), o.createdAt(), o.updatedAt(), o.city(), o.store(), o.orderStatus(), o.paymentStatus(),
                o.confirmationStatus(), o.ageVerified(), o.customerPhone(), o.estimatedDeliveryAt(), lines);
    }

    @Test
    void aNullLinesListIsRefusedByTheConstructorAndTheBuilderAlike() {
        assertThatThrownBy(() -> withLines(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("lines of order A-1 is null; give List.of() for an order without lines");
        assertThatThrownBy(() -> healthyOrder("A-1", NEW, PAID, CONFIRMED).lines(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("lines of order A-1 is null; give List.of() for an order without lines");
        assertThat(withLines(List.of()).lines()).isEmpty();
    }

    @Test
    void aNullLineIsRefusedByTheConstructorAndTheBuilderAlikeNamingItsIndex() {
        List<OrderLine> holed = new ArrayList<>(Arrays.asList(MILK, null));
        assertThatThrownBy(() -> withLines(holed)).isInstanceOf(NullPointerException.class)
                .hasMessage("lines[1] of order A-1 is null");
        assertThatThrownBy(() -> Order.builder("A-1").lines(holed)).isInstanceOf(NullPointerException.class)
                .hasMessage("lines[1] of order A-1 is null");
        assertThatThrownBy(() -> Order.builder("A-1").line(MILK).line(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("lines[1] of order A-1 is null");
    }

    @Test
    void amountsGivenAsTextArePlainDecimalsOrFailNamingTheFieldAndTheValue() {
        assertThat(OrderLine.builder("MILK").unitPrice("1.50").build().unitPrice()).isEqualByComparingTo("1.50");
        assertThat(OrderLine.builder("MILK").unitPrice(" 1199 ").build().unitPrice()).isEqualByComparingTo("1199");
        assertThat(OrderLine.builder("MILK").unitPrice((String) null).build().unitPrice()).isNull();
        assertThatThrownBy(() -> OrderLine.builder("MILK").unitPrice("1,50")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("unitPrice of line MILK: \"1,50\" is not a decimal number; expected digits with an"
                        + " optional '.' and fraction, such as 1.50");
        assertThatThrownBy(() -> Order.builder("A-1").paidAmount("1 199,00")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("paidAmount of order A-1: \"1 199,00\" is not a decimal number");
        assertThatThrownBy(() -> Order.builder("A-1").discount("ten")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("discount of order A-1: \"ten\" is not a decimal number");
        assertThat(Order.builder("A-1").discount("100.00").paidAmount("1199.00").createdAt(AS_OF).orderStatus(NEW)
                .paymentStatus(PAID).build().paidAmount()).isEqualTo(new BigDecimal("1199.00"));
    }

    @Test
    void ordersWithTheSameIdInOneCallAreClassifiedIndependentlyInTheirPlaces() {
        // allowed and documented: the results are positional, so two orders sharing an id do not mix
        Order fine = healthyOrder("DUP", NEW, PAID, CONFIRMED).build();
        Order rejected = healthyOrder("DUP", NEW, PAID, REJECTED).build();
        List<TriageResult> rs = Fixtures.engine().classifyAll(List.of(fine, rejected, fine), AS_OF);
        assertThat(rs).extracting(TriageResult::orderId).containsExactly("DUP", "DUP", "DUP");
        assertThat(Fixtures.codes(rs.get(0))).doesNotContain("PAID_BUT_REJECTED");
        assertThat(Fixtures.codes(rs.get(1))).contains("PAID_BUT_REJECTED");
        assertThat(rs.get(2)).isEqualTo(rs.get(0));
        assertThat(rs.get(0)).isEqualTo(Fixtures.engine().classifyAll(List.of(fine), AS_OF).get(0));
    }
}
