package io.ordertriage;

import io.ordertriage.model.Finding;
import io.ordertriage.model.Order;
import io.ordertriage.model.PriceList;
import io.ordertriage.model.TriageResult;
import io.ordertriage.reference.Decision;
import io.ordertriage.reference.OrderArbitraries;
import io.ordertriage.reference.ReferenceClassifier;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.statistics.Statistics;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import static io.ordertriage.Fixtures.AS_OF;
import static io.ordertriage.Fixtures.CLOCK;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The engine and the plain-Java reference (written from the rulebook without looking at the DRL)
 * agree on every generated order: verdict, priority, normal combination, every finding's code,
 * priority, action and sku in order, and the resolved basket. Rule names and messages are the
 * engine's own and are not compared.
 *
 * <p>Each property classifies batches the way {@link TriageEngine#classifyAll} does in production;
 * together they compare well over 10,000 orders a run.
 */
class DifferentialPropertyTest {
    private static final Map<String, AtomicInteger> CODES_SEEN = new ConcurrentHashMap<>();
    private static final Map<String, AtomicInteger> ORDERS_COMPARED = new ConcurrentHashMap<>();

    @Provide
    Arbitrary<List<Order>> batches() {
        return OrderArbitraries.orders(AS_OF).list().ofMinSize(40).ofMaxSize(120);
    }

    @Provide
    Arbitrary<PriceList> priceLists() {
        return OrderArbitraries.priceLists();
    }

    @Provide
    Arbitrary<TriageSettings> settings() {
        return OrderArbitraries.settingsWithRandomPacks();
    }

    @Property(tries = 260)
    void allPacksWithoutAPriceList(@ForAll("batches") List<Order> orders) {
        assertAgree("without prices", Fixtures.engine(), new ReferenceClassifier(TriageSettings.defaults(), null), orders);
    }

    @Property(tries = 260)
    void allPacksWithAPriceList(@ForAll("batches") List<Order> orders, @ForAll("priceLists") PriceList prices) {
        TriageEngine engine = TriageEngine.builder().clock(CLOCK).priceList(prices).build();
        assertAgree("with prices", engine, new ReferenceClassifier(TriageSettings.defaults(), prices), orders);
    }

    @Property(tries = 60)
    void anyPacksSwitchedOff(@ForAll("batches") List<Order> orders, @ForAll("priceLists") PriceList prices,
                             @ForAll("settings") TriageSettings settings, @ForAll boolean withPrices) {
        PriceList pl = withPrices ? prices : null;
        TriageEngine.Builder b = TriageEngine.builder().clock(CLOCK).settings(settings);
        if (pl != null) {
            b.priceList(pl);
        }
        assertAgree("packs switched off", b.build(), new ReferenceClassifier(settings, pl), orders);
    }

    private static void assertAgree(String property, TriageEngine engine, ReferenceClassifier reference, List<Order> orders) {
        List<TriageResult> actual = engine.classifyAll(orders);
        assertThat(actual).hasSameSizeAs(orders);
        for (int i = 0; i < orders.size(); i++) {
            Decision expected = Decision.of(reference.classify(orders.get(i), AS_OF));
            Decision got = Decision.of(actual.get(i));
            assertThat(got).as("order %s", orders.get(i)).isEqualTo(expected);
            for (Finding f : actual.get(i).findings()) {
                CODES_SEEN.computeIfAbsent(f.code(), c -> new AtomicInteger()).incrementAndGet();
            }
            Statistics.label("verdict").collect(got.verdict());
        }
        ORDERS_COMPARED.computeIfAbsent(property, k -> new AtomicInteger()).addAndGet(orders.size());
    }

    @AfterContainer
    static void everyFindingCodeWasExercised() {
        System.err.printf("differential: orders compared %s; findings by code: %s%n",
                new TreeMap<>(ORDERS_COMPARED), new TreeMap<>(CODES_SEEN));
        assertThat(ORDERS_COMPARED.get("without prices")).hasValueGreaterThanOrEqualTo(10_000);
        assertThat(ORDERS_COMPARED.get("with prices")).hasValueGreaterThanOrEqualTo(10_000);
        assertThat(CODES_SEEN.keySet()).containsExactlyInAnyOrder(
                "CANCELLED_BUT_PAID", "PAID_BUT_REJECTED", "REJECTED_NOT_CANCELLED", "FULFILLING_UNPAID",
                "PAYMENT_FAILED", "AHEAD_OF_CONFIRMATION", "REFUND_WITHOUT_CANCELLATION", "STATUS_UNRECOGNISED",
                "CONFIRMATION_OVERDUE", "PAYMENT_OVERDUE", "REFUND_OVERDUE", "DELIVERY_LATE",
                "AGE_NOT_VERIFIED", "CITY_MISSING", "NOT_IN_CITY_ASSORTMENT", "PRICE_ABOVE_CITY_REFERENCE",
                "KEY_ITEM_UNAVAILABLE", "ITEM_UNAVAILABLE", "ITEM_SUBSTITUTED", "ORDER_UNFULFILLABLE");
    }
}
