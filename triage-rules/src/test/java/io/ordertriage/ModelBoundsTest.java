package io.ordertriage;

import io.ordertriage.model.Amounts;
import io.ordertriage.model.Order;
import io.ordertriage.model.OrderLine;
import io.ordertriage.model.PriceList;
import io.ordertriage.model.TriageResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;

import static io.ordertriage.Fixtures.CLOCK;
import static io.ordertriage.Fixtures.codes;
import static io.ordertriage.Fixtures.healthyOrder;
import static io.ordertriage.model.ConfirmationStatus.NOT_REQUIRED;
import static io.ordertriage.model.OrderStatus.NEW;
import static io.ordertriage.model.PaymentStatus.PAID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every amount of the model ({@code unit_price}, {@code paid_amount}, {@code discount}, a price list's
 * {@code price}) is bounded by {@link Amounts}: at most 15 digits before the decimal point and 6 after. An
 * embedder that hands the model {@code 1E+999999999} gets an {@link IllegalArgumentException} naming the
 * field and the bounds, never an engine that runs out of memory or fails inside a rule.
 */
class ModelBoundsTest {
    private static final String BOUNDS = "expected at most 15 digits before the decimal point and 6 after it";

    /** Out of range: huge exponents (the three), 16 integer digits, 7 decimal places, a tiny exponent. */
    @ParameterizedTest
    @ValueSource(strings = {"1E+999999999", "1E+2147483647", "1E+100000000", "1234567890123456", "1E+15",
            "0.0000001", "1.0000000", "1E-2147483647", "0E+20"})
    void anAmountOutOfBoundsIsRejectedNamingTheFieldAndTheBounds(String text) {
        BigDecimal amount = new BigDecimal(text);
        assertThat(Amounts.withinBounds(amount)).isFalse();
        assertThatThrownBy(() -> OrderLine.builder("MILK").unitPrice(amount).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("unit_price of line MILK is out of range: ").hasMessageEndingWith(BOUNDS);
        assertThatThrownBy(() -> order("A-1").paidAmount(amount).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("paid_amount of order A-1 is out of range: ").hasMessageEndingWith(BOUNDS);
        assertThatThrownBy(() -> order("A-1").discount(amount).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("discount of order A-1 is out of range: ").hasMessageEndingWith(BOUNDS);
        assertThatThrownBy(() -> PriceList.builder().add("Moscow", "M1", "MILK", amount))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("price of MILK in Moscow is out of range: ").hasMessageEndingWith(BOUNDS);
    }

    @Test
    void theMessageShowsTheValueWhenShortAndOnlyItsSizeWhenNot() {
        assertThatThrownBy(() -> OrderLine.builder("MILK").unitPrice("1E+999999999").build())
                .hasMessage("unit_price of line MILK is out of range: 1E+999999999; " + BOUNDS);
        BigDecimal million = new BigDecimal(java.math.BigInteger.TEN.pow(1_000_000), 2);
        assertThatThrownBy(() -> OrderLine.builder("MILK").unitPrice(million).build())
                .hasMessage("unit_price of line MILK is out of range: a number of about 1000001 digits with scale 2; " + BOUNDS);
    }

    /** At the bounds: 15 digits and 6 decimal places, exponent notation within them, zero at any small scale. */
    @ParameterizedTest
    @ValueSource(strings = {"999999999999999.999999", "0.000001", "1.5E+3", "1E+14", "0", "0.00", "12.50"})
    void anAmountWithinBoundsIsAccepted(String text) {
        BigDecimal amount = new BigDecimal(text);
        assertThat(Amounts.withinBounds(amount)).isTrue();
        assertThat(OrderLine.builder("MILK").unitPrice(amount).build().unitPrice()).isEqualTo(amount);
        assertThat(order("A-1").paidAmount(amount).discount(amount).build().paidAmount()).isEqualTo(amount);
        assertThat(PriceList.builder().add("Moscow", "M1", "MILK", amount).build().referencePriceOrNull("Moscow", "MILK"))
                .isEqualTo(amount);
    }

    @Test
    void theBoundsAreOnePublicConstantPair() {
        assertThat(Amounts.MAX_INTEGER_DIGITS).isEqualTo(15);
        assertThat(Amounts.MAX_DECIMAL_PLACES).isEqualTo(6);
        assertThat(Amounts.BOUNDS).isEqualTo("at most 15 digits before the decimal point and 6 after it");
    }

    @Test
    void theLargestAmountsAreClassifiedWithoutTrouble() {
        BigDecimal max = new BigDecimal("999999999999999.999999");
        PriceList prices = PriceList.builder().add("Moscow", "M1", "MILK", new BigDecimal("0.000001")).build();
        TriageEngine engine = TriageEngine.builder().clock(CLOCK).priceList(prices).build();
        Order o = healthyOrder("BIG", NEW, PAID, NOT_REQUIRED).city("Moscow")
                .line(OrderLine.builder("MILK").qty(Integer.MAX_VALUE).unitPrice(max).build())
                .paidAmount(BigDecimal.ZERO).discount(max).build();
        TriageResult r = engine.classify(o);
        assertThat(codes(r)).contains("PRICE_ABOVE_CITY_REFERENCE");
        assertThat(r.findings()).allSatisfy(f -> assertThat(f.message()).hasSizeLessThan(1000));
    }

    private static Order.Builder order(String id) {
        return healthyOrder(id, NEW, PAID, NOT_REQUIRED);
    }
}
