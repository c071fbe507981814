package io.ordertriage.samples;

import io.ordertriage.cli.io.CanonicalCsvWriter;
import io.ordertriage.model.ConfirmationStatus;
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
import java.time.ZoneId;
import java.util.ArrayList;
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
 * Generates {@code samples/orders.csv} and {@code samples/prices.csv}: a grocery delivery service's
 * export of {@value #ORDERS} orders, a snapshot taken at {@link #AS_OF}, where most orders are normal
 * and every finding code of the rulebook occurs several times. Deterministic: the same code writes
 * the same bytes ({@code SamplesAreUpToDateTest} checks the committed files).
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
        KEY_ITEM_UNAVAILABLE, ITEM_UNAVAILABLE, ITEM_SUBSTITUTED, ORDER_UNFULFILLABLE
    }

    private Order order(int i) {
        String city = CITIES.get(random.nextInt(CITIES.size()));
        Order.Builder b = Order.builder(String.format("SO-%04d", i)).city(city)
                .store(STORES.get(random.nextInt(STORES.size())))
                .customerPhone(String.format("+7 9%02d %03d-%02d-%02d", random.nextInt(100), random.nextInt(1000),
                        random.nextInt(100), random.nextInt(100)));
        normal(b);
        List<OrderLine> lines = lines(city, 1 + random.nextInt(5));
        // every third order carries a problem; the scenarios take turns so that each occurs several times
        Scenario s = i % 3 == 0 ? Scenario.values()[(i / 3) % Scenario.values().length] : null;
        if (s != null) {
            lines = apply(s, b, city, lines);
        }
        return b.lines(lines).build();
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
