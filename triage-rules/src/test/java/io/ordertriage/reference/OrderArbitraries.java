package io.ordertriage.reference;

import io.ordertriage.RulePack;
import io.ordertriage.TriageSettings;
import io.ordertriage.model.CancellationRole;
import io.ordertriage.model.ConfirmationStatus;
import io.ordertriage.model.DeliveryTerms;
import io.ordertriage.model.Fulfilment;
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
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.BiFunction;
import java.util.function.UnaryOperator;

/**
 * jqwik arbitraries for property tests of the default rules against {@link ReferenceClassifier}.
 *
 * <p>Designed so that every branch of the rulebook is hit often:
 * <ul>
 *   <li>each of the three status enums is picked uniformly and independently, so all 140
 *       combinations are reachable and frequent;</li>
 *   <li>every timestamp straddles the thresholds that read it, <em>of the settings in use</em>
 *       (the defaults, or random ones): exactly the threshold, ± 1 s, ± 1 ns, plus far past, recent
 *       and future; shipped_at straddles the promise of every locality of {@link #TERMS};</li>
 *   <li>as-of instants near midnight, at month ends, on a Friday night that is already Saturday in
 *       Moscow, on a DST night in Berlin, in zones from São Paulo to Vladivostok, so that "the as-of
 *       date" and "the date of" a date-time differ between zones;</li>
 *   <li>delivery dates relative to the creation date (0–25 days: across weekends and the pre-order
 *       threshold), to the as-of date (± 3 days) and to the latest allowed postponement (± 1 day);</li>
 *   <li>lines use a small sku pool ({@code SKU-1}…{@code SKU-6}) so duplicates and price-list hits
 *       are common, prices of varying {@link BigDecimal} scale around 10, random flags, and combo ids
 *       that differ only by case or a trailing space; about a third of the orders carry one full combo
 *       set of {@code combo.size} lines, some of which §7 may remove;</li>
 *   <li>paid amounts equal to the order total, one cent and one tenth of a cent either side, and the
 *       tolerance (± a cent) either side; discounts to the cent;</li>
 *   <li>phones in every form the rulebook names, foreign numbers, too short ones, garbage and blanks;
 *       cancellation reasons in mixed case with surrounding space, unknown ones and blanks; each
 *       cancelling role; promotions in mixed case;</li>
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

    /**
     * As-of instants: a Tuesday noon; Friday 31 July 2026 21:30 UTC (already Saturday 1 August in
     * Moscow and Vladivostok); Friday 27 February 2026 22:15 UTC (Saturday 28th, February's last day,
     * in Moscow); Saturday 28 February 02:00 UTC (still Friday in São Paulo); the night Berlin moves
     * its clocks (with nanoseconds); and New Year's Eve one second before midnight in Moscow.
     */
    public static final List<Instant> AS_OFS = List.of(
            Instant.parse("2026-03-10T12:00:00Z"),
            Instant.parse("2026-07-31T21:30:00Z"),
            Instant.parse("2026-02-27T22:15:30Z"),
            Instant.parse("2026-02-28T02:00:00Z"),
            Instant.parse("2026-03-29T00:30:00.000000500Z"),
            Instant.parse("2025-12-31T20:59:59Z"));

    /** Evaluation zones. */
    public static final List<ZoneId> ZONES = List.of(ZoneOffset.UTC, ZoneId.of("Europe/Moscow"),
            ZoneId.of("America/Sao_Paulo"), ZoneId.of("Europe/Berlin"), ZoneId.of("Asia/Vladivostok"));

    /**
     * Customer and recipient phones: the rulebook's three forms of one Russian mobile, other valid
     * Russian forms, foreign numbers, too short and too long numbers, garbage and a blank.
     */
    public static final List<String> PHONES = List.of(
            "8 914 584-13-32", "+7 (914) 584-13-32", "79145841332", "89145841332", "+79145841332", "9145841332",
            "8 (800) 555-35-35", "+7 495 123-45-67", "+49 30 901820", "+1 202-555-0143", "+1 650-253-0000",
            "+7 701 123 4567", "+7 914 584 13 3", "+7 914 584 13 32 1", "12345", "garbage", "тел. +7 914 5841332",
            "tel:+7-914-584-13-32", "+7 914 584-13-32 ext. 12", "   ");

    /** Cancellation reasons: catalogue reasons in mixed case and with space, unknown ones, blanks. */
    public static final List<String> CANCEL_REASONS = List.of(
            "CUSTOMER_REFUSED", "customer_unreachable", " Duplicate_Order ", "PAYMENT_NOT_RECEIVED",
            "OUT_OF_STOCK", "key_item_out_of_stock", "\tStore_Cannot_Fulfil", "RECIPIENT_ABSENT ",
            "refused_at_door", "AGE_NOT_CONFIRMED", "Address_Not_Found", "lost", "LOST_IN_TRANSIT",
            "customer refused", "  ");

    /** Promotions: the default pre-order code in several spellings, others, a blank. */
    public static final List<String> PROMOS = List.of("PREORDER", " preorder ", "PreOrder", "SUMMER", "PRE ORDER",
            "early_bird", " EARLY_BIRD", "  ");

    /** Localities: none (the city), spellings of terms' localities, one without terms, a blank (the city). */
    public static final List<String> LOCALITIES = List.of("moscow", " KAZAN ", "Vladivostok", "vladivostok  ",
            "Sochi", "tver", "  ");

    /** The delivery promise per locality that batches draw their terms from. */
    public static final List<TermRow> TERMS = List.of(new TermRow("Moscow", 1), new TermRow("Kazan", 3),
            new TermRow("Tver", 0), new TermRow("Vladivostok", 7));

    private static final List<String> LINE_PRICES = List.of("0", "0.01", "9.99", "10", "10.0", "10.00", "10.001",
            "12.5", "33.33");
    private static final List<String> LIST_PRICES = List.of("9.5", "9.99", "10", "10.0", "10.00", "10.001", "10.5", "12.50");

    private OrderArbitraries() {
    }

    // ------------------------------------------------------------------ batches

    /** One row of delivery terms. */
    public record TermRow(String locality, int days) {
    }

    /** Orders to classify at one as-of instant. */
    public record Slice(Instant asOf, List<Order> orders) {
        @Override
        public String toString() {
            return "Slice[asOf=" + asOf + ", " + orders.size() + " orders: " + orders + "]";
        }
    }

    /**
     * Orders and everything they are classified with: the evaluation zone, the settings, the delivery
     * terms ({@code null}: none given), a seed from which the test derives the acknowledgements, and
     * one slice of orders per as-of instant of {@link #AS_OFS} (one engine serves every slice: the
     * engine's clock gives the zone, and each slice is classified at its own as-of). Order ids are
     * unique over the whole batch.
     */
    public record Batch(ZoneId zone, TriageSettings settings, List<TermRow> terms, List<Slice> slices, long ackSeed) {

        /** The delivery terms of {@link #terms}, or {@code null}. */
        public DeliveryTerms deliveryTerms() {
            if (terms == null) {
                return null;
            }
            DeliveryTerms.Builder b = DeliveryTerms.builder();
            terms.forEach(t -> b.add(t.locality(), t.days()));
            return b.build();
        }

        /** How many orders the batch has. */
        public int size() {
            int n = 0;
            for (Slice s : slices) {
                n += s.orders().size();
            }
            return n;
        }

        @Override
        public String toString() {
            return "Batch[zone=" + zone + ", settings=" + settings + ", terms=" + terms + ", ackSeed=" + ackSeed
                    + ", " + slices + "]";
        }
    }

    /**
     * Batches in any zone, with these settings, of one slice per as-of of {@link #AS_OFS}, each of
     * {@code min}–{@code max} orders.
     */
    public static Arbitrary<Batch> batches(TriageSettings settings, int min, int max) {
        return Arbitraries.of(ZONES).flatMap(zone -> {
            List<Arbitrary<Slice>> slices = new ArrayList<>();
            for (int k = 0; k < AS_OFS.size(); k++) {
                Instant asOf = AS_OFS.get(k);
                slices.add(orders(asOf, zone, settings, "S" + k + "-").list().ofMinSize(min).ofMaxSize(max)
                        .uniqueElements(Order::orderId).map(orders -> new Slice(asOf, orders)));
            }
            return Combinators.combine(Combinators.combine(slices).as(List::copyOf), termRows().injectNull(0.25),
                            Arbitraries.longs())
                    .as((sl, terms, seed) -> new Batch(zone, settings, terms, sl, seed));
        });
    }

    /** Batches as {@link #batches} under random settings ({@link #randomSettings()}). */
    public static Arbitrary<Batch> batchesWithRandomSettings(int min, int max) {
        return randomSettings().flatMap(s -> batches(s, min, max));
    }

    /** Rows of {@link #TERMS}, each present with probability 0.75, spelled in another case or with space. */
    public static Arbitrary<List<TermRow>> termRows() {
        Arbitrary<Boolean> present = Arbitraries.frequency(Tuple.of(3, true), Tuple.of(1, false));
        Arbitrary<Integer> spelling = Arbitraries.integers().between(0, 2);
        return Combinators.combine(present.list().ofSize(TERMS.size()), spelling.list().ofSize(TERMS.size()))
                .as((on, how) -> {
                    List<TermRow> rows = new ArrayList<>();
                    for (int i = 0; i < TERMS.size(); i++) {
                        if (on.get(i)) {
                            String l = TERMS.get(i).locality();
                            String spelled = switch (how.get(i)) {
                                case 0 -> l;
                                case 1 -> " " + l.toUpperCase(Locale.ROOT) + " ";
                                default -> l.toLowerCase(Locale.ROOT);
                            };
                            rows.add(new TermRow(spelled, TERMS.get(i).days()));
                        }
                    }
                    return rows;
                });
    }

    // ------------------------------------------------------------------ orders

    /** Orders for evaluation at {@code asOf} in UTC with the default settings. */
    public static Arbitrary<Order> orders(Instant asOf) {
        return orders(asOf, ZoneOffset.UTC, TriageSettings.defaults());
    }

    /**
     * Orders for evaluation at {@code asOf} in {@code zone}, every timestamp straddling the thresholds
     * of {@code settings} that read it.
     */
    public static Arbitrary<Order> orders(Instant asOf, ZoneId zone, TriageSettings settings) {
        return orders(asOf, zone, settings, "P-");
    }

    /** As {@link #orders(Instant, ZoneId, TriageSettings)}, with order ids {@code idPrefix} and a number. */
    public static Arbitrary<Order> orders(Instant asOf, ZoneId zone, TriageSettings settings, String idPrefix) {
        Arbitrary<Instant> created = Arbitraries.frequencyOf(
                Tuple.of(3, instantsAround(asOf, settings.confirmationTimeout(), settings.paymentTimeout(),
                        settings.handoverTimeout(), settings.pickupReadyTimeout())),
                Tuple.of(2, timestamps(asOf)));
        Arbitrary<Instant> updated = Arbitraries.frequencyOf(
                Tuple.of(3, instantsAround(asOf, settings.refundTimeout())),
                Tuple.of(2, timestamps(asOf))).injectNull(0.15); // null defaults to created_at
        Arbitrary<Instant> eta = Arbitraries.frequencyOf(
                Tuple.of(3, instantsAround(asOf, settings.deliveryGrace())),
                Tuple.of(2, timestamps(asOf))).injectNull(0.25);
        Arbitrary<String> id = Arbitraries.integers().between(1, 999_999).map(n -> idPrefix + n);

        Arbitrary<Order> core = Combinators.combine(id, statuses(), created, updated, eta, cities(),
                        Arbitraries.of(true, false), lines(settings.comboSize()))
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
        return Combinators.combine(core, fulfilmentFields(asOf, settings), peopleAndMoney())
                .as((order, f, m) -> assemble(order, f, m, asOf, zone, settings));
    }

    /** The fields of §11–§13: fulfilment, stage and delivery times, the delivery date, the check-in. */
    record FulfilmentFields(Fulfilment fulfilment, Instant statusChangedAt, Instant shippedAt, String locality,
                            Instant arrivedAt, DateChoice deliveryDate, Instant pickupCheckinAt) {
    }

    /** The fields of §14–§17: phones, recipient, cancellation, payment, discount, promotion. */
    record PeopleAndMoney(String customerPhone, String recipientName, String recipientPhone, String cancelReason,
                          CancellationRole cancelledBy, PaidChoice paid, BigDecimal discount, String promo) {
    }

    /** Where a delivery date is taken from: the date of created_at, the as-of date, or the latest postponement. */
    enum Anchor { CREATED, AS_OF, LATEST_POSTPONEMENT }

    /** A delivery date as an anchor and a number of days from it. */
    record DateChoice(Anchor anchor, int days) {
    }

    /**
     * A paid amount: {@code absolute}, or (when the order has a total) the total plus
     * {@code tolerances} times the tolerance plus {@code delta}; never below zero.
     */
    record PaidChoice(BigDecimal absolute, int tolerances, BigDecimal delta) {
    }

    private static Arbitrary<FulfilmentFields> fulfilmentFields(Instant asOf, TriageSettings s) {
        Arbitrary<Fulfilment> fulfilment = Arbitraries.of(Fulfilment.class).injectNull(0.2);
        Arbitrary<Instant> statusChanged = instantsAround(asOf, s.stageAssembling(), s.stageReady(),
                s.stageInDelivery(), s.pickupStoragePeriod()).injectNull(0.2);
        Duration[] promises = TERMS.stream().map(t -> Duration.ofDays(t.days())).toArray(Duration[]::new);
        Arbitrary<Instant> shipped = instantsAround(asOf, promises).injectNull(0.3);
        Arbitrary<String> locality = Arbitraries.of(LOCALITIES).injectNull(0.4);
        Arbitrary<Instant> arrived = Arbitraries.frequencyOf(
                Tuple.of(3, instantsAround(asOf, s.agreeTimeout())),
                Tuple.of(1, instantsAround(asOf, Duration.ofDays(15), Duration.ofDays(2)))).injectNull(0.35);
        Arbitrary<DateChoice> date = Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.integers().between(0, 25).map(d -> new DateChoice(Anchor.CREATED, d))),
                Tuple.of(3, Arbitraries.integers().between(-3, 3).map(d -> new DateChoice(Anchor.AS_OF, d))),
                Tuple.of(3, Arbitraries.integers().between(-1, 1)
                        .map(d -> new DateChoice(Anchor.LATEST_POSTPONEMENT, d)))).injectNull(0.3);
        Arbitrary<Instant> checkin = instantsAround(asOf, s.pickupQueueTimeout()).injectNull(0.5);
        return Combinators.combine(fulfilment, statusChanged, shipped, locality, arrived, date, checkin)
                .as(FulfilmentFields::new);
    }

    private static Arbitrary<PeopleAndMoney> peopleAndMoney() {
        Arbitrary<String> phone = Arbitraries.of(PHONES).injectNull(0.2);
        Arbitrary<String> recipient = Arbitraries.of("Anna Petrova", "Ivan", "  ").injectNull(0.5);
        Arbitrary<String> reason = Arbitraries.of(CANCEL_REASONS).injectNull(0.2);
        Arbitrary<CancellationRole> by = Arbitraries.of(CancellationRole.class).injectNull(0.25);
        Arbitrary<PaidChoice> paid = Arbitraries.of(
                new PaidChoice(null, 0, BigDecimal.ZERO),
                new PaidChoice(null, 0, new BigDecimal("0.01")),
                new PaidChoice(null, 0, new BigDecimal("-0.01")),
                new PaidChoice(null, 0, new BigDecimal("0.001")),
                new PaidChoice(null, 0, new BigDecimal("-0.001")),
                new PaidChoice(null, 1, BigDecimal.ZERO),
                new PaidChoice(null, -1, BigDecimal.ZERO),
                new PaidChoice(null, 1, new BigDecimal("0.01")),
                new PaidChoice(null, -1, new BigDecimal("-0.01")),
                new PaidChoice(null, 1, new BigDecimal("-0.01")),
                new PaidChoice(null, -1, new BigDecimal("0.01")),
                new PaidChoice(new BigDecimal("0"), 0, BigDecimal.ZERO),
                new PaidChoice(new BigDecimal("19.99"), 0, BigDecimal.ZERO),
                new PaidChoice(new BigDecimal("1000.00"), 0, BigDecimal.ZERO)).injectNull(0.25);
        Arbitrary<BigDecimal> discount = Arbitraries.of("0", "0.00", "0.01", "1.50", "5", "100").map(BigDecimal::new)
                .injectNull(0.5);
        Arbitrary<String> promo = Arbitraries.of(PROMOS).injectNull(0.4);
        return Combinators.combine(phone, recipient, phone, reason, by, paid, discount, promo).as(PeopleAndMoney::new);
    }

    private static Order assemble(Order order, FulfilmentFields f, PeopleAndMoney m, Instant asOf, ZoneId zone,
                                  TriageSettings s) {
        LocalDate deliveryDate = null;
        if (f.deliveryDate() != null) {
            LocalDate anchor = switch (f.deliveryDate().anchor()) {
                case CREATED -> LocalDate.ofInstant(order.createdAt(), zone);
                case AS_OF -> LocalDate.ofInstant(asOf, zone);
                case LATEST_POSTPONEMENT -> LocalDate.ofInstant(f.arrivedAt() == null ? asOf : f.arrivedAt(), zone)
                        .plus(s.maxPostponement());
            };
            deliveryDate = anchor.plusDays(f.deliveryDate().days());
        }
        Order o = order.toBuilder()
                .fulfilment(f.fulfilment())
                .statusChangedAt(f.statusChangedAt())
                .shippedAt(f.shippedAt())
                .locality(f.locality())
                .arrivedAt(f.arrivedAt())
                .deliveryDate(deliveryDate)
                .pickupCheckinAt(f.pickupCheckinAt())
                .customerPhone(m.customerPhone())
                .recipient(m.recipientName(), m.recipientPhone())
                .cancellation(m.cancelReason(), m.cancelledBy())
                .discount(m.discount())
                .promo(m.promo())
                .build();
        if (m.paid() == null) {
            return o;
        }
        BigDecimal total = ReferenceClassifier.total(o);
        BigDecimal paid;
        if (m.paid().absolute() != null || total == null) {
            paid = m.paid().absolute() != null ? m.paid().absolute() : new BigDecimal("25.00");
        } else {
            paid = total.add(s.moneyTolerance().multiply(BigDecimal.valueOf(m.paid().tolerances())))
                    .add(m.paid().delta());
        }
        return o.toBuilder().paidAmount(paid.signum() < 0 ? BigDecimal.ZERO : paid).build();
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

    /** 0–8 lines as {@link #lines(int)} with combo sets of 3 lines. */
    public static Arbitrary<List<OrderLine>> lines() {
        return lines(3);
    }

    /**
     * 0–11 lines: none about one time in ten; random lines six times in ten; three times in ten one
     * full combo set of {@code comboSize} lines (combo id {@code K1} or {@code C1}) and up to three
     * more random lines.
     */
    public static Arbitrary<List<OrderLine>> lines(int comboSize) {
        Arbitrary<List<OrderLine>> comboSet = Combinators.combine(line().list().ofSize(comboSize),
                        line().list().ofMaxSize(3), Arbitraries.of("K1", "C1"))
                .as((set, rest, comboId) -> {
                    List<OrderLine> all = new ArrayList<>(set.size() + rest.size());
                    set.forEach(l -> all.add(l.toBuilder().comboId(comboId).build()));
                    all.addAll(rest);
                    return all;
                });
        return Arbitraries.frequencyOf(
                Tuple.of(1, Arbitraries.just(List.<OrderLine>of())),
                Tuple.of(6, line().list().ofMinSize(1).ofMaxSize(8)),
                Tuple.of(3, comboSet));
    }

    /**
     * One line with a sku from {@link #SKUS}, a price around 10 (or none), random flags, and a
     * combo id (none six times in ten; else {@code C1}, {@code C2}, {@code c1} or {@code "C1 "}).
     */
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
        Arbitrary<String> combo = Arbitraries.of("C1", "C2", "c1", "C1 ").injectNull(0.6);
        return Combinators.combine(sku, qty, price, Combinators.combine(bool, bool).as(Tuple::of), group, available,
                        substitute, combo)
                .as((s, q, p, adultKey, g, avail, sub, c) -> new OrderLine(s, q, p, adultKey.get1(), adultKey.get2(), g,
                        avail, sub.get1(), sub.get2(), c));
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
        return packs().map(packs -> packs.apply(TriageSettings.defaults()));
    }

    private static Arbitrary<UnaryOperator<TriageSettings>> packs() {
        Arbitrary<Boolean> on = Arbitraries.frequency(Tuple.of(3, true), Tuple.of(1, false));
        return on.list().ofSize(RulePack.values().length).map(flags -> s -> {
            RulePack[] packs = RulePack.values();
            for (int i = 0; i < packs.length; i++) {
                s = s.withPack(packs[i], flags.get(i));
            }
            return s;
        });
    }

    /** A custom cancellation catalogue: a reason moved to another role, new reasons, odd spellings. */
    public static final Map<String, CancellationRole> CUSTOM_CATALOGUE;

    static {
        Map<String, CancellationRole> m = new LinkedHashMap<>();
        m.put("CUSTOMER_REFUSED", CancellationRole.COURIER);
        m.put("lost", CancellationRole.ADMINISTRATOR);
        m.put(" Out_Of_Stock ", CancellationRole.OPERATOR);
        m.put("RECIPIENT_ABSENT", CancellationRole.COURIER);
        m.put("duplicate_order", CancellationRole.OPERATOR);
        CUSTOM_CATALOGUE = Collections.unmodifiableMap(m);
    }

    /** Dates near every as-of (in any zone) that random calendars pick their holidays from. */
    private static List<LocalDate> holidayCandidates() {
        TreeSet<LocalDate> dates = new TreeSet<>();
        for (Instant asOf : AS_OFS) {
            LocalDate d = LocalDate.ofInstant(asOf, ZoneOffset.UTC);
            for (int k : new int[]{-2, -1, 0, 1, 2, 3, 4, 6, 9, 13, 17}) {
                dates.add(d.plusDays(k));
            }
        }
        return new ArrayList<>(dates);
    }

    private static <T> Arbitrary<UnaryOperator<TriageSettings>> knob(Arbitrary<T> values,
                                                                    BiFunction<TriageSettings, T, TriageSettings> with) {
        return values.map(v -> s -> with.apply(s, v));
    }

    /**
     * Random settings: random packs (each on with probability 0.75), and every threshold and
     * catalogue of §4 and §11–§17 either its default or another value, zero included where the
     * rulebook allows it (a zero stage deadline switches that stage's check off).
     */
    public static Arbitrary<TriageSettings> randomSettings() {
        List<Arbitrary<UnaryOperator<TriageSettings>>> knobs = List.of(
                packs(),
                knob(Arbitraries.of(Duration.ofMinutes(10), Duration.ZERO, Duration.ofHours(1)),
                        TriageSettings::withConfirmationTimeout),
                knob(Arbitraries.of(Duration.ofMinutes(30), Duration.ofMinutes(5)), TriageSettings::withPaymentTimeout),
                knob(Arbitraries.of(Duration.ZERO, Duration.ofHours(2)), TriageSettings::withDeliveryGrace),
                knob(Arbitraries.of(Duration.ofHours(48), Duration.ZERO, Duration.ofHours(1), Duration.ofDays(3)),
                        TriageSettings::withHandoverTimeout),
                knob(Arbitraries.of(Duration.ofHours(24), Duration.ZERO, Duration.ofHours(36)),
                        TriageSettings::withAgreeTimeout),
                knob(Arbitraries.of(Period.ofDays(14), Period.ZERO, Period.ofDays(1), Period.ofDays(30)),
                        TriageSettings::withMaxPostponement),
                knob(Arbitraries.of(Duration.ofHours(2), Duration.ZERO, Duration.ofMinutes(45)),
                        TriageSettings::withStageAssembling),
                knob(Arbitraries.of(Duration.ofHours(24), Duration.ZERO, Duration.ofHours(6)),
                        TriageSettings::withStageReady),
                knob(Arbitraries.of(Duration.ofHours(12), Duration.ZERO, Duration.ofHours(3)),
                        TriageSettings::withStageInDelivery),
                knob(Arbitraries.of(Duration.ofMinutes(5), Duration.ZERO, Duration.ofMinutes(15)),
                        TriageSettings::withPickupQueueTimeout),
                knob(Arbitraries.of(Duration.ofMinutes(30), Duration.ZERO, Duration.ofHours(2)),
                        TriageSettings::withPickupReadyTimeout),
                knob(Arbitraries.of(Duration.ofHours(72), Duration.ZERO, Duration.ofDays(7)),
                        TriageSettings::withPickupStoragePeriod),
                knob(Arbitraries.of(TriageSettings.DEFAULT_CANCELLATION_REASONS, CUSTOM_CATALOGUE),
                        TriageSettings::withCancellationReasons),
                knob(Arbitraries.of("0.00", "0", "0.01", "0.5", "1").map(BigDecimal::new),
                        TriageSettings::withMoneyTolerance),
                knob(Arbitraries.of(10, 0, 1, 5, 15), TriageSettings::withPreorderMinWorkingDays),
                knob(Arbitraries.of("PREORDER", " early_bird ", "Summer"), TriageSettings::withPreorderPromo),
                knob(Arbitraries.of(holidayCandidates()).set().ofMaxSize(10), TriageSettings::withHolidays),
                knob(Arbitraries.of(3, 1, 2, 4), TriageSettings::withComboSize),
                knob(Arbitraries.of("RU", "KZ", "DE", "US", "ru"), TriageSettings::withContactRegion));
        return Combinators.combine(knobs).as(ops -> {
            TriageSettings s = TriageSettings.defaults();
            for (UnaryOperator<TriageSettings> op : ops) {
                s = op.apply(s);
            }
            return s;
        });
    }
}
