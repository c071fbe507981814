package io.ordertriage.rules.pricing;

import io.ordertriage.Fixtures;
import io.ordertriage.TriageEngine;
import io.ordertriage.model.Action;
import io.ordertriage.model.Finding;
import io.ordertriage.model.Order;
import io.ordertriage.model.OrderLine;
import io.ordertriage.model.OrderStatus;
import io.ordertriage.model.PriceList;
import io.ordertriage.model.Priority;
import io.ordertriage.model.TriageResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;
import java.util.List;

import static io.ordertriage.Fixtures.order;
import static io.ordertriage.model.ConfirmationStatus.CONFIRMED;
import static io.ordertriage.model.ConfirmationStatus.NOT_REQUIRED;
import static io.ordertriage.model.OrderStatus.CANCELLED;
import static io.ordertriage.model.OrderStatus.COMPLETED;
import static io.ordertriage.model.OrderStatus.NEW;
import static io.ordertriage.model.PaymentStatus.PAID;
import static io.ordertriage.model.PaymentStatus.REFUNDED;
import static org.assertj.core.api.Assertions.assertThat;

/** Rulebook §6: city assortment and reference prices, only with a price list. */
class PricingRulesTest {
    /** MILK: 10.00 and 9.50 in two Moscow stores (reference 10.00); CHEESE only in Kazan. */
    static final PriceList PRICES = PriceList.builder()
            .add("Moscow", "M1", "MILK", new BigDecimal("10.00"))
            .add("Moscow", "M2", "MILK", new BigDecimal("9.50"))
            .add("Moscow", "M1", "BREAD", new BigDecimal("3"))
            .add("Kazan", "K1", "CHEESE", new BigDecimal("20"))
            .add("Kazan", "K1", "MILK", new BigDecimal("8"))
            .build();

    private static final TriageEngine PRICED = TriageEngine.builder().clock(Fixtures.CLOCK).priceList(PRICES).build();

    private static Order milk(OrderStatus os, String city, String unitPrice) {
        Order.Builder b = order("P", os, os == CANCELLED ? REFUNDED : PAID, os == NEW ? NOT_REQUIRED : CONFIRMED).city(city);
        OrderLine.Builder line = OrderLine.builder("MILK");
        if (unitPrice != null) {
            line.unitPrice(unitPrice);
        }
        return b.line(line.build()).build();
    }

    private static List<String> pricingCodes(TriageResult r) {
        return r.findings().stream().map(Finding::code)
                .filter(c -> c.equals("CITY_MISSING") || c.equals("NOT_IN_CITY_ASSORTMENT") || c.equals("PRICE_ABOVE_CITY_REFERENCE"))
                .toList();
    }

    @ParameterizedTest(name = "{0} vs reference 10.00 → above: {1}")
    @CsvSource({"10.00, false", "10.0, false", "10, false", "9.99, false", "10.001, true", "10.01, true", "0, false"})
    void priceComparisonIsExactDecimal(String unitPrice, boolean above) {
        TriageResult r = PRICED.classify(milk(NEW, "Moscow", unitPrice));
        assertThat(pricingCodes(r)).isEqualTo(above ? List.of("PRICE_ABOVE_CITY_REFERENCE") : List.of());
        if (above) {
            Finding f = r.findings().get(0);
            assertThat(f.priority()).isEqualTo(Priority.P2);
            assertThat(f.action()).isEqualTo(Action.ADJUST_PRICE);
            assertThat(f.sku()).isEqualTo("MILK");
            assertThat(f.message()).contains(unitPrice).contains("10.00").contains("Moscow");
        }
    }

    @Test
    void theReferenceIsTheMaximumOverTheCitysStores() {
        assertThat(PRICES.referencePrice("Moscow", "MILK")).contains(new BigDecimal("10.00"));
        assertThat(pricingCodes(PRICED.classify(milk(NEW, "Kazan", "9")))).containsExactly("PRICE_ABOVE_CITY_REFERENCE");
        assertThat(pricingCodes(PRICED.classify(milk(NEW, "Moscow", "9.75")))).isEmpty();
    }

    @Test
    void aLineWithoutAUnitPriceIsNeverAboveTheReference() {
        assertThat(pricingCodes(PRICED.classify(milk(NEW, "Moscow", null)))).isEmpty();
    }

    @Test
    void aSkuWithNoPriceInTheCityIsNotInItsAssortment() {
        Order o = order("P", NEW, PAID, NOT_REQUIRED).city("Moscow")
                .line(OrderLine.builder("CHEESE").unitPrice("1").build())
                .line(OrderLine.builder("MILK").build())
                .build();
        TriageResult r = PRICED.classify(o);
        assertThat(pricingCodes(r)).containsExactly("NOT_IN_CITY_ASSORTMENT");
        Finding f = r.findings().get(0);
        assertThat(f.sku()).isEqualTo("CHEESE");
        assertThat(f.priority()).isEqualTo(Priority.P3);
        assertThat(f.action()).isEqualTo(Action.REMOVE_ITEM);
    }

    @Test
    void citiesMatchIgnoringCaseAndSurroundingSpace() {
        assertThat(pricingCodes(PRICED.classify(milk(NEW, " moscow ", "11")))).containsExactly("PRICE_ABOVE_CITY_REFERENCE");
    }

    @Test
    void aCityWithNoPricesAtAllHasNoAssortment() {
        assertThat(pricingCodes(PRICED.classify(milk(NEW, "Tver", "1")))).containsExactly("NOT_IN_CITY_ASSORTMENT");
    }

    @Test
    void aCompletedOrderAboveTheReferenceGetsOnlyThePriceFinding() {
        Order o = order("P", COMPLETED, PAID, CONFIRMED).city("Moscow")
                .line(OrderLine.builder("MILK").unitPrice("12").build())
                .line(OrderLine.builder("CHEESE").unitPrice("12").build())
                .build();
        assertThat(PRICED.classify(o).findings()).extracting(Finding::code, Finding::sku)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("PRICE_ABOVE_CITY_REFERENCE", "MILK"));
    }

    @Test
    void cancelledOrdersAreSkipped() {
        Order o = Fixtures.healthyOrder("P", CANCELLED, REFUNDED, CONFIRMED)
                .line(OrderLine.builder("MILK").unitPrice("99").build()).build();
        assertThat(PRICED.classify(o).findings()).isEmpty();
        assertThat(PRICED.classify(o.toBuilder().city("Moscow").build()).findings()).isEmpty();
    }

    @Test
    void anOrderWithLinesAndNoCityGetsCityMissingOnlyWithAPriceList() {
        Order o = order("P", NEW, PAID, NOT_REQUIRED)
                .line(OrderLine.builder("CHEESE").unitPrice("99").build())
                .line(OrderLine.builder("MILK").unitPrice("99").build())
                .build();
        TriageResult r = PRICED.classify(o);
        assertThat(r.findings()).extracting(Finding::code).containsExactly("CITY_MISSING");
        assertThat(r.findings().get(0).sku()).isNull();
        assertThat(r.findings().get(0).priority()).isEqualTo(Priority.P3);
        assertThat(r.findings().get(0).action()).isEqualTo(Action.REVIEW);
        assertThat(Fixtures.engine().classify(o).findings()).isEmpty();
    }

    @Test
    void anOrderWithoutLinesNeedsNoCity() {
        assertThat(PRICED.classify(order("P", NEW, PAID, NOT_REQUIRED).build()).findings()).isEmpty();
    }

    @Test
    void withoutAPriceListNothingIsPriced() {
        assertThat(Fixtures.engine().classify(milk(NEW, "Tver", "1000")).findings()).isEmpty();
    }
}
