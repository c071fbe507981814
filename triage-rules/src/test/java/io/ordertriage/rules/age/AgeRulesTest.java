package io.ordertriage.rules.age;

import io.ordertriage.model.Action;
import io.ordertriage.model.Finding;
import io.ordertriage.model.Order;
import io.ordertriage.model.OrderLine;
import io.ordertriage.model.OrderStatus;
import io.ordertriage.model.Priority;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;

import static io.ordertriage.Fixtures.engine;
import static io.ordertriage.Fixtures.order;
import static io.ordertriage.model.ConfirmationStatus.CONFIRMED;
import static io.ordertriage.model.PaymentStatus.PAID;
import static org.assertj.core.api.Assertions.assertThat;

/** Rulebook §5: one AGE_NOT_VERIFIED per adult line of an open order of an unverified customer. */
class AgeRulesTest {

    private static Order withLines(OrderStatus os, boolean ageVerified) {
        return order("A", os, PAID, CONFIRMED).ageVerified(ageVerified)
                .line(OrderLine.builder("WINE").adultOnly(true).build())
                .line(OrderLine.builder("BREAD").build())
                .line(OrderLine.builder("BEER").adultOnly(true).build())
                .build();
    }

    private static List<Finding> ageFindings(Order o) {
        return engine().classify(o).findings().stream().filter(f -> f.code().equals("AGE_NOT_VERIFIED")).toList();
    }

    @ParameterizedTest
    @EnumSource(value = OrderStatus.class, names = {"CANCELLED", "COMPLETED"}, mode = EnumSource.Mode.EXCLUDE)
    void eachAdultLineOfAnOpenOrderOfAnUnverifiedCustomer(OrderStatus os) {
        List<Finding> fs = ageFindings(withLines(os, false));
        assertThat(fs).extracting(Finding::sku).containsExactly("WINE", "BEER");
        assertThat(fs).allSatisfy(f -> {
            assertThat(f.priority()).isEqualTo(Priority.P2);
            assertThat(f.action()).isEqualTo(Action.VERIFY_AGE);
            assertThat(f.rule()).isEqualTo("AGE_NOT_VERIFIED adult line on unverified customer");
        });
    }

    @ParameterizedTest
    @EnumSource(OrderStatus.class)
    void aVerifiedCustomerNeedsNoCheck(OrderStatus os) {
        assertThat(ageFindings(withLines(os, true))).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(value = OrderStatus.class, names = {"CANCELLED", "COMPLETED"})
    void closedOrdersAreNotChecked(OrderStatus os) {
        assertThat(ageFindings(withLines(os, false))).isEmpty();
    }
}
