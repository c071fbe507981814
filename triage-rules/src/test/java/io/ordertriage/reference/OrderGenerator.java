package io.ordertriage.reference;

import io.ordertriage.model.CancellationRole;
import io.ordertriage.model.ConfirmationStatus;
import io.ordertriage.model.DeliveryTerms;
import io.ordertriage.model.Fulfilment;
import io.ordertriage.model.Order;
import io.ordertriage.model.OrderLine;
import io.ordertriage.model.OrderStatus;
import io.ordertriage.model.PaymentStatus;
import io.ordertriage.model.PriceList;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * A deterministic, seedable generator of realistic orders for benchmarks (no jqwik).
 *
 * <p>About 80% of the orders are clean: a normal status combination (rulebook §3), timestamps that
 * fire no timer at the default settings, available items, 18+ items only for verified customers,
 * skus in the city's assortment priced at or below the city reference price of {@link #priceList()};
 * and the fields of part two filled the way a healthy shop fills them (fulfilment, stage times,
 * handover and arrival within {@link #deliveryTerms()}, agreed delivery dates, pickup check-ins,
 * recipients with phones, cancellation reasons of the right role, the amount paid equal to the
 * total, pre-orders with their discount, complete combo sets, valid phones). The other 20% start
 * clean and get one problem (sometimes two) chosen uniformly from {@link Problem}, which covers
 * every finding code of §3–§17; a problem may bring an incidental finding with it.
 * Evaluate them in UTC.
 *
 * <p>Each order has 3–8 lines. The same seed and as-of always give the same sequence of orders.
 * Not thread-safe.
 */
public final class OrderGenerator {

    /** The skus of the catalogue: SKU-0001 … SKU-0200. */
    public static final int SKU_COUNT = 200;

    /** Every {@value}th sku (SKU-0020, SKU-0040, …) is sold in Moscow but not in Kazan. */
    private static final int KAZAN_GAP = 20;

    private static final String[] CITIES = {"Moscow", "Kazan"};
    private static final String[] STORES = {"S1", "S2", "S3"};

    /** The findings the problem orders are built to raise, one per code of §3–§17. */
    public enum Problem {
        CANCELLED_BUT_PAID, PAID_BUT_REJECTED, REJECTED_NOT_CANCELLED, FULFILLING_UNPAID, PAYMENT_FAILED,
        AHEAD_OF_CONFIRMATION, REFUND_WITHOUT_CANCELLATION, STATUS_UNRECOGNISED,
        CONFIRMATION_OVERDUE, PAYMENT_OVERDUE, REFUND_OVERDUE, DELIVERY_LATE,
        AGE_NOT_VERIFIED,
        CITY_MISSING, NOT_IN_CITY_ASSORTMENT, PRICE_ABOVE_CITY_REFERENCE,
        KEY_ITEM_UNAVAILABLE, ITEM_UNAVAILABLE, ITEM_SUBSTITUTED, ORDER_UNFULFILLABLE,
        HANDOVER_OVERDUE, ARRIVAL_LATE, DELIVERY_DATE_NOT_AGREED, POSTPONED_TOO_LONG, DELIVERY_DATE_MISSED,
        STAGE_OVERDUE, CUSTOMER_WAITING, CUSTOMER_ARRIVED_NOT_READY, PICKUP_NOT_READY, PICKUP_NOT_COLLECTED,
        RECIPIENT_PHONE_MISSING, RECIPIENT_AGE_CHECK, CANCEL_REASON_MISSING, CANCEL_REASON_UNKNOWN,
        CANCEL_REASON_WRONG_ROLE, OVERPAID, UNDERPAID, PREORDER_DISCOUNT_MISSING, PREORDER_DISCOUNT_UNEARNED,
        COMBO_INCOMPLETE, PHONE_UNUSABLE
    }

    /** Days from handover to arrival by locality: Moscow 1, Kazan 2. */
    private static final DeliveryTerms TERMS = DeliveryTerms.builder().add("Moscow", 1).add("Kazan", 2).build();

    private static final Problem[] PROBLEMS = Problem.values();

    /** Normal combinations (§3) and how often each occurs among clean orders. */
    private static final Combo[] NORMAL = {
            new Combo("N01", OrderStatus.NEW, PaymentStatus.PENDING, ConfirmationStatus.AWAITING, 3),
            new Combo("N02", OrderStatus.NEW, PaymentStatus.PENDING, ConfirmationStatus.NOT_REQUIRED, 5),
            new Combo("N03", OrderStatus.NEW, PaymentStatus.PAID, ConfirmationStatus.AWAITING, 3),
            new Combo("N04", OrderStatus.NEW, PaymentStatus.PAID, ConfirmationStatus.NOT_REQUIRED, 6),
            new Combo("N05", OrderStatus.CONFIRMED, PaymentStatus.PENDING, ConfirmationStatus.CONFIRMED, 3),
            new Combo("N06", OrderStatus.CONFIRMED, PaymentStatus.PAID, ConfirmationStatus.NOT_REQUIRED, 10),
            new Combo("N07", OrderStatus.ASSEMBLING, PaymentStatus.PAID, ConfirmationStatus.NOT_REQUIRED, 10),
            new Combo("N08", OrderStatus.READY, PaymentStatus.PAID, ConfirmationStatus.CONFIRMED, 6),
            new Combo("N09", OrderStatus.IN_DELIVERY, PaymentStatus.PAID, ConfirmationStatus.NOT_REQUIRED, 10),
            new Combo("N10", OrderStatus.COMPLETED, PaymentStatus.PAID, ConfirmationStatus.NOT_REQUIRED, 25),
            new Combo("N11", OrderStatus.COMPLETED, PaymentStatus.REFUNDED, ConfirmationStatus.CONFIRMED, 3),
            new Combo("N12", OrderStatus.CANCELLED, PaymentStatus.REFUNDED, ConfirmationStatus.NOT_REQUIRED, 5),
            new Combo("N13", OrderStatus.CANCELLED, PaymentStatus.REFUND_PENDING, ConfirmationStatus.AWAITING, 2),
    };
    private static final int NORMAL_WEIGHT_TOTAL;

    static {
        int total = 0;
        for (Combo c : NORMAL) {
            total += c.weight;
        }
        NORMAL_WEIGHT_TOTAL = total;
    }

    private static final String[] SKUS = new String[SKU_COUNT + 1]; // 1-based
    private static final BigDecimal[] REFERENCE = new BigDecimal[SKU_COUNT + 1];
    private static final PriceList PRICE_LIST;

    static {
        PriceList.Builder b = PriceList.builder();
        for (int i = 1; i <= SKU_COUNT; i++) {
            SKUS[i] = sku(i);
            // The reference (maximum) is the S1 price; the other stores are a little cheaper.
            BigDecimal reference = BigDecimal.valueOf(49 + (i * 137L) % 4950, 2); // 0.49 … 49.98
            REFERENCE[i] = reference;
            for (String city : CITIES) {
                if (city.equals("Kazan") && i % KAZAN_GAP == 0) {
                    continue;
                }
                b.add(city, STORES[0], SKUS[i], reference);
                b.add(city, STORES[1], SKUS[i], reference.subtract(BigDecimal.valueOf(i % 3, 2)));
                b.add(city, STORES[2], SKUS[i], reference.subtract(BigDecimal.valueOf(i % 5 * 2, 2)));
            }
        }
        PRICE_LIST = b.build();
    }

    private final SplittableRandom random;
    private final Instant asOf;
    private long counter;

    public OrderGenerator(long seed, Instant asOf) {
        this.random = new SplittableRandom(seed);
        this.asOf = Objects.requireNonNull(asOf, "asOf");
    }

    /**
     * The fixed price list of the generated skus: Moscow and Kazan, stores S1–S3, SKU-0001 …
     * SKU-0200 (Kazan lacks every 20th sku). Built once; {@link PriceList} is immutable.
     */
    public static PriceList priceList() {
        return PRICE_LIST;
    }

    /** The delivery terms the generated deliveries keep: Moscow 1 day, Kazan 2 days. */
    public static DeliveryTerms deliveryTerms() {
        return TERMS;
    }

    /** The next {@code n} orders. */
    public List<Order> orders(int n) {
        List<Order> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(next());
        }
        return out;
    }

    /** The next order: clean about 80% of the time, else with one or two problems. */
    public Order next() {
        String id = orderId(++counter);
        Draft d = cleanDraft();
        if (random.nextInt(100) >= 80) {
            apply(d, PROBLEMS[random.nextInt(PROBLEMS.length)]);
            if (random.nextInt(4) == 0) {
                apply(d, PROBLEMS[random.nextInt(PROBLEMS.length)]);
            }
        }
        settle(d);
        return d.build(id);
    }

    // ------------------------------------------------------------------ clean orders

    /** A mutable order under construction. */
    private static final class Draft {
        OrderStatus os;
        PaymentStatus ps;
        ConfirmationStatus cs;
        Instant createdAt;
        Instant updatedAt;
        Instant eta;
        String city;
        boolean ageVerified;
        final List<OrderLine> lines = new ArrayList<>(8);
        // part two; settle() fills what a problem did not set
        String phone;
        Fulfilment fulfilment;
        boolean fulfilmentFixed;
        Instant statusChangedAt;
        boolean stageFixed;
        Instant shippedAt;
        Instant arrivedAt;
        boolean deliveryFixed;
        LocalDate deliveryDate;
        Instant checkinAt;
        boolean pickupFixed;
        String recipientName;
        String recipientPhone;
        String cancelReason;
        CancellationRole cancelledBy;
        boolean cancellationFixed;
        BigDecimal paidAmount;
        BigDecimal discount;
        boolean moneyFixed;
        String promo;
        boolean preorderFixed;

        Order build(String id) {
            return new Order(id, createdAt, updatedAt, city, "S" + (1 + (id.hashCode() & 1)), os, ps, cs,
                    ageVerified, phone, eta, fulfilment, statusChangedAt, shippedAt, null, arrivedAt, deliveryDate,
                    checkinAt, recipientName, recipientPhone, cancelReason, cancelledBy, paidAmount, discount, promo, lines);
        }
    }

    private Draft cleanDraft() {
        Draft d = new Draft();
        Combo combo = pickNormal();
        d.os = combo.os;
        d.ps = combo.ps;
        d.cs = combo.cs;
        d.city = CITIES[random.nextInt(4) == 0 ? 1 : 0];
        d.ageVerified = random.nextInt(10) < 3;
        cleanTimes(d, combo.id);
        int n = 3 + random.nextInt(6);
        boolean recipe = random.nextInt(5) == 0;
        for (int i = 0; i < n; i++) {
            d.lines.add(cleanLine(d, recipe && i >= n / 2 ? "recipe-1" : ""));
        }
        if (random.nextInt(10) == 0) { // a combo lunch: the first three lines
            String lunch = "LUNCH-" + (1 + random.nextInt(3));
            for (int i = 0; i < 3; i++) {
                d.lines.set(i, d.lines.get(i).toBuilder().comboId(lunch).build());
            }
        }
        d.phone = phone();
        if (random.nextInt(10) == 0) {
            d.recipientName = "Recipient " + random.nextInt(1000);
            d.recipientPhone = phone();
        }
        if (random.nextInt(12) == 0) {
            d.discount = BigDecimal.valueOf(50 + random.nextInt(100), 2);
        }
        return d;
    }

    private Combo pickNormal() {
        int r = random.nextInt(NORMAL_WEIGHT_TOTAL);
        for (Combo c : NORMAL) {
            r -= c.weight;
            if (r < 0) {
                return c;
            }
        }
        throw new AssertionError();
    }

    /** Timestamps under every applicable default threshold, so no timer fires. */
    private void cleanTimes(Draft d, String combo) {
        long created; // seconds before as-of
        switch (combo) {
            case "N01", "N03" -> created = 30 + random.nextInt(9 * 60); // confirmation: 10 min
            case "N02", "N05" -> created = 30 + random.nextInt(29 * 60); // payment: 30 min
            case "N04", "N06" -> created = 60 + random.nextInt(4 * 3600);
            case "N07", "N08", "N09" -> created = 3600 + random.nextInt(6 * 3600);
            default -> created = 3600 + random.nextInt(20 * 86400); // completed, cancelled
        }
        d.createdAt = asOf.minusSeconds(created).minusNanos(random.nextInt(1_000_000_000));
        long sinceUpdate = Math.min(created, 60 + random.nextInt(48 * 3600)); // refund: 72 h
        d.updatedAt = asOf.minusSeconds(sinceUpdate);
        d.eta = switch (d.os) {
            case NEW, CONFIRMED, ASSEMBLING, READY, IN_DELIVERY ->
                    random.nextInt(5) == 0 ? null : asOf.plusSeconds(600 + random.nextInt(4 * 3600));
            default -> d.createdAt.plusSeconds(2 * 3600);
        };
    }

    private OrderLine cleanLine(Draft d, String group) {
        int i = skuFor(d.city);
        BigDecimal price = switch (random.nextInt(10)) {
            case 0 -> REFERENCE[i].subtract(BigDecimal.valueOf(1 + random.nextInt(40), 2)).max(BigDecimal.ZERO);
            case 1 -> REFERENCE[i].setScale(3); // same value, another scale
            case 2 -> null;
            default -> REFERENCE[i];
        };
        String substitute = random.nextInt(4) == 0 ? SKUS[1 + random.nextInt(SKU_COUNT)] : null;
        return new OrderLine(SKUS[i], random.nextInt(4) == 0 ? 2 + random.nextInt(3) : 1, price,
                d.ageVerified && random.nextInt(8) == 0, random.nextInt(10) == 0, group, true,
                substitute, substitute != null && random.nextBoolean());
    }

    /** A sku index in the city's assortment (never a Kazan gap for Kazan, or for a null city). */
    private int skuFor(String city) {
        int i = 1 + random.nextInt(SKU_COUNT);
        if (i % KAZAN_GAP == 0 && !"Moscow".equals(city)) {
            i--;
        }
        return i;
    }

    // ------------------------------------------------------------------ problems

    private String phone() {
        return "+7 9" + (1 + random.nextInt(9)) + random.nextInt(10) + " " + (100 + random.nextInt(900)) + "-"
                + (10 + random.nextInt(90)) + "-" + (10 + random.nextInt(90));
    }

    private static final String[][] REASONS = {
            {"CUSTOMER_REFUSED", "OPERATOR"}, {"customer_unreachable", "OPERATOR"}, {"OUT_OF_STOCK", "ADMINISTRATOR"},
            {"Store_Cannot_Fulfil ", "ADMINISTRATOR"}, {"RECIPIENT_ABSENT", "COURIER"}, {"REFUSED_AT_DOOR", "COURIER"}};

    private boolean stageOrPickupStatus(OrderStatus os) {
        return os == OrderStatus.NEW || os == OrderStatus.CONFIRMED || os == OrderStatus.ASSEMBLING;
    }

    /**
     * Fills the fields of part two that no problem set, consistently with the order's final statuses
     * and lines, so that a clean order raises no finding of §11–§17.
     */
    private void settle(Draft d) {
        boolean open = d.os != OrderStatus.COMPLETED && d.os != OrderStatus.CANCELLED;
        long sinceCreated = asOf.getEpochSecond() - d.createdAt.getEpochSecond();
        if (!d.fulfilmentFixed) {
            // a pickup order that is not READY yet must be younger than the 30-minute ready timeout
            boolean pickupOk = !stageOrPickupStatus(d.os) || sinceCreated < 25 * 60;
            // nor may a delivery wait for its handover longer than the 48-hour handover timeout
            boolean deliveryOk = !(d.os == OrderStatus.CONFIRMED || d.os == OrderStatus.ASSEMBLING
                    || d.os == OrderStatus.READY) || sinceCreated < 47 * 3600;
            int r = random.nextInt(20);
            d.fulfilment = r == 0 ? null : r <= 5 && pickupOk ? Fulfilment.PICKUP : deliveryOk ? Fulfilment.DELIVERY : null;
        }
        if (!d.stageFixed) {
            long max = switch (d.os) {
                case ASSEMBLING -> 2 * 3600 - 60;
                case READY -> 24 * 3600 - 60;
                case IN_DELIVERY -> 12 * 3600 - 60;
                default -> 20 * 86400;
            };
            d.statusChangedAt = random.nextInt(8) == 0 ? null
                    : asOf.minusSeconds(1 + random.nextInt((int) Math.max(1, Math.min(max, sinceCreated))));
        }
        if (!d.deliveryFixed) {
            d.shippedAt = null;
            d.arrivedAt = null;
            d.deliveryDate = null;
            if (d.fulfilment == Fulfilment.DELIVERY && (d.os == OrderStatus.IN_DELIVERY || d.os == OrderStatus.COMPLETED)) {
                d.shippedAt = asOf.minusSeconds(600 + random.nextInt(20 * 3600));
                if (random.nextBoolean()) {
                    d.arrivedAt = d.shippedAt.plusSeconds(300 + random.nextInt(3600));
                    if (d.arrivedAt.isAfter(asOf)) {
                        d.arrivedAt = asOf;
                    }
                    d.deliveryDate = LocalDate.ofInstant(asOf, ZoneOffset.UTC).plusDays(random.nextInt(5));
                }
            }
        }
        if (!d.pickupFixed) {
            d.checkinAt = d.fulfilment == Fulfilment.PICKUP && d.os == OrderStatus.READY && random.nextInt(5) == 0
                    ? asOf.minusSeconds(1 + random.nextInt(4 * 60)) : null;
        }
        if (!d.cancellationFixed) {
            if (d.os == OrderStatus.CANCELLED) {
                String[] r = REASONS[random.nextInt(REASONS.length)];
                d.cancelReason = r[0];
                d.cancelledBy = random.nextInt(4) == 0 ? null : CancellationRole.valueOf(r[1]);
            } else {
                d.cancelReason = null;
                d.cancelledBy = null;
            }
        }
        if (!d.preorderFixed) {
            d.promo = null;
            if ((d.os == OrderStatus.NEW || d.os == OrderStatus.CONFIRMED) && d.deliveryDate == null && random.nextInt(10) == 0) {
                LocalDate created = LocalDate.ofInstant(d.createdAt, ZoneOffset.UTC);
                boolean pre = random.nextBoolean();
                d.deliveryDate = created.plusDays(pre ? 15 + random.nextInt(20) : 1 + random.nextInt(5));
                d.promo = pre ? (random.nextBoolean() ? "PREORDER" : " preorder ") : null;
            }
        }
        if (!d.moneyFixed) {
            BigDecimal total = total(d);
            d.paidAmount = d.ps == PaymentStatus.PAID && total != null && random.nextInt(5) != 0 ? total : null;
        }
    }

    private static BigDecimal total(Draft d) {
        BigDecimal sum = BigDecimal.ZERO;
        for (OrderLine l : d.lines) {
            if (l.unitPrice() == null) {
                return null;
            }
            sum = sum.add(l.unitPrice().multiply(BigDecimal.valueOf(l.qty())));
        }
        return d.lines.isEmpty() ? null : sum.subtract(d.discount == null ? BigDecimal.ZERO : d.discount);
    }

    /** Problems of part two; each sets what it needs and marks it fixed so that settle() keeps it. */
    private void applyPartTwo(Draft d, Problem p) {
        switch (p) {
            case HANDOVER_OVERDUE -> {
                statuses(d, pick(OrderStatus.CONFIRMED, OrderStatus.ASSEMBLING), PaymentStatus.PAID, ConfirmationStatus.NOT_REQUIRED);
                d.createdAt = asOf.minusSeconds(48 * 3600 + 1 + random.nextInt(86400));
                d.updatedAt = d.createdAt;
                d.fulfilment = Fulfilment.DELIVERY;
                d.fulfilmentFixed = true;
                d.statusChangedAt = asOf.minusSeconds(60 + random.nextInt(3600));
                d.stageFixed = true;
            }
            case ARRIVAL_LATE -> {
                inDelivery(d);
                d.shippedAt = asOf.minusSeconds((d.city != null && d.city.equals("Kazan") ? 2 : 1) * 86400L + 1 + random.nextInt(86400));
                d.arrivedAt = null;
                d.deliveryDate = null;
                d.deliveryFixed = true;
            }
            case DELIVERY_DATE_NOT_AGREED -> {
                inDelivery(d);
                d.shippedAt = asOf.minusSeconds(3 * 86400);
                d.arrivedAt = asOf.minusSeconds(24 * 3600 + 1 + random.nextInt(86400));
                d.deliveryDate = null;
                d.deliveryFixed = true;
            }
            case POSTPONED_TOO_LONG -> {
                inDelivery(d);
                d.shippedAt = asOf.minusSeconds(2 * 86400);
                d.arrivedAt = asOf.minusSeconds(86400);
                d.deliveryDate = LocalDate.ofInstant(d.arrivedAt, ZoneOffset.UTC).plusDays(15 + random.nextInt(10));
                d.deliveryFixed = true;
            }
            case DELIVERY_DATE_MISSED -> {
                inDelivery(d);
                d.shippedAt = asOf.minusSeconds(4 * 86400);
                d.arrivedAt = asOf.minusSeconds(3 * 86400);
                d.deliveryDate = LocalDate.ofInstant(asOf, ZoneOffset.UTC).minusDays(1 + random.nextInt(2));
                d.deliveryFixed = true;
            }
            case STAGE_OVERDUE -> {
                statuses(d, pick(OrderStatus.ASSEMBLING, OrderStatus.IN_DELIVERY), PaymentStatus.PAID, ConfirmationStatus.NOT_REQUIRED);
                d.statusChangedAt = asOf.minusSeconds((d.os == OrderStatus.ASSEMBLING ? 2 : 12) * 3600L + 1 + random.nextInt(3600));
                d.stageFixed = true;
                d.fulfilment = Fulfilment.DELIVERY;
                d.fulfilmentFixed = true;
            }
            case CUSTOMER_WAITING -> {
                pickupReady(d);
                d.checkinAt = asOf.minusSeconds(5 * 60 + 1 + random.nextInt(20 * 60));
                d.pickupFixed = true;
            }
            case CUSTOMER_ARRIVED_NOT_READY -> {
                statuses(d, pick(OrderStatus.NEW, OrderStatus.CONFIRMED), PaymentStatus.PAID, ConfirmationStatus.NOT_REQUIRED);
                d.createdAt = asOf.minusSeconds(60 + random.nextInt(20 * 60));
                d.fulfilment = Fulfilment.PICKUP;
                d.fulfilmentFixed = true;
                d.checkinAt = asOf.minusSeconds(30);
                d.pickupFixed = true;
            }
            case PICKUP_NOT_READY -> {
                statuses(d, OrderStatus.ASSEMBLING, PaymentStatus.PAID, ConfirmationStatus.NOT_REQUIRED);
                d.createdAt = asOf.minusSeconds(30 * 60 + 1 + random.nextInt(60 * 60));
                d.fulfilment = Fulfilment.PICKUP;
                d.fulfilmentFixed = true;
                d.checkinAt = null;
                d.pickupFixed = true;
            }
            case PICKUP_NOT_COLLECTED -> {
                pickupReady(d);
                d.statusChangedAt = asOf.minusSeconds(72 * 3600 + 1 + random.nextInt(86400));
                d.stageFixed = true;
                d.checkinAt = null;
                d.pickupFixed = true;
            }
            case RECIPIENT_PHONE_MISSING -> {
                openStatus(d);
                d.recipientName = "Recipient " + random.nextInt(1000);
                d.recipientPhone = null;
            }
            case RECIPIENT_AGE_CHECK -> {
                statuses(d, pick(OrderStatus.READY, OrderStatus.IN_DELIVERY), PaymentStatus.PAID, ConfirmationStatus.NOT_REQUIRED);
                d.recipientName = "Recipient " + random.nextInt(1000);
                d.recipientPhone = phone();
                d.ageVerified = true;
                int at = random.nextInt(d.lines.size());
                setLine(d, at, d.lines.get(at).toBuilder().adultOnly(true).build());
            }
            case CANCEL_REASON_MISSING, CANCEL_REASON_UNKNOWN, CANCEL_REASON_WRONG_ROLE -> {
                statuses(d, OrderStatus.CANCELLED, PaymentStatus.REFUNDED, ConfirmationStatus.NOT_REQUIRED);
                d.cancellationFixed = true;
                if (p == Problem.CANCEL_REASON_MISSING) {
                    d.cancelReason = null;
                    d.cancelledBy = pick(CancellationRole.values());
                } else if (p == Problem.CANCEL_REASON_UNKNOWN) {
                    d.cancelReason = pick("CHANGED_MIND", "other", "WEATHER");
                    d.cancelledBy = pick(CancellationRole.OPERATOR, null);
                } else {
                    d.cancelReason = pick("OUT_OF_STOCK", "recipient_absent");
                    d.cancelledBy = CancellationRole.OPERATOR;
                }
            }
            case OVERPAID, UNDERPAID -> {
                if (d.ps != PaymentStatus.PAID || d.os == OrderStatus.CANCELLED) {
                    statuses(d, pick(OrderStatus.CONFIRMED, OrderStatus.COMPLETED), PaymentStatus.PAID, ConfirmationStatus.NOT_REQUIRED);
                }
                for (int i = 0; i < d.lines.size(); i++) {
                    if (d.lines.get(i).unitPrice() == null) {
                        setLine(d, i, d.lines.get(i).toBuilder().unitPrice(REFERENCE[1]).build());
                    }
                }
                BigDecimal total = total(d);
                BigDecimal delta = BigDecimal.valueOf(1 + random.nextInt(500), 2);
                d.paidAmount = p == Problem.OVERPAID ? total.add(delta) : total.subtract(delta).max(BigDecimal.ZERO);
                d.moneyFixed = true;
            }
            case PREORDER_DISCOUNT_MISSING, PREORDER_DISCOUNT_UNEARNED -> {
                statuses(d, pick(OrderStatus.NEW, OrderStatus.CONFIRMED), PaymentStatus.PAID, ConfirmationStatus.NOT_REQUIRED);
                LocalDate created = LocalDate.ofInstant(d.createdAt, ZoneOffset.UTC);
                boolean missing = p == Problem.PREORDER_DISCOUNT_MISSING;
                d.deliveryDate = created.plusDays(missing ? 15 + random.nextInt(20) : 1 + random.nextInt(10));
                d.promo = missing ? null : "PREORDER";
                d.preorderFixed = true;
                d.shippedAt = null;
                d.arrivedAt = null;
                d.deliveryFixed = true;
                d.fulfilment = pick(Fulfilment.PICKUP, null);
                d.fulfilmentFixed = true;
            }
            case COMBO_INCOMPLETE -> {
                openStatus(d);
                for (int i = 0; i < d.lines.size(); i++) {
                    setLine(d, i, d.lines.get(i).toBuilder().comboId(i < 2 ? "LUNCH-9" : null).build());
                }
            }
            case PHONE_UNUSABLE -> {
                statuses(d, pick(OrderStatus.NEW, OrderStatus.CONFIRMED), PaymentStatus.PENDING, ConfirmationStatus.NOT_REQUIRED);
                d.createdAt = asOf.minusSeconds(31 * 60 + random.nextInt(6 * 3600));
                d.phone = pick(null, "12345", "n/a");
                d.fulfilment = Fulfilment.DELIVERY;
                d.fulfilmentFixed = true;
            }
            default -> throw new IllegalArgumentException("not a part-two problem: " + p);
        }
    }

    private void inDelivery(Draft d) {
        statuses(d, OrderStatus.IN_DELIVERY, PaymentStatus.PAID, ConfirmationStatus.NOT_REQUIRED);
        d.fulfilment = Fulfilment.DELIVERY;
        d.fulfilmentFixed = true;
        d.statusChangedAt = asOf.minusSeconds(60 + random.nextInt(3600));
        d.stageFixed = true;
    }

    private void pickupReady(Draft d) {
        statuses(d, OrderStatus.READY, PaymentStatus.PAID, ConfirmationStatus.NOT_REQUIRED);
        d.fulfilment = Fulfilment.PICKUP;
        d.fulfilmentFixed = true;
        if (!d.stageFixed) {
            d.statusChangedAt = asOf.minusSeconds(60 + random.nextInt(3600));
            d.stageFixed = true;
        }
    }

    private void apply(Draft d, Problem p) {
        if (p.ordinal() >= Problem.HANDOVER_OVERDUE.ordinal()) {
            applyPartTwo(d, p);
            return;
        }
        switch (p) {
            case CANCELLED_BUT_PAID -> statuses(d, OrderStatus.CANCELLED, PaymentStatus.PAID, anyConfirmation());
            case PAID_BUT_REJECTED -> statuses(d, pick(OrderStatus.NEW, OrderStatus.CONFIRMED, OrderStatus.ASSEMBLING),
                    PaymentStatus.PAID, ConfirmationStatus.REJECTED);
            case REJECTED_NOT_CANCELLED -> statuses(d, pick(OrderStatus.NEW, OrderStatus.CONFIRMED),
                    PaymentStatus.PENDING, ConfirmationStatus.REJECTED);
            case FULFILLING_UNPAID -> statuses(d,
                    pick(OrderStatus.ASSEMBLING, OrderStatus.READY, OrderStatus.IN_DELIVERY, OrderStatus.COMPLETED),
                    pick(PaymentStatus.PENDING, PaymentStatus.FAILED), ConfirmationStatus.NOT_REQUIRED);
            case PAYMENT_FAILED -> statuses(d, pick(OrderStatus.NEW, OrderStatus.CONFIRMED), PaymentStatus.FAILED,
                    ConfirmationStatus.NOT_REQUIRED);
            case AHEAD_OF_CONFIRMATION -> statuses(d,
                    pick(OrderStatus.CONFIRMED, OrderStatus.ASSEMBLING, OrderStatus.READY, OrderStatus.IN_DELIVERY),
                    PaymentStatus.PAID, ConfirmationStatus.AWAITING);
            case REFUND_WITHOUT_CANCELLATION -> statuses(d, pick(OrderStatus.CONFIRMED, OrderStatus.READY),
                    pick(PaymentStatus.REFUND_PENDING, PaymentStatus.REFUNDED), ConfirmationStatus.NOT_REQUIRED);
            case STATUS_UNRECOGNISED -> statuses(d, OrderStatus.NEW, PaymentStatus.PAID, ConfirmationStatus.CONFIRMED);
            case CONFIRMATION_OVERDUE -> {
                statuses(d, pick(OrderStatus.NEW, OrderStatus.CONFIRMED), PaymentStatus.PAID, ConfirmationStatus.AWAITING);
                d.createdAt = asOf.minusSeconds(11 * 60 + random.nextInt(3 * 3600));
            }
            case PAYMENT_OVERDUE -> {
                statuses(d, pick(OrderStatus.NEW, OrderStatus.CONFIRMED), PaymentStatus.PENDING,
                        ConfirmationStatus.NOT_REQUIRED);
                d.createdAt = asOf.minusSeconds(31 * 60 + random.nextInt(6 * 3600));
            }
            case REFUND_OVERDUE -> {
                statuses(d, pick(OrderStatus.COMPLETED, OrderStatus.CANCELLED), PaymentStatus.REFUND_PENDING,
                        ConfirmationStatus.NOT_REQUIRED);
                d.updatedAt = asOf.minusSeconds(72 * 3600 + 1 + random.nextInt(10 * 86400));
                d.createdAt = d.updatedAt.minusSeconds(3600 + random.nextInt(86400));
            }
            case DELIVERY_LATE -> {
                statuses(d, pick(OrderStatus.CONFIRMED, OrderStatus.ASSEMBLING, OrderStatus.READY, OrderStatus.IN_DELIVERY),
                        PaymentStatus.PAID, ConfirmationStatus.NOT_REQUIRED);
                d.eta = asOf.minusSeconds(1 + random.nextInt(86400));
            }
            case AGE_NOT_VERIFIED -> {
                openStatus(d);
                d.ageVerified = false;
                int at = random.nextInt(d.lines.size());
                setLine(d, at, d.lines.get(at).toBuilder().adultOnly(true).build());
            }
            case CITY_MISSING -> {
                if (d.os == OrderStatus.CANCELLED) {
                    openStatus(d);
                }
                d.city = null;
            }
            case NOT_IN_CITY_ASSORTMENT -> {
                openStatus(d);
                String sku = d.city != null && d.city.equals("Kazan")
                        ? SKUS[KAZAN_GAP * (1 + random.nextInt(SKU_COUNT / KAZAN_GAP))] // sold in Moscow only
                        : "SKU-9" + (100 + random.nextInt(900)); // sold nowhere
                int at = random.nextInt(d.lines.size());
                OrderLine old = d.lines.get(at);
                setLine(d, at, new OrderLine(sku, old.qty(), old.unitPrice(), old.adultOnly(), old.keyItem(),
                        old.lineGroup(), old.available(), old.substituteSku(), old.substituteAvailable()));
            }
            case PRICE_ABOVE_CITY_REFERENCE -> {
                if (d.os == OrderStatus.CANCELLED) {
                    openStatus(d);
                }
                int at = random.nextInt(d.lines.size());
                OrderLine old = d.lines.get(at);
                BigDecimal ref = PRICE_LIST.referencePriceOrNull(d.city == null ? "Moscow" : d.city, old.sku());
                BigDecimal above = (ref == null ? BigDecimal.TEN : ref)
                        .add(random.nextBoolean() ? new BigDecimal("0.001") : BigDecimal.valueOf(1 + random.nextInt(500), 2));
                setLine(d, at, old.toBuilder().unitPrice(above).build());
            }
            case KEY_ITEM_UNAVAILABLE -> {
                // The key line and the next one form their own recipe, so only part of the order goes.
                substitutionStatus(d);
                int at = random.nextInt(d.lines.size());
                int next = (at + 1) % d.lines.size();
                String group = "recipe-" + (2 + random.nextInt(3));
                setLine(d, at, d.lines.get(at).toBuilder().lineGroup(group).keyItem(true).available(false)
                        .substitute(null, false).build());
                setLine(d, next, d.lines.get(next).toBuilder().lineGroup(group).build());
            }
            case ITEM_UNAVAILABLE -> {
                substitutionStatus(d);
                int at = random.nextInt(d.lines.size());
                setLine(d, at, d.lines.get(at).toBuilder().keyItem(false).available(false)
                        .substitute(random.nextBoolean() ? null : SKUS[1 + random.nextInt(SKU_COUNT)], false).build());
            }
            case ITEM_SUBSTITUTED -> {
                substitutionStatus(d);
                int at = random.nextInt(d.lines.size());
                setLine(d, at, d.lines.get(at).toBuilder().available(false)
                        .substitute(SKUS[1 + random.nextInt(SKU_COUNT)], true).build());
            }
            case ORDER_UNFULFILLABLE -> {
                substitutionStatus(d);
                for (int i = 0; i < d.lines.size(); i++) {
                    setLine(d, i, d.lines.get(i).toBuilder().available(false).substitute(null, false).build());
                }
            }
        }
    }

    /**
     * Sets the statuses and moves the timestamps back under every timer threshold that the new
     * statuses arm, so that a status problem raises no timer finding by accident (the timer
     * problems set their own timestamps afterwards).
     */
    private void statuses(Draft d, OrderStatus os, PaymentStatus ps, ConfirmationStatus cs) {
        d.os = os;
        d.ps = ps;
        d.cs = cs;
        boolean newOrConfirmed = os == OrderStatus.NEW || os == OrderStatus.CONFIRMED;
        if (newOrConfirmed && cs == ConfirmationStatus.AWAITING && d.createdAt.isBefore(asOf.minusSeconds(9 * 60))) {
            d.createdAt = asOf.minusSeconds(30 + random.nextInt(8 * 60));
        }
        if (newOrConfirmed && ps == PaymentStatus.PENDING && d.createdAt.isBefore(asOf.minusSeconds(29 * 60))) {
            d.createdAt = asOf.minusSeconds(30 + random.nextInt(28 * 60));
        }
        if (d.updatedAt.isBefore(d.createdAt)) {
            d.updatedAt = d.createdAt;
        }
        if (ps == PaymentStatus.REFUND_PENDING && d.updatedAt.isBefore(asOf.minusSeconds(71 * 3600))) {
            d.updatedAt = asOf.minusSeconds(60 + random.nextInt(48 * 3600));
            if (d.createdAt.isAfter(d.updatedAt)) {
                d.createdAt = d.updatedAt.minusSeconds(3600);
            }
        }
        boolean inFulfilment = os == OrderStatus.CONFIRMED || os == OrderStatus.ASSEMBLING
                || os == OrderStatus.READY || os == OrderStatus.IN_DELIVERY;
        if (inFulfilment && d.eta != null && !d.eta.isAfter(asOf)) {
            d.eta = asOf.plusSeconds(600 + random.nextInt(4 * 3600));
        }
    }

    /** Moves the order to a clean status where §5 and §6 fully apply (not completed, not cancelled). */
    private void openStatus(Draft d) {
        if (d.os == OrderStatus.COMPLETED || d.os == OrderStatus.CANCELLED) {
            substitutionStatus(d);
        }
    }

    /** Moves the order to a clean status where §7 runs (NEW, CONFIRMED or ASSEMBLING), unless it is there. */
    private void substitutionStatus(Draft d) {
        if (d.os == OrderStatus.NEW || d.os == OrderStatus.CONFIRMED || d.os == OrderStatus.ASSEMBLING) {
            return;
        }
        statuses(d, pick(OrderStatus.CONFIRMED, OrderStatus.ASSEMBLING), PaymentStatus.PAID, ConfirmationStatus.NOT_REQUIRED);
    }

    private static void setLine(Draft d, int at, OrderLine line) {
        d.lines.set(at, line);
    }

    private ConfirmationStatus anyConfirmation() {
        return ConfirmationStatus.values()[random.nextInt(ConfirmationStatus.values().length)];
    }

    @SafeVarargs
    private <T> T pick(T... values) {
        return values[random.nextInt(values.length)];
    }

    // ------------------------------------------------------------------ helpers

    private static String sku(int i) {
        return "SKU-" + pad(i, 4);
    }

    private static String orderId(long n) {
        return "ORD-" + pad(n, 6);
    }

    private static String pad(long n, int width) {
        String s = Long.toString(n);
        return s.length() >= width ? s : "0".repeat(width - s.length()) + s;
    }

    private record Combo(String id, OrderStatus os, PaymentStatus ps, ConfirmationStatus cs, int weight) {
    }
}
