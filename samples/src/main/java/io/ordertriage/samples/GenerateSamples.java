package io.ordertriage.samples;

import io.ordertriage.cli.io.CanonicalCsvWriter;
import io.ordertriage.model.CancellationRole;
import io.ordertriage.model.ConfirmationStatus;
import io.ordertriage.model.Fulfilment;
import io.ordertriage.model.Order;
import io.ordertriage.model.OrderLine;
import io.ordertriage.model.OrderStatus;
import io.ordertriage.model.PaymentStatus;

import java.io.IOException;
import java.io.StringWriter;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static io.ordertriage.model.ConfirmationStatus.AWAITING;
import static io.ordertriage.model.ConfirmationStatus.CONFIRMED;
import static io.ordertriage.model.ConfirmationStatus.NOT_REQUIRED;
import static io.ordertriage.model.ConfirmationStatus.REJECTED;
import static io.ordertriage.model.OrderStatus.ASSEMBLING;
import static io.ordertriage.model.OrderStatus.CANCELLED;
import static io.ordertriage.model.OrderStatus.COMPLETED;
import static io.ordertriage.model.OrderStatus.IN_DELIVERY;
import static io.ordertriage.model.OrderStatus.NEW;
import static io.ordertriage.model.OrderStatus.READY;
import static io.ordertriage.model.PaymentStatus.FAILED;
import static io.ordertriage.model.PaymentStatus.PAID;
import static io.ordertriage.model.PaymentStatus.PENDING;
import static io.ordertriage.model.PaymentStatus.REFUNDED;
import static io.ordertriage.model.PaymentStatus.REFUND_PENDING;

/**
 * Generates {@code samples/orders.csv}, {@code samples/prices.csv}, {@code samples/delivery-terms.csv}
 * and {@code samples/acks.csv}: a grocery delivery service's export of {@value #ORDERS} orders, a
 * snapshot taken at {@link #AS_OF}, with its price list, its delivery promise per locality and the
 * findings its operators acknowledged, where most orders are normal and every finding code of the
 * rulebook occurs at least once. Deterministic: the same code writes the same bytes
 * ({@code SamplesAreUpToDateTest} checks the committed files).
 *
 * <pre>java -cp samples/target/classes:… io.ordertriage.samples.GenerateSamples samples</pre>
 */
public final class GenerateSamples {
    /** The instant the sample export is a snapshot of: pass it as {@code --as-of}. */
    public static final Instant AS_OF = Instant.parse("2026-03-10T09:00:00Z");
    public static final ZoneId ZONE = ZoneId.of("Europe/Moscow");
    static final int ORDERS = 300;

    private static final List<String> CITIES = List.of("Moscow", "Kazan", "Saint Petersburg");
    private static final List<String> SKUS = List.of("MILK-1L", "BREAD-RYE", "EGGS-10", "BUTTER-200", "CHEESE-GOUDA",
            "APPLES-1KG", "BANANAS-1KG", "TOMATOES-500", "CUCUMBERS-500", "POTATOES-2KG", "ONIONS-1KG", "RICE-900",
            "BUCKWHEAT-900", "PASTA-500", "FLOUR-2KG", "SUGAR-1KG", "TEA-100", "COFFEE-250", "CHICKEN-1KG", "BEEF-500",
            "SALMON-300", "YOGURT-4PK", "KEFIR-1L", "SOUR-CREAM-300", "JUICE-1L", "WATER-5L", "CHOCOLATE-90",
            "COOKIES-300", "HONEY-250", "OLIVE-OIL-500");
    private static final List<String> ADULT = List.of("WINE-RED-750", "BEER-500", "CIDER-500");
    /** Skus sold only in Moscow: the assortment differs by city. */
    private static final List<String> MOSCOW_ONLY = List.of("SALMON-300", "OLIVE-OIL-500", "CIDER-500");
    private static final List<String> STORES = List.of("North", "Centre", "South");

    private final Random random = new Random(20260310);
    private final Map<String, Map<String, BigDecimal>> reference = new LinkedHashMap<>();
    private final List<String[]> priceRows = new ArrayList<>();

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "samples");
        GenerateSamples g = new GenerateSamples();
        Files.writeString(dir.resolve("prices.csv"), g.prices(), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("orders.csv"), g.orders(), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("delivery-terms.csv"), deliveryTerms(), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("acks.csv"), acknowledgements(), StandardCharsets.UTF_8);
    }

    /** Days from handover to arrival per locality: the cities, and two suburbs delivered from them. */
    public static String deliveryTerms() {
        return "locality,days\nMoscow,1\nKazan,2\nSaint Petersburg,2\nZelenograd,1\nKronstadt,3\n";
    }

    /**
     * What the operators acknowledged: a holding one (the order comes off the queue), one that has
     * lapsed before as-of (it comes back), one for a code the order does not have and one for an
     * order that is not in the export (both counted in the summary as matching nothing).
     */
    public static String acknowledgements() {
        return "order_id,code,until,note\n"
                + "SO-0102,CANCEL_REASON_UNKNOWN,2026-03-20T18:00:00+03:00,reason written in the ticket; 1C fix pending\n"
                + "SO-0030,PAYMENT_OVERDUE,,customer pays by invoice; accounting confirms on Fridays\n"
                + "SO-0036,DELIVERY_LATE,2026-03-10T11:30:00+03:00,courier stuck in traffic; lapsed at 11:30 Moscow time\n"
                + "SO-0006,OVERPAID,,no such finding: the order is fine\n"
                + "SO-9999,STATUS_UNRECOGNISED,,order from another export\n";
    }

    /** The price list; must be called before {@link #orders()}. */
    public String prices() {
        StringBuilder b = new StringBuilder("city,store,sku,price\n");
        List<String> all = new ArrayList<>(SKUS);
        all.addAll(ADULT);
        for (String city : CITIES) {
            Map<String, BigDecimal> ref = new LinkedHashMap<>();
            for (String sku : all) {
                if (MOSCOW_ONLY.contains(sku) && !city.equals("Moscow")) {
                    continue;
                }
                BigDecimal base = BigDecimal.valueOf(49 + random.nextInt(900)).add(new BigDecimal("0.90"));
                for (String store : STORES) {
                    BigDecimal p = base.subtract(BigDecimal.valueOf(random.nextInt(3) * 10L));
                    ref.merge(sku, p, BigDecimal::max);
                    b.append(city).append(',').append(store).append(',').append(sku).append(',').append(p.toPlainString()).append('\n');
                }
            }
            reference.put(city, ref);
        }
        return b.toString();
    }

    public String orders() throws IOException {
        if (reference.isEmpty()) {
            prices();
        }
        Writer out = new StringWriter();
        try (CanonicalCsvWriter w = new CanonicalCsvWriter(out, ZONE)) {
            for (int i = 1; i <= ORDERS; i++) {
                w.write(order(i));
            }
        }
        return out.toString();
    }

    private enum Scenario {
        CANCELLED_BUT_PAID, PAID_BUT_REJECTED, REJECTED_NOT_CANCELLED, FULFILLING_UNPAID, PAYMENT_FAILED,
        AHEAD_OF_CONFIRMATION, REFUND_WITHOUT_CANCELLATION, STATUS_UNRECOGNISED, CONFIRMATION_OVERDUE, PAYMENT_OVERDUE,
        REFUND_OVERDUE, DELIVERY_LATE, AGE_NOT_VERIFIED, CITY_MISSING, NOT_IN_CITY_ASSORTMENT, PRICE_ABOVE_CITY_REFERENCE,
        KEY_ITEM_UNAVAILABLE, ITEM_UNAVAILABLE, ITEM_SUBSTITUTED, ORDER_UNFULFILLABLE,
        // part two
        HANDOVER_OVERDUE, ARRIVAL_LATE, DELIVERY_DATE_NOT_AGREED, POSTPONED_TOO_LONG, DELIVERY_DATE_MISSED,
        STAGE_OVERDUE, CUSTOMER_WAITING, CUSTOMER_ARRIVED_NOT_READY, PICKUP_NOT_READY, PICKUP_NOT_COLLECTED,
        RECIPIENT_PHONE_MISSING, RECIPIENT_AGE_CHECK, CANCEL_REASON_MISSING, CANCEL_REASON_UNKNOWN,
        CANCEL_REASON_WRONG_ROLE, OVERPAID, UNDERPAID, PREORDER_DISCOUNT_MISSING, PREORDER_DISCOUNT_UNEARNED,
        COMBO_INCOMPLETE, PHONE_UNUSABLE
    }

    /** Which part-two fields a scenario set itself, so that {@link #settle} leaves them alone. */
    private enum Fixed { FULFILMENT, STAGE, DELIVERY, PICKUP, RECIPIENT, CANCELLATION, MONEY, PREORDER, PHONE }

    private final EnumSet<Fixed> fixed = EnumSet.noneOf(Fixed.class);

    private Order order(int i) {
        String city = CITIES.get(random.nextInt(CITIES.size()));
        Order.Builder b = Order.builder(String.format("SO-%04d", i)).city(city)
                .store(STORES.get(random.nextInt(STORES.size())))
                .customerPhone(String.format("+7 9%02d %03d-%02d-%02d", random.nextInt(100), random.nextInt(1000),
                        random.nextInt(100), random.nextInt(100)));
        normal(b);
        List<OrderLine> lines = lines(city, 1 + random.nextInt(5));
        fixed.clear();
        // every third order carries a problem; the scenarios take turns so that each occurs at least twice
        Scenario s = i % 3 == 0 ? Scenario.values()[(i / 3 - 1) % Scenario.values().length] : null;
        if (s != null) {
            lines = s.ordinal() >= Scenario.HANDOVER_OVERDUE.ordinal() ? applyPartTwo(s, b, city, lines) : apply(s, b, city, lines);
        }
        return settle(b.lines(lines).build());
    }

    /** The date of an instant in the sample's zone. */
    private static LocalDate date(Instant t) {
        return LocalDate.ofInstant(t, ZONE);
    }

    /**
     * Fills the fields of part two that the scenario did not set, the way a healthy shop fills
     * them, so that they raise nothing by themselves.
     */
    private Order settle(Order o) {
        Order.Builder b = o.toBuilder();
        OrderStatus os = o.orderStatus();
        boolean early = os == NEW || os == OrderStatus.CONFIRMED || os == ASSEMBLING;
        Duration age = Duration.between(o.createdAt(), AS_OF);
        Fulfilment f = o.fulfilment();
        if (!fixed.contains(Fixed.FULFILMENT)) {
            f = random.nextInt(4) == 0 && (!early || age.toMinutes() < 25) ? Fulfilment.PICKUP : Fulfilment.DELIVERY;
            b.fulfilment(f);
        }
        if (!fixed.contains(Fixed.STAGE) && os != NEW) {
            long limitMinutes = switch (os) {
                case ASSEMBLING -> 110;
                case READY -> f == Fulfilment.PICKUP ? 48 * 60 : 20 * 60;
                case IN_DELIVERY -> 10 * 60;
                default -> Math.max(1, age.toMinutes());
            };
            long minutes = 1 + random.nextInt((int) Math.max(1, Math.min(limitMinutes, Math.max(1, age.toMinutes()))));
            b.statusChangedAt(AS_OF.minus(Duration.ofMinutes(minutes)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
        }
        if (!fixed.contains(Fixed.DELIVERY) && f == Fulfilment.DELIVERY && (os == IN_DELIVERY || os == COMPLETED)) {
            Instant shipped = os == IN_DELIVERY ? ago(minutes(20, 300)) : o.createdAt().plus(Duration.ofMinutes(40));
            b.shippedAt(shipped);
            if (os == COMPLETED || random.nextInt(3) == 0) {
                Instant arrived = shipped.plus(Duration.ofMinutes(30));
                b.arrivedAt(arrived.isAfter(AS_OF) ? AS_OF : arrived).deliveryDate(date(arrived).plusDays(random.nextInt(3)));
            }
        }
        if (!fixed.contains(Fixed.RECIPIENT) && random.nextInt(12) == 0) {
            b.recipient(RECIPIENTS.get(random.nextInt(RECIPIENTS.size())), phone());
        }
        if (!fixed.contains(Fixed.CANCELLATION) && os == CANCELLED) {
            String[] r = REASONS.get(random.nextInt(REASONS.size()));
            b.cancellation(r[0], CancellationRole.valueOf(r[1]));
        }
        if (!fixed.contains(Fixed.PREORDER) && (os == NEW || os == OrderStatus.CONFIRMED) && random.nextInt(6) == 0) {
            b.deliveryDate(date(o.createdAt()).plusDays(16 + random.nextInt(10))).promo("PREORDER");
        }
        Order settled = b.build();
        if (!fixed.contains(Fixed.MONEY) && settled.paymentStatus() == PAID && random.nextInt(3) != 0) {
            BigDecimal total = total(settled);
            if (total != null) {
                settled = settled.toBuilder().paidAmount(total).build();
            }
        }
        return settled;
    }

    private static final List<String> RECIPIENTS = List.of("Anna Petrova", "Ivan Smirnov", "Olga Ivanova", "Reception, 3rd floor");
    private static final List<String[]> REASONS = List.of(new String[]{"CUSTOMER_REFUSED", "OPERATOR"},
            new String[]{"DUPLICATE_ORDER", "OPERATOR"}, new String[]{"OUT_OF_STOCK", "ADMINISTRATOR"},
            new String[]{"RECIPIENT_ABSENT", "COURIER"});

    private String phone() {
        return String.format("8 9%02d %03d-%02d-%02d", 10 + random.nextInt(90), random.nextInt(1000), random.nextInt(100),
                random.nextInt(100));
    }

    private static BigDecimal total(Order o) {
        if (o.lines().isEmpty()) {
            return null;
        }
        BigDecimal sum = BigDecimal.ZERO;
        for (OrderLine l : o.lines()) {
            if (l.unitPrice() == null) {
                return null;
            }
            sum = sum.add(l.unitPrice().multiply(BigDecimal.valueOf(l.qty())));
        }
        return sum.subtract(o.discount());
    }

    /** The scenarios of part two (§11–§17): each sets what it needs and marks it fixed. */
    private List<OrderLine> applyPartTwo(Scenario s, Order.Builder b, String city, List<OrderLine> lines) {
        List<OrderLine> out = new ArrayList<>(lines);
        switch (s) {
            case HANDOVER_OVERDUE -> {
                b.statuses(ASSEMBLING, PAID, CONFIRMED).createdAt(ago(Duration.ofHours(50 + random.nextInt(20))))
                        .fulfilment(Fulfilment.DELIVERY).statusChangedAt(ago(minutes(20, 90)));
                fixed.addAll(EnumSet.of(Fixed.FULFILMENT, Fixed.STAGE));
            }
            case ARRIVAL_LATE -> {
                b.statuses(IN_DELIVERY, PAID, CONFIRMED).createdAt(ago(Duration.ofDays(4))).fulfilment(Fulfilment.DELIVERY)
                        .statusChangedAt(ago(Duration.ofHours(9))).shippedAt(ago(Duration.ofHours(80)))
                        .locality("Kronstadt").estimatedDeliveryAt(AS_OF.plus(Duration.ofHours(4)));
                fixed.addAll(EnumSet.of(Fixed.FULFILMENT, Fixed.STAGE, Fixed.DELIVERY));
            }
            case DELIVERY_DATE_NOT_AGREED -> {
                b.statuses(IN_DELIVERY, PAID, CONFIRMED).createdAt(ago(Duration.ofDays(3))).fulfilment(Fulfilment.DELIVERY)
                        .statusChangedAt(ago(Duration.ofHours(8))).shippedAt(ago(Duration.ofHours(60)))
                        .arrivedAt(ago(Duration.ofHours(30)));
                fixed.addAll(EnumSet.of(Fixed.FULFILMENT, Fixed.STAGE, Fixed.DELIVERY));
            }
            case POSTPONED_TOO_LONG -> {
                Instant arrived = ago(Duration.ofHours(20));
                b.statuses(IN_DELIVERY, PAID, CONFIRMED).createdAt(ago(Duration.ofDays(3))).fulfilment(Fulfilment.DELIVERY)
                        .statusChangedAt(ago(Duration.ofHours(6))).shippedAt(ago(Duration.ofHours(40))).arrivedAt(arrived)
                        .deliveryDate(date(arrived).plusDays(15 + random.nextInt(5)));
                fixed.addAll(EnumSet.of(Fixed.FULFILMENT, Fixed.STAGE, Fixed.DELIVERY));
            }
            case DELIVERY_DATE_MISSED -> {
                b.statuses(IN_DELIVERY, PAID, CONFIRMED).createdAt(ago(Duration.ofDays(5))).fulfilment(Fulfilment.DELIVERY)
                        .statusChangedAt(ago(Duration.ofHours(5))).shippedAt(ago(Duration.ofDays(4)))
                        .arrivedAt(ago(Duration.ofDays(3))).deliveryDate(date(AS_OF).minusDays(1));
                fixed.addAll(EnumSet.of(Fixed.FULFILMENT, Fixed.STAGE, Fixed.DELIVERY));
            }
            case STAGE_OVERDUE -> {
                b.statuses(ASSEMBLING, PAID, NOT_REQUIRED).createdAt(ago(Duration.ofHours(4))).fulfilment(Fulfilment.DELIVERY)
                        .statusChangedAt(ago(minutes(130, 200)));
                fixed.addAll(EnumSet.of(Fixed.FULFILMENT, Fixed.STAGE));
            }
            case CUSTOMER_WAITING -> {
                b.statuses(READY, PAID, NOT_REQUIRED).createdAt(ago(Duration.ofHours(2))).fulfilment(Fulfilment.PICKUP)
                        .statusChangedAt(ago(Duration.ofMinutes(50))).pickupCheckinAt(ago(minutes(6, 15)));
                fixed.addAll(EnumSet.of(Fixed.FULFILMENT, Fixed.STAGE, Fixed.PICKUP));
            }
            case CUSTOMER_ARRIVED_NOT_READY -> {
                b.statuses(ASSEMBLING, PAID, NOT_REQUIRED).createdAt(ago(minutes(15, 25))).fulfilment(Fulfilment.PICKUP)
                        .statusChangedAt(ago(Duration.ofMinutes(10))).pickupCheckinAt(ago(Duration.ofMinutes(2)));
                fixed.addAll(EnumSet.of(Fixed.FULFILMENT, Fixed.STAGE, Fixed.PICKUP));
            }
            case PICKUP_NOT_READY -> {
                b.statuses(ASSEMBLING, PAID, NOT_REQUIRED).createdAt(ago(minutes(35, 80))).fulfilment(Fulfilment.PICKUP)
                        .statusChangedAt(ago(Duration.ofMinutes(20)));
                fixed.addAll(EnumSet.of(Fixed.FULFILMENT, Fixed.STAGE, Fixed.PICKUP));
            }
            case PICKUP_NOT_COLLECTED -> {
                b.statuses(READY, PAID, NOT_REQUIRED).createdAt(ago(Duration.ofDays(5))).fulfilment(Fulfilment.PICKUP)
                        .statusChangedAt(ago(Duration.ofHours(73 + random.nextInt(40))));
                fixed.addAll(EnumSet.of(Fixed.FULFILMENT, Fixed.STAGE, Fixed.PICKUP));
            }
            case RECIPIENT_PHONE_MISSING -> {
                b.recipient(RECIPIENTS.get(random.nextInt(RECIPIENTS.size())), null);
                fixed.add(Fixed.RECIPIENT);
                if (b.build().orderStatus() == COMPLETED || b.build().orderStatus() == CANCELLED) {
                    b.statuses(OrderStatus.CONFIRMED, PAID, CONFIRMED).createdAt(ago(minutes(5, 25)));
                }
            }
            case RECIPIENT_AGE_CHECK -> {
                // information (P4) for the courier, on an order that needs the recipient's phone too
                b.statuses(IN_DELIVERY, PAID, CONFIRMED).createdAt(ago(minutes(60, 120))).ageVerified(true)
                        .recipient("Ivan Smirnov", null);
                fixed.add(Fixed.RECIPIENT);
                String sku = city.equals("Moscow") ? ADULT.get(random.nextInt(3)) : ADULT.get(random.nextInt(2));
                out.add(OrderLine.builder(sku).unitPrice(price(city, sku, false)).adultOnly(true).build());
            }
            case CANCEL_REASON_MISSING -> {
                b.statuses(CANCELLED, REFUNDED, CONFIRMED).createdAt(ago(Duration.ofHours(5))).cancellation(null, CancellationRole.OPERATOR);
                fixed.add(Fixed.CANCELLATION);
            }
            case CANCEL_REASON_UNKNOWN -> {
                b.statuses(CANCELLED, PENDING, NOT_REQUIRED).createdAt(ago(Duration.ofHours(7))).cancellation("changed his mind", null);
                fixed.add(Fixed.CANCELLATION);
            }
            case CANCEL_REASON_WRONG_ROLE -> {
                b.statuses(CANCELLED, REFUNDED, CONFIRMED).createdAt(ago(Duration.ofHours(3)))
                        .cancellation("out_of_stock", CancellationRole.COURIER);
                fixed.add(Fixed.CANCELLATION);
            }
            case OVERPAID, UNDERPAID -> {
                // the hotel example: paid at full price, then a discount lowered the total
                b.statuses(OrderStatus.CONFIRMED, PAID, CONFIRMED).createdAt(ago(minutes(5, 25)));
                BigDecimal total = BigDecimal.ZERO;
                for (OrderLine l : out) {
                    total = total.add(l.unitPrice().multiply(BigDecimal.valueOf(l.qty())));
                }
                BigDecimal discount = total.divide(BigDecimal.TEN, 2, RoundingMode.HALF_UP);
                if (s == Scenario.OVERPAID) {
                    b.discount(discount).paidAmount(total);
                } else {
                    b.paidAmount(total.subtract(new BigDecimal("99.90")));
                }
                fixed.add(Fixed.MONEY);
            }
            case PREORDER_DISCOUNT_MISSING -> {
                Instant created = ago(minutes(5, 25));
                b.statuses(OrderStatus.CONFIRMED, PAID, CONFIRMED).createdAt(created).deliveryDate(date(created).plusDays(21));
                fixed.add(Fixed.PREORDER);
            }
            case PREORDER_DISCOUNT_UNEARNED -> {
                Instant created = ago(minutes(5, 25));
                b.statuses(NEW, PAID, NOT_REQUIRED).createdAt(created).deliveryDate(date(created).plusDays(6)).promo("preorder");
                fixed.add(Fixed.PREORDER);
            }
            case COMBO_INCOMPLETE -> {
                b.statuses(OrderStatus.CONFIRMED, PAID, CONFIRMED).createdAt(ago(minutes(5, 25)));
                out.add(OrderLine.builder("CHICKEN-1KG").unitPrice(price(city, "CHICKEN-1KG", false)).comboId("LUNCH-2").build());
                out.add(OrderLine.builder("RICE-900").unitPrice(price(city, "RICE-900", false)).comboId("LUNCH-2").build());
            }
            case PHONE_UNUSABLE -> {
                b.statuses(NEW, PENDING, NOT_REQUIRED).createdAt(ago(minutes(35, 80))).customerPhone("ask at reception");
                fixed.add(Fixed.PHONE);
            }
            default -> throw new IllegalArgumentException(s.name());
        }
        return out;
    }

    private Instant ago(Duration d) {
        return AS_OF.minus(d).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    }

    private Duration minutes(int from, int to) {
        return Duration.ofMinutes(from + random.nextInt(to - from + 1)).plusSeconds(random.nextInt(60));
    }

    /** A normal order with timestamps that no timer objects to. */
    private void normal(Order.Builder b) {
        int pick = random.nextInt(100);
        if (pick < 8) {
            b.statuses(NEW, PENDING, random.nextBoolean() ? AWAITING : NOT_REQUIRED).createdAt(ago(minutes(1, 9)));
        } else if (pick < 16) {
            b.statuses(NEW, PAID, random.nextBoolean() ? AWAITING : NOT_REQUIRED).createdAt(ago(minutes(1, 9)));
        } else if (pick < 24) {
            b.statuses(OrderStatus.CONFIRMED, random.nextBoolean() ? PENDING : PAID, CONFIRMED).createdAt(ago(minutes(5, 25)));
        } else if (pick < 40) {
            inFlight(b, ASSEMBLING);
        } else if (pick < 50) {
            inFlight(b, READY);
        } else if (pick < 64) {
            inFlight(b, IN_DELIVERY);
        } else if (pick < 90) {
            Instant created = ago(Duration.ofHours(4 + random.nextInt(60)));
            b.statuses(COMPLETED, PAID, random.nextBoolean() ? CONFIRMED : NOT_REQUIRED).createdAt(created)
                    .updatedAt(created.plus(Duration.ofMinutes(90)));
        } else if (pick < 94) {
            Instant created = ago(Duration.ofHours(4 + random.nextInt(30)));
            b.statuses(COMPLETED, REFUND_PENDING, CONFIRMED).createdAt(created).updatedAt(ago(Duration.ofHours(2 + random.nextInt(20))));
        } else {
            b.statuses(CANCELLED, random.nextBoolean() ? REFUNDED : PENDING, random.nextBoolean() ? CONFIRMED : REJECTED)
                    .createdAt(ago(Duration.ofHours(1 + random.nextInt(40))));
        }
    }

    private void inFlight(Order.Builder b, OrderStatus s) {
        Instant created = ago(minutes(30, 180));
        b.statuses(s, PAID, random.nextBoolean() ? CONFIRMED : NOT_REQUIRED).createdAt(created)
                .updatedAt(ago(minutes(1, 25))).estimatedDeliveryAt(AS_OF.plus(minutes(20, 240)).truncatedTo(java.time.temporal.ChronoUnit.MINUTES));
    }

    private List<OrderLine> lines(String city, int n) {
        List<OrderLine> lines = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            String sku;
            do {
                sku = SKUS.get(random.nextInt(SKUS.size()));
            } while (!reference.get(city).containsKey(sku));
            lines.add(OrderLine.builder(sku).qty(1 + random.nextInt(3)).unitPrice(price(city, sku, false)).build());
        }
        return lines;
    }

    /** The city reference price, or a little below it (a store's own price), or above it. */
    private BigDecimal price(String city, String sku, boolean above) {
        BigDecimal ref = reference.get(city).get(sku);
        if (above) {
            return ref.add(new BigDecimal("15.00"));
        }
        return random.nextInt(4) == 0 ? ref.subtract(BigDecimal.TEN).setScale(2, RoundingMode.UNNECESSARY) : ref;
    }

    private List<OrderLine> apply(Scenario s, Order.Builder b, String city, List<OrderLine> lines) {
        List<OrderLine> out = new ArrayList<>(lines);
        Instant recent = ago(minutes(1, 9));
        switch (s) {
            case CANCELLED_BUT_PAID -> b.statuses(CANCELLED, PAID, CONFIRMED).createdAt(ago(Duration.ofHours(6)));
            case PAID_BUT_REJECTED -> b.statuses(NEW, PAID, REJECTED).createdAt(recent);
            case REJECTED_NOT_CANCELLED -> b.statuses(OrderStatus.CONFIRMED, PENDING, REJECTED).createdAt(recent);
            case FULFILLING_UNPAID -> b.statuses(ASSEMBLING, PENDING, CONFIRMED).createdAt(ago(minutes(10, 25)));
            case PAYMENT_FAILED -> b.statuses(NEW, FAILED, NOT_REQUIRED).createdAt(recent);
            case AHEAD_OF_CONFIRMATION -> b.statuses(ASSEMBLING, PAID, AWAITING).createdAt(recent);
            case REFUND_WITHOUT_CANCELLATION -> b.statuses(READY, REFUNDED, CONFIRMED).createdAt(ago(Duration.ofHours(3)))
                    .estimatedDeliveryAt(AS_OF.plus(Duration.ofHours(1)));
            case STATUS_UNRECOGNISED -> b.statuses(NEW, PAID, CONFIRMED).createdAt(recent);
            case CONFIRMATION_OVERDUE -> b.statuses(NEW, PAID, AWAITING).createdAt(ago(minutes(11, 40)));
            case PAYMENT_OVERDUE -> b.statuses(NEW, PENDING, NOT_REQUIRED).createdAt(ago(minutes(31, 90)));
            case REFUND_OVERDUE -> b.statuses(CANCELLED, REFUND_PENDING, CONFIRMED).createdAt(ago(Duration.ofDays(6)))
                    .updatedAt(ago(Duration.ofHours(73 + random.nextInt(48))));
            case DELIVERY_LATE -> b.statuses(IN_DELIVERY, PAID, CONFIRMED).createdAt(ago(Duration.ofHours(3)))
                    .estimatedDeliveryAt(ago(minutes(5, 90)));
            case AGE_NOT_VERIFIED -> {
                b.statuses(ASSEMBLING, PAID, NOT_REQUIRED).createdAt(ago(minutes(20, 60))).ageVerified(false);
                String sku = city.equals("Moscow") ? ADULT.get(random.nextInt(3)) : ADULT.get(random.nextInt(2));
                out.add(OrderLine.builder(sku).unitPrice(price(city, sku, false)).adultOnly(true).build());
            }
            case CITY_MISSING -> b.city(null);
            case NOT_IN_CITY_ASSORTMENT -> {
                if (city.equals("Moscow")) {
                    b.city("Kazan");
                }
                out.add(OrderLine.builder("SALMON-300").unitPrice("899.90").build());
            }
            case PRICE_ABOVE_CITY_REFERENCE -> out.set(0, out.get(0).toBuilder().unitPrice(price(city, out.get(0).sku(), true)).build());
            case KEY_ITEM_UNAVAILABLE -> {
                b.statuses(OrderStatus.CONFIRMED, PAID, CONFIRMED).createdAt(ago(minutes(5, 25)));
                out.add(OrderLine.builder("FLOUR-2KG").unitPrice(price(city, "FLOUR-2KG", false)).lineGroup("pancakes")
                        .keyItem(true).available(false).build());
                out.add(OrderLine.builder("EGGS-10").unitPrice(price(city, "EGGS-10", false)).lineGroup("pancakes").build());
                out.add(OrderLine.builder("MILK-1L").unitPrice(price(city, "MILK-1L", false)).lineGroup("pancakes").build());
            }
            case ITEM_UNAVAILABLE -> {
                b.statuses(ASSEMBLING, PAID, CONFIRMED).createdAt(ago(minutes(30, 90)));
                out.add(OrderLine.builder("HONEY-250").unitPrice(price(city, "HONEY-250", false)).available(false).build());
            }
            case ITEM_SUBSTITUTED -> {
                b.statuses(NEW, PAID, NOT_REQUIRED).createdAt(recent);
                out.add(OrderLine.builder("KEFIR-1L").unitPrice(price(city, "KEFIR-1L", false)).available(false)
                        .substitute("YOGURT-4PK", true).build());
            }
            case ORDER_UNFULFILLABLE -> {
                b.statuses(NEW, PAID, NOT_REQUIRED).createdAt(recent);
                out.replaceAll(l -> l.toBuilder().available(false).build());
            }
        }
        return out;
    }
}
