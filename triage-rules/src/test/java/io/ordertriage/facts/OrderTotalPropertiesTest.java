package io.ordertriage.facts;

import io.ordertriage.TriageSettings;
import io.ordertriage.model.Amounts;
import io.ordertriage.model.Order;
import io.ordertriage.model.OrderLine;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Example;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;

import static io.ordertriage.Fixtures.AS_OF;
import static io.ordertriage.Fixtures.healthyOrder;
import static io.ordertriage.model.ConfirmationStatus.CONFIRMED;
import static io.ordertriage.model.OrderStatus.NEW;
import static io.ordertriage.model.PaymentStatus.PAID;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * §16's order total: OrderFact adds the amounts up in longs at their largest scale, and as exact
 * decimals when they do not fit; either way the total has the value and the scale (the messages
 * print it) of Σ qty × unit_price − discount in BigDecimal.
 */
class OrderTotalPropertiesTest {

    @Property(tries = 2000)
    void totalIsTheExactSumWithItsScale(@ForAll("lines") List<OrderLine> lines, @ForAll("amounts") BigDecimal discount) {
        Order.Builder b = healthyOrder("T-1", NEW, PAID, CONFIRMED).discount(discount);
        lines.forEach(b::line);
        BigDecimal total = new OrderFact(b.build(), AS_OF, TriageSettings.defaults()).getTotal();

        BigDecimal expected = BigDecimal.ZERO;
        for (OrderLine l : lines) {
            expected = expected.add(l.unitPrice().multiply(BigDecimal.valueOf(l.qty())));
        }
        expected = expected.subtract(discount);
        assertThat(total).isNotNull();
        assertThat(total.compareTo(expected)).as("%s against %s", total, expected).isZero();
        assertThat(total.scale()).as("scale of %s against %s", total, expected).isEqualTo(expected.scale());
    }

    @Example
    void largestAmountsStayExact() {
        BigDecimal max = new BigDecimal("999999999999999.99");   // 15 digits before the point, two after
        Order.Builder b = healthyOrder("T-2", NEW, PAID, CONFIRMED).discount("0.01");
        for (int i = 0; i < 8; i++) {
            b.line(new OrderLine("SKU-" + i, 1_000_000, max, false, false, null, true, null, false, null));
        }
        BigDecimal total = new OrderFact(b.build(), AS_OF, TriageSettings.defaults()).getTotal();
        assertThat(total).isEqualTo(max.multiply(BigDecimal.valueOf(8_000_000)).subtract(new BigDecimal("0.01")));
    }

    @Example
    void noTotalWithoutEveryPrice() {
        Order order = healthyOrder("T-3", NEW, PAID, CONFIRMED)
                .line(new OrderLine("SKU-1", 2, new BigDecimal("10.00"), false, false, null, true, null, false, null))
                .line(new OrderLine("SKU-2", 1, null, false, false, null, true, null, false, null)).build();
        assertThat(new OrderFact(order, AS_OF, TriageSettings.defaults()).getTotal()).isNull();
    }

    @Provide
    Arbitrary<List<OrderLine>> lines() {
        Arbitrary<OrderLine> line = Combinators.combine(
                Arbitraries.integers().between(1, 2_000_000),
                amounts()).as((qty, price) -> new OrderLine("SKU", qty, price, false, false, null, true, null, false, null));
        return line.list().ofMinSize(1).ofMaxSize(6);
    }

    /** Amounts within the model's bounds, mostly of two decimals, some of 0, 1 or 3–6, small and at the bounds. */
    @Provide
    Arbitrary<BigDecimal> amounts() {
        Arbitrary<Integer> scale = Arbitraries.frequency(
                net.jqwik.api.Tuple.of(6, 2), net.jqwik.api.Tuple.of(1, 0), net.jqwik.api.Tuple.of(1, 1),
                net.jqwik.api.Tuple.of(1, 3), net.jqwik.api.Tuple.of(1, 6));
        Arbitrary<BigInteger> unscaled = Arbitraries.oneOf(
                Arbitraries.bigIntegers().between(BigInteger.ZERO, BigInteger.valueOf(100_000)),
                Arbitraries.bigIntegers().between(BigInteger.ZERO, BigInteger.TEN.pow(15)),
                Arbitraries.bigIntegers().between(BigInteger.TEN.pow(15), BigInteger.TEN.pow(17)));
        return Combinators.combine(unscaled, scale).as(BigDecimal::new).filter(Amounts::withinBounds);
    }
}
