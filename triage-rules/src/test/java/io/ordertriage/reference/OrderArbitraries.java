package io.ordertriage.reference;

import io.ordertriage.RulePack;
import io.ordertriage.TriageSettings;
import io.ordertriage.model.ConfirmationStatus;
import io.ordertriage.model.Order;
import io.ordertriage.model.OrderLine;
import io.ordertriage.model.OrderStatus;
import io.ordertriage.model.PaymentStatus;
import io.ordertriage.model.PriceList;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;
import net.jqwik.api.Tuple.Tuple2;
import net.jqwik.api.Tuple.Tuple3;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * jqwik arbitraries for property tests of the default rules against {@link ReferenceClassifier}.
 *
 * <p>Designed so that every branch of the rulebook is hit often:
 * <ul>
 *   <li>each of the three status enums is picked uniformly and independently, so all 140
 *       combinations are reachable and frequent;</li>
 *   <li>timestamps straddle every §4 threshold of the <em>default</em> settings (10 min, 30 min,
 *       72 h, 0): exactly the threshold, ± 1 s, ± 1 ns, plus far past, recent and future;</li>
 *   <li>lines use a small sku pool ({@code SKU-1}…{@code SKU-6}) so duplicates and price-list hits
 *       are common, prices of varying {@link BigDecimal} scale around 10, and random flags;</li>
 *   <li>price lists cover Moscow and Kazan only (never Tver), with some skus missing per city, and
 *       prices around 10 so the reference is sometimes equal to, below and above a line's price.</li>
 * </ul>
 */
public final class OrderArbitraries {

    /** The small sku pool shared by order lines and price lists. */
    public static final List<String> SKUS = List.of("SKU-1", "SKU-2", "SKU-3", "SKU-4", "SKU-5", "SKU-6");

    /** Order cities: Tver has no prices, "moscow " matches Moscow after trimming and ignoring case. */
    public static final List<String> ORDER_CITIES = List.of("Moscow", "Kazan", "moscow ", "Tver");

    /** Cities of the generated price lists. */
    public static final List<String> PRICE_CITIES = List.of("Moscow", "Kazan");

    /** Stores of each city in the generated price lists. */
    public static final List<String> STORES = List.of("S1", "S2", "S3");

    /** The default thresholds of rulebook §4: delivery grace, confirmation, payment, refund. */
    public static final List<Duration> DEFAULT_THRESHOLDS = List.of(
            Duration.ZERO, Duration.ofMinutes(10), Duration.ofMinutes(30), Duration.ofHours(72));

    private static final List<String> LINE_PRICES = List.of("0", "9.99", "10", "10.0", "10.00", "10.001", "12.5");
    private static final List<String> LIST_PRICES = List.of("9.5", "9.99", "10", "10.0", "10.00", "10.001", "10.5", "12.50");

    private OrderArbitraries() {
    }

    // ------------------------------------------------------------------ orders

    /** Orders for evaluation at {@code asOf}, straddling every default timer threshold. */
    public static Arbitrary<Order> orders(Instant asOf) {
        Arbitrary<Instant> created = Arbitraries.frequencyOf(
                Tuple.of(3, instantsAround(asOf, Duration.ofMinutes(10), Duration.ofMinutes(30))),
                Tuple.of(2, timestamps(asOf)));
        Arbitrary<Instant> updated = Arbitraries.frequencyOf(
                Tuple.of(3, instantsAround(asOf, Duration.ofHours(72))),
                Tuple.of(2, timestamps(asOf))).injectNull(0.15); // null defaults to created_at
        Arbitrary<Instant> eta = Arbitraries.frequencyOf(
                Tuple.of(3, instantsAround(asOf, Duration.ZERO)),
                Tuple.of(2, timestamps(asOf))).injectNull(0.25);
        Arbitrary<String> id = Arbitraries.integers().between(1, 999_999).map(n -> "P-" + n);

        return Combinators.combine(id, statuses(), created, updated, eta, cities(), Arbitraries.of(true, false), lines())
                .as((orderId, st, createdAt, updatedAt, etaAt, city, ageVerified, lines) -> Order.builder(orderId)
                        .createdAt(createdAt)
                        .updatedAt(updatedAt)
                        .estimatedDeliveryAt(etaAt)
                        .city(city)
                        .store("S1")
                        .statuses(st.get1(), st.get2(), st.get3())
                        .ageVerified(ageVerified)
                        .lines(lines)
                        .build());
    }

    /** The three statuses, each picked uniformly and independently. */
    public static Arbitrary<Tuple3<OrderStatus, PaymentStatus, ConfirmationStatus>> statuses() {
        return Combinators.combine(Arbitraries.of(OrderStatus.class), Arbitraries.of(PaymentStatus.class),
                Arbitraries.of(ConfirmationStatus.class)).as(Tuple::of);
    }

    /** An order's city: null sometimes, else Moscow, Kazan, "moscow " or Tver (Tver has no prices). */
    public static Arbitrary<String> cities() {
        return Arbitraries.of(ORDER_CITIES).injectNull(0.15);
    }

    /**
     * Timestamps that straddle every default threshold of §4 at {@code asOf}, plus far past, recent
     * and future instants.
     */
    public static Arbitrary<Instant> timestamps(Instant asOf) {
        return instantsAround(asOf, DEFAULT_THRESHOLDS.toArray(new Duration[0]));
    }

    /**
     * For each threshold {@code t}: {@code asOf − t} exactly, ± 1 second and ± 1 nanosecond; plus
     * far past (30 and 400 days), recent (5 minutes) and future (1 hour, 3 days) instants.
     */
    public static Arbitrary<Instant> instantsAround(Instant asOf, Duration... thresholds) {
        List<Instant> values = new ArrayList<>();
        for (Duration t : thresholds) {
            Instant at = asOf.minus(t);
            values.add(at);
            values.add(at.minusSeconds(1));
            values.add(at.plusSeconds(1));
            values.add(at.minusNanos(1));
            values.add(at.plusNanos(1));
        }
        values.add(asOf.minus(Duration.ofDays(30)));
        values.add(asOf.minus(Duration.ofDays(400)));
        values.add(asOf.minus(Duration.ofMinutes(5)));
        values.add(asOf.plus(Duration.ofHours(1)));
        values.add(asOf.plus(Duration.ofDays(3)));
        return Arbitraries.of(values);
    }

    // ------------------------------------------------------------------ lines

    /** 0–8 lines; no lines about one time in ten. */
    public static Arbitrary<List<OrderLine>> lines() {
        return Arbitraries.frequencyOf(
                Tuple.of(1, Arbitraries.just(List.<OrderLine>of())),
                Tuple.of(9, line().list().ofMinSize(1).ofMaxSize(8)));
    }

    /** One line with a sku from {@link #SKUS}, a price around 10 (or none), and random flags. */
    public static Arbitrary<OrderLine> line() {
        Arbitrary<String> sku = Arbitraries.of(SKUS);
        Arbitrary<Integer> qty = Arbitraries.integers().between(1, 3);
        Arbitrary<BigDecimal> price = Arbitraries.of(LINE_PRICES).map(BigDecimal::new).injectNull(0.2);
        Arbitrary<Boolean> bool = Arbitraries.of(true, false);
        // Available twice as often as not, so that fully kept baskets are common too.
        Arbitrary<Boolean> available = Arbitraries.frequency(Tuple.of(2, true), Tuple.of(1, false));
        Arbitrary<String> group = Arbitraries.of("", "g1", "g2");
        Arbitrary<Tuple2<String, Boolean>> substitute = Combinators.combine(
                Arbitraries.of("ALT-1", "ALT-2", "ALT-3").injectNull(0.4), bool).as(Tuple::of);
        return Combinators.combine(sku, qty, price, Combinators.combine(bool, bool).as(Tuple::of), group, available,
                        substitute)
                .as((s, q, p, adultKey, g, avail, sub) -> new OrderLine(s, q, p, adultKey.get1(), adultKey.get2(), g,
                        avail, sub.get1(), sub.get2()));
    }

    // ------------------------------------------------------------------ price lists

    /** One row of a price list, kept as a value so that a falsified example prints readably. */
    public record PriceRow(String city, String store, String sku, BigDecimal price) {
    }

    /**
     * Rows for Moscow and Kazan (never Tver), stores S1–S3; each (city, sku) is in the assortment
     * with probability about 0.7, and then priced at one to three of the stores.
     */
    public static Arbitrary<List<PriceRow>> priceRows() {
        int cells = PRICE_CITIES.size() * SKUS.size();
        Arbitrary<Boolean> inAssortment = Arbitraries.frequency(Tuple.of(7, true), Tuple.of(3, false));
        Arbitrary<BigDecimal> storePrice = Arbitraries.of(LIST_PRICES).map(BigDecimal::new).injectNull(0.4);
        return Combinators.combine(
                        inAssortment.list().ofSize(cells),
                        storePrice.list().ofSize(cells * STORES.size()),
                        Arbitraries.of(LIST_PRICES).map(BigDecimal::new).list().ofSize(cells))
                .as((present, prices, fallback) -> {
                    List<PriceRow> rows = new ArrayList<>();
                    for (int c = 0; c < PRICE_CITIES.size(); c++) {
                        for (int s = 0; s < SKUS.size(); s++) {
                            int cell = c * SKUS.size() + s;
                            if (!present.get(cell)) {
                                continue;
                            }
                            boolean any = false;
                            for (int st = 0; st < STORES.size(); st++) {
                                BigDecimal p = prices.get(cell * STORES.size() + st);
                                if (p != null) {
                                    rows.add(new PriceRow(PRICE_CITIES.get(c), STORES.get(st), SKUS.get(s), p));
                                    any = true;
                                }
                            }
                            if (!any) { // in the assortment means at least one row
                                rows.add(new PriceRow(PRICE_CITIES.get(c), STORES.get(0), SKUS.get(s), fallback.get(cell)));
                            }
                        }
                    }
                    return rows;
                });
    }

    /** Price lists built from {@link #priceRows()}. */
    public static Arbitrary<PriceList> priceLists() {
        return priceRows().map(OrderArbitraries::toPriceList);
    }

    public static PriceList toPriceList(List<PriceRow> rows) {
        PriceList.Builder b = PriceList.builder();
        for (PriceRow r : rows) {
            b.add(r.city(), r.store(), r.sku(), r.price());
        }
        return b.build();
    }

    // ------------------------------------------------------------------ settings

    /**
     * Default thresholds (so that {@link #timestamps} straddle them) with each pack switched on
     * with probability 0.75.
     */
    public static Arbitrary<TriageSettings> settingsWithRandomPacks() {
        Arbitrary<Boolean> on = Arbitraries.frequency(Tuple.of(3, true), Tuple.of(1, false));
        return on.list().ofSize(RulePack.values().length).map(flags -> {
            TriageSettings s = TriageSettings.defaults();
            RulePack[] packs = RulePack.values();
            for (int i = 0; i < packs.length; i++) {
                s = s.withPack(packs[i], flags.get(i));
            }
            return s;
        });
    }
}
