package io.ordertriage.facts;

import io.ordertriage.TriageSettings;
import io.ordertriage.model.CancellationRole;
import io.ordertriage.model.ConfirmationStatus;
import io.ordertriage.model.Contact;
import io.ordertriage.model.DeliveryTerms;
import io.ordertriage.model.Fulfilment;
import io.ordertriage.model.Order;
import io.ordertriage.model.OrderLine;
import io.ordertriage.model.OrderStatus;
import io.ordertriage.model.PaymentStatus;

import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * An order as the rules see it: the order's fields, the time elapsed since each of its timestamps
 * measured at the run's as-of instant (rulebook §1, "Evaluation clock"), dates in the evaluation
 * zone, and the {@code settings} whose thresholds the rules compare them with:
 * {@code OrderFact(sinceCreated > settings.paymentTimeout())}. (The settings are a property of the
 * fact rather than a global so that such a constraint is a test on one fact, which Drools evaluates
 * far more cheaply than one that also reads a global.)
 *
 * <p>Every {@code since…} is {@code as-of − timestamp}, or {@code null} when the order has no such
 * timestamp; a rule that compares it must test for {@code null} first.
 *
 * <p>The engine inserts one per order. Rules match on it, never change it.
 */
public final class OrderFact {
    private final Order order;
    private final TriageSettings settings;
    private final ZoneId zone;
    private final LocalDate asOfDate;
    private final Duration sinceCreated;
    private final Duration sinceUpdated;
    private final Duration sinceEstimatedDelivery;
    private final Duration sinceStatusChanged;
    private final Duration sinceArrived;
    private final Duration sincePickupCheckin;
    private final Duration sincePromisedArrival;
    private final Contact contact;
    private final String cancelReasonKey;
    private final String promoKey;
    // computed on first use: only a few rules read them
    private BigDecimal total;
    private boolean totalKnown;
    private BigDecimal overpayment;
    private boolean overpaymentKnown;
    private int workingDaysAhead = -1;

    /**
     * @param asOf     the run's evaluation instant
     * @param zone     the evaluation zone: dates of date-times and the as-of date are taken in it
     * @param terms    the delivery terms, or {@code null} when none were given (no promised arrival)
     * @param contact  the order's phones as read for §17
     */
    public OrderFact(Order order, Instant asOf, ZoneId zone, TriageSettings settings, DeliveryTerms terms,
                     Contact contact) {
        this(order, asOf, LocalDate.ofInstant(asOf, zone), zone, settings, terms, contact);
    }

    /** As the other constructor, with as-of's date in {@code zone} computed once for a whole batch. */
    public OrderFact(Order order, Instant asOf, LocalDate asOfDate, ZoneId zone, TriageSettings settings,
                     DeliveryTerms terms, Contact contact) {
        this.order = order;
        this.settings = settings;
        this.zone = zone;
        this.contact = contact == null ? Contact.NONE : contact;
        this.asOfDate = asOfDate;
        this.sinceCreated = Duration.between(order.createdAt(), asOf);
        this.sinceUpdated = order.updatedAt() == order.createdAt() ? sinceCreated : Duration.between(order.updatedAt(), asOf);
        this.sinceEstimatedDelivery = since(order.estimatedDeliveryAt(), asOf);
        this.sinceStatusChanged = since(order.statusChangedAt(), asOf);
        this.sinceArrived = since(order.arrivedAt(), asOf);
        this.sincePickupCheckin = since(order.pickupCheckinAt(), asOf);
        Integer days = terms == null || order.shippedAt() == null ? null : terms.daysTo(order.locality());
        this.sincePromisedArrival = days == null ? null
                : Duration.between(order.shippedAt().plus(Duration.ofDays(days)), asOf);
        this.cancelReasonKey = TriageSettings.reasonKey(order.cancelReason());
        this.promoKey = TriageSettings.promoKey(order.promo());
    }

    /** An order evaluated in UTC, without delivery terms and without a usable phone. */
    public OrderFact(Order order, Instant asOf, TriageSettings settings) {
        this(order, asOf, ZoneOffset.UTC, settings, null, Contact.NONE);
    }

    private static Duration since(Instant t, Instant asOf) {
        return t == null ? null : Duration.between(t, asOf);
    }

    public Order getOrder() { return order; }
    public String getOrderId() { return order.orderId(); }
    public OrderStatus getOrderStatus() { return order.orderStatus(); }
    public PaymentStatus getPaymentStatus() { return order.paymentStatus(); }
    public ConfirmationStatus getConfirmationStatus() { return order.confirmationStatus(); }
    public boolean isAgeVerified() { return order.ageVerified(); }
    public String getCity() { return order.city(); }
    public String getStore() { return order.store(); }
    public boolean isHasLines() { return !order.lines().isEmpty(); }
    public int getLineCount() { return order.lines().size(); }
    /** True when at least one line is 18+ goods. */
    public boolean isHasAdultLines() {
        for (OrderLine l : order.lines()) {
            if (l.adultOnly()) {
                return true;
            }
        }
        return false;
    }

    /** Neither COMPLETED nor CANCELLED (rulebook Part two). */
    public boolean isOpen() { return order.isOpen(); }
    /** DELIVERY, PICKUP, or {@code null} when the order does not say. */
    public Fulfilment getFulfilment() { return order.fulfilment(); }

    /** The thresholds and switches of the run. */
    public TriageSettings getSettings() { return settings; }
    /** The evaluation zone. */
    public ZoneId getZone() { return zone; }
    /** as-of's date in the evaluation zone. */
    public LocalDate getAsOfDate() { return asOfDate; }

    /** as-of − created_at; negative when the order was created after as-of. */
    public Duration getSinceCreated() { return sinceCreated; }
    /** as-of − updated_at. */
    public Duration getSinceUpdated() { return sinceUpdated; }
    /** as-of − estimated_delivery_at, or {@code null} when no delivery estimate was given. */
    public Duration getSinceEstimatedDelivery() { return sinceEstimatedDelivery; }
    /** as-of − status_changed_at, or {@code null}: how long the order has been in its status (§12, §13). */
    public Duration getSinceStatusChanged() { return sinceStatusChanged; }
    /** as-of − arrived_at, or {@code null} (§11). */
    public Duration getSinceArrived() { return sinceArrived; }
    /** as-of − pickup_checkin_at, or {@code null}: how long the customer has stood at the counter (§13). */
    public Duration getSincePickupCheckin() { return sincePickupCheckin; }
    /**
     * as-of − promised arrival (shipped_at + the locality's days of the delivery terms), or
     * {@code null} when there are no delivery terms, the order was not shipped, or its locality has
     * no promise (§11). Positive: the promise has passed.
     */
    public Duration getSincePromisedArrival() { return sincePromisedArrival; }

    public Instant getShippedAt() { return order.shippedAt(); }
    public Instant getArrivedAt() { return order.arrivedAt(); }
    public Instant getPickupCheckinAt() { return order.pickupCheckinAt(); }
    public Instant getStatusChangedAt() { return order.statusChangedAt(); }
    /** The destination settlement (the city when not given). */
    public String getLocality() { return order.locality(); }
    /** The agreed or chosen delivery date, or {@code null}. */
    public LocalDate getDeliveryDate() { return order.deliveryDate(); }
    /** The date of arrived_at in the evaluation zone, or {@code null}. */
    public LocalDate getArrivalDate() { return order.arrivedAt() == null ? null : LocalDate.ofInstant(order.arrivedAt(), zone); }

    public String getRecipientName() { return order.recipientName(); }
    public String getRecipientPhone() { return order.recipientPhone(); }

    /** The cancellation reason as given, or {@code null}. */
    public String getCancelReason() { return order.cancelReason(); }
    /** The cancellation reason trimmed and upper-cased, as the catalogue compares it, or {@code null}. */
    public String getCancelReasonKey() { return cancelReasonKey; }
    /** The role the catalogue gives the reason, or {@code null} when there is no reason or it is not in the catalogue. */
    public CancellationRole getCancelReasonRole() {
        return cancelReasonKey == null ? null : settings.cancellationReasons().get(cancelReasonKey);
    }
    public CancellationRole getCancelledBy() { return order.cancelledBy(); }

    public BigDecimal getPaidAmount() { return order.paidAmount(); }
    public BigDecimal getDiscount() { return order.discount(); }
    /** The promotion as given, or {@code null}. */
    public String getPromo() { return order.promo(); }
    /** The promotion trimmed and upper-cased, or {@code null}: compare with {@code settings.preorderPromo()}. */
    public String getPromoKey() { return promoKey; }

    /**
     * The order total (§16): {@code Σ qty × unit_price − discount} when the order has at least one
     * line and every line has a unit_price, else {@code null}.
     */
    public BigDecimal getTotal() {
        if (!totalKnown) {
            total = computeTotal(order);
            totalKnown = true;
        }
        return total;
    }

    /**
     * paid_amount − total (§16), or {@code null} when the order has no paid_amount or no total:
     * positive when the customer paid more than the total, negative when less.
     */
    public BigDecimal getOverpayment() {
        if (!overpaymentKnown) {
            BigDecimal t = order.paidAmount() == null ? null : getTotal();
            overpayment = t == null ? null : order.paidAmount().subtract(t);
            overpaymentKnown = true;
        }
        return overpayment;
    }

    /** total − paid_amount (§16), the negation of {@link #getOverpayment()}, or {@code null}. */
    public BigDecimal getUnderpayment() {
        BigDecimal o = getOverpayment();
        return o == null ? null : o.negate();
    }

    private static BigDecimal computeTotal(Order order) {
        List<OrderLine> lines = order.lines();
        if (lines.isEmpty()) {
            return null;
        }
        for (OrderLine l : lines) {
            if (l.unitPrice() == null) {
                return null;
            }
        }
        BigDecimal inLongs = totalInLongs(lines, order.discount());
        return inLongs != null ? inLongs : exactTotal(lines, order.discount());
    }

    /**
     * The total added up in {@code long}s, in units of the largest scale among the unit prices and
     * the discount (no BigDecimal arithmetic per line): the same value and scale as {@link #exactTotal}. The
     * rules of §16 read the total of every paid order. Else {@code null}: a negative scale, or an
     * amount or a sum that does not fit in a {@code long}.
     */
    private static BigDecimal totalInLongs(List<OrderLine> lines, BigDecimal discount) {
        int scale = Math.max(0, discount.scale());
        for (OrderLine l : lines) {
            scale = Math.max(scale, l.unitPrice().scale());
        }
        if (scale >= POWERS_OF_TEN.length) {
            return null;
        }
        try {
            long sum = 0;
            for (OrderLine l : lines) {
                sum = Math.addExact(sum, Math.multiplyExact(units(l.unitPrice(), scale), l.qty()));
            }
            return BigDecimal.valueOf(Math.subtractExact(sum, units(discount, scale)), scale);
        } catch (ArithmeticException tooLarge) {
            return null;
        }
    }

    private static final long[] POWERS_OF_TEN = {1L, 10L, 100L, 1_000L, 10_000L, 100_000L, 1_000_000L,
            10_000_000L, 100_000_000L, 1_000_000_000L, 10_000_000_000L, 100_000_000_000L,
            1_000_000_000_000L, 10_000_000_000_000L, 100_000_000_000_000L, 1_000_000_000_000_000L,
            10_000_000_000_000_000L, 100_000_000_000_000_000L, 1_000_000_000_000_000_000L};

    /** {@code amount × 10^scale} as a long, exact; throws ArithmeticException when it is not. */
    private static long units(BigDecimal amount, int scale) {
        if (amount.scale() < 0) {
            throw new ArithmeticException("negative scale");
        }
        long unscaled = amount.scaleByPowerOfTen(amount.scale()).longValueExact();
        return Math.multiplyExact(unscaled, POWERS_OF_TEN[scale - amount.scale()]);
    }

    private static BigDecimal exactTotal(List<OrderLine> lines, BigDecimal discount) {
        BigDecimal sum = BigDecimal.ZERO;
        for (OrderLine l : lines) {
            sum = sum.add(l.qty() == 1 ? l.unitPrice() : l.unitPrice().multiply(BigDecimal.valueOf(l.qty())));
        }
        return sum.subtract(discount);
    }

    /**
     * The number of working days d with date of created_at &lt; d ≤ delivery_date (§16), by the
     * settings' calendar; 0 when there is no delivery date or it is not after the creation date.
     */
    public int getWorkingDaysAhead() {
        if (workingDaysAhead < 0) {
            workingDaysAhead = workingDays(LocalDate.ofInstant(order.createdAt(), zone), order.deliveryDate(), settings);
        }
        return workingDaysAhead;
    }

    /** Working days d with {@code after} &lt; d ≤ {@code until}: whole weeks at once, then the rest, less holidays. */
    static int workingDays(LocalDate after, LocalDate until, TriageSettings settings) {
        if (until == null || !until.isAfter(after)) {
            return 0;
        }
        long days = ChronoUnit.DAYS.between(after, until);
        long count = days / 7 * 5;
        LocalDate d = after.plusDays(days / 7 * 7);
        while (d.isBefore(until)) {
            d = d.plusDays(1);
            if (d.getDayOfWeek() != DayOfWeek.SATURDAY && d.getDayOfWeek() != DayOfWeek.SUNDAY) {
                count++;
            }
        }
        for (LocalDate h : settings.holidays()) {
            if (h.isAfter(after) && !h.isAfter(until) && h.getDayOfWeek() != DayOfWeek.SATURDAY
                    && h.getDayOfWeek() != DayOfWeek.SUNDAY) {
                count--;
            }
        }
        return (int) Math.min(count, Integer.MAX_VALUE);
    }

    /** The customer's phone in E.164 form, or {@code null} when empty or not a valid number (§17). */
    public String getCustomerPhoneE164() { return contact.phone(); }
    /** True when the customer's phone is a valid number for the configured region (§17). */
    public boolean isCustomerPhoneUsable() { return contact.phone() != null; }
    /** The phones as read for §17. */
    public Contact getContact() { return contact; }

    @Override
    public String toString() {
        return "OrderFact[" + order.orderId() + " " + order.orderStatus() + "/" + order.paymentStatus() + "/"
                + order.confirmationStatus() + "]";
    }
}
