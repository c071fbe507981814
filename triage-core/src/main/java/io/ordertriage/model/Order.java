package io.ordertriage.model;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One order: order-level fields and zero or more lines (rulebook §1). Build one with
 * {@link #builder(String)}. Every field of part two (§11–§18) is optional.
 *
 * @param orderId             unique within one input; never blank
 * @param createdAt           when the order was placed
 * @param updatedAt           time of the last status change; defaults to {@code createdAt}
 * @param city                needed by the pricing checks, or {@code null}
 * @param store               or {@code null}
 * @param orderStatus         required
 * @param paymentStatus       required
 * @param confirmationStatus  defaults to {@link ConfirmationStatus#NOT_REQUIRED}
 * @param ageVerified         the customer's 18+ status is confirmed
 * @param customerPhone       or {@code null}
 * @param estimatedDeliveryAt promised arrival, or {@code null}
 * @param fulfilment          DELIVERY or PICKUP, or {@code null} when not stated (§11 and §13 do not run)
 * @param statusChangedAt     when the order entered its current status, or {@code null} (§12, §13)
 * @param shippedAt           handed over to the delivery service, or {@code null} (§11)
 * @param locality            the delivery destination's settlement; defaults to {@code city} (§11)
 * @param arrivedAt           the parcel reached the destination locality, or {@code null} (§11)
 * @param deliveryDate        the date to deliver or collect on, or {@code null} (§11, §16)
 * @param pickupCheckinAt     the customer checked in at the pickup terminal, or {@code null} (§13)
 * @param recipientName       someone other than the buyer receives the order, or {@code null} (§14)
 * @param recipientPhone      the recipient's phone, or {@code null} (§14, §17)
 * @param cancelReason        a code of the cancellation catalogue as given, or {@code null} (§15)
 * @param cancelledBy         the role that cancelled the order, or {@code null} (§15)
 * @param paidAmount          what the customer has paid, or {@code null}; never negative, within {@link Amounts} (§16)
 * @param discount            order-level discount; defaults to 0; never negative, within {@link Amounts} (§16)
 * @param promo               the promotion applied, for example {@code PREORDER}, or {@code null} (§16)
 * @param lines               immutable; may be empty
 */
public record Order(String orderId, Instant createdAt, Instant updatedAt, String city, String store,
                    OrderStatus orderStatus, PaymentStatus paymentStatus, ConfirmationStatus confirmationStatus,
                    boolean ageVerified, String customerPhone, Instant estimatedDeliveryAt,
                    Fulfilment fulfilment, Instant statusChangedAt, Instant shippedAt, String locality,
                    Instant arrivedAt, LocalDate deliveryDate, Instant pickupCheckinAt,
                    String recipientName, String recipientPhone, String cancelReason, CancellationRole cancelledBy,
                    BigDecimal paidAmount, BigDecimal discount, String promo,
                    List<OrderLine> lines) {

    public Order {
        if (orderId == null || orderId.isBlank()) {
            throw new IllegalArgumentException("order_id is required, got " + (orderId == null ? "null" : "\"" + orderId + "\""));
        }
        Objects.requireNonNull(createdAt, () -> "created_at is required (order " + orderId + ")");
        Objects.requireNonNull(orderStatus, () -> "order_status is required (order " + orderId + ")");
        Objects.requireNonNull(paymentStatus, () -> "payment_status is required (order " + orderId + ")");
        updatedAt = updatedAt == null ? createdAt : updatedAt;
        confirmationStatus = confirmationStatus == null ? ConfirmationStatus.NOT_REQUIRED : confirmationStatus;
        city = blankToNull(city);
        store = blankToNull(store);
        customerPhone = blankToNull(customerPhone);
        locality = blankToNull(locality);
        locality = locality == null ? city : locality;
        recipientName = blankToNull(recipientName);
        recipientPhone = blankToNull(recipientPhone);
        cancelReason = blankToNull(cancelReason);
        promo = blankToNull(promo);
        if (paidAmount != null && paidAmount.signum() < 0) {
            throw new IllegalArgumentException("paid_amount of order " + orderId + " must not be negative, got " + paidAmount);
        }
        Amounts.requireWithinBounds(paidAmount, "paid_amount of order " + orderId);
        discount = discount == null ? BigDecimal.ZERO : discount;
        if (discount.signum() < 0) {
            throw new IllegalArgumentException("discount of order " + orderId + " must not be negative, got " + discount);
        }
        Amounts.requireWithinBounds(discount, "discount of order " + orderId);
        lines = List.copyOf(requireLines(lines, orderId));
    }

    /** {@code lines} itself, refused when it or one of its elements is null, naming which. */
    private static List<OrderLine> requireLines(List<OrderLine> lines, String orderId) {
        if (lines == null) {
            throw new NullPointerException("lines of order " + orderId + " is null; give List.of() for an order without lines");
        }
        int i = 0;
        for (OrderLine line : lines) {
            if (line == null) {
                throw new NullPointerException("lines[" + i + "] of order " + orderId + " is null");
            }
            i++;
        }
        return lines;
    }

    /** An order with the fields of rulebook §1–§10 only; every field of part two is empty. */
    public Order(String orderId, Instant createdAt, Instant updatedAt, String city, String store,
                 OrderStatus orderStatus, PaymentStatus paymentStatus, ConfirmationStatus confirmationStatus,
                 boolean ageVerified, String customerPhone, Instant estimatedDeliveryAt, List<OrderLine> lines) {
        this(orderId, createdAt, updatedAt, city, store, orderStatus, paymentStatus, confirmationStatus, ageVerified,
                customerPhone, estimatedDeliveryAt, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, lines);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    /** True when the order is neither COMPLETED nor CANCELLED (rulebook Part two, "open"). */
    public boolean isOpen() {
        return orderStatus != OrderStatus.COMPLETED && orderStatus != OrderStatus.CANCELLED;
    }

    /** A builder with the rulebook's defaults; order id, created_at and both statuses are required. */
    public static Builder builder(String orderId) {
        return new Builder(orderId);
    }

    /** A builder holding this order's values, to derive a changed copy. */
    public Builder toBuilder() {
        Builder b = new Builder(orderId).createdAt(createdAt).updatedAt(updatedAt).city(city).store(store)
                .orderStatus(orderStatus).paymentStatus(paymentStatus).confirmationStatus(confirmationStatus)
                .ageVerified(ageVerified).customerPhone(customerPhone).estimatedDeliveryAt(estimatedDeliveryAt)
                .fulfilment(fulfilment).statusChangedAt(statusChangedAt).shippedAt(shippedAt)
                .locality(locality == null || locality.equals(city) ? null : locality)
                .arrivedAt(arrivedAt).deliveryDate(deliveryDate).pickupCheckinAt(pickupCheckinAt)
                .recipient(recipientName, recipientPhone).cancellation(cancelReason, cancelledBy)
                .paidAmount(paidAmount).discount(discount).promo(promo);
        b.lines.addAll(lines);
        return b;
    }

    /** Builds an {@link Order}; not thread-safe. */
    public static final class Builder {
        private final String orderId;
        private Instant createdAt;
        private Instant updatedAt;
        private String city;
        private String store;
        private OrderStatus orderStatus;
        private PaymentStatus paymentStatus;
        private ConfirmationStatus confirmationStatus = ConfirmationStatus.NOT_REQUIRED;
        private boolean ageVerified;
        private String customerPhone;
        private Instant estimatedDeliveryAt;
        private Fulfilment fulfilment;
        private Instant statusChangedAt;
        private Instant shippedAt;
        private String locality;
        private Instant arrivedAt;
        private LocalDate deliveryDate;
        private Instant pickupCheckinAt;
        private String recipientName;
        private String recipientPhone;
        private String cancelReason;
        private CancellationRole cancelledBy;
        private BigDecimal paidAmount;
        private BigDecimal discount;
        private String promo;
        private final List<OrderLine> lines = new ArrayList<>();

        private Builder(String orderId) {
            this.orderId = orderId;
        }

        public Builder createdAt(Instant createdAt) { this.createdAt = createdAt; return this; }
        public Builder updatedAt(Instant updatedAt) { this.updatedAt = updatedAt; return this; }
        public Builder city(String city) { this.city = city; return this; }
        public Builder store(String store) { this.store = store; return this; }
        public Builder orderStatus(OrderStatus orderStatus) { this.orderStatus = orderStatus; return this; }
        public Builder paymentStatus(PaymentStatus paymentStatus) { this.paymentStatus = paymentStatus; return this; }
        public Builder confirmationStatus(ConfirmationStatus s) { this.confirmationStatus = s; return this; }
        public Builder ageVerified(boolean ageVerified) { this.ageVerified = ageVerified; return this; }
        public Builder customerPhone(String customerPhone) { this.customerPhone = customerPhone; return this; }
        public Builder estimatedDeliveryAt(Instant at) { this.estimatedDeliveryAt = at; return this; }
        public Builder fulfilment(Fulfilment fulfilment) { this.fulfilment = fulfilment; return this; }
        public Builder statusChangedAt(Instant at) { this.statusChangedAt = at; return this; }
        public Builder shippedAt(Instant at) { this.shippedAt = at; return this; }
        /** The destination settlement; when not set, the order's city. */
        public Builder locality(String locality) { this.locality = locality; return this; }
        public Builder arrivedAt(Instant at) { this.arrivedAt = at; return this; }
        public Builder deliveryDate(LocalDate date) { this.deliveryDate = date; return this; }
        public Builder pickupCheckinAt(Instant at) { this.pickupCheckinAt = at; return this; }
        public Builder recipientName(String name) { this.recipientName = name; return this; }
        public Builder recipientPhone(String phone) { this.recipientPhone = phone; return this; }
        public Builder cancelReason(String reason) { this.cancelReason = reason; return this; }
        public Builder cancelledBy(CancellationRole role) { this.cancelledBy = role; return this; }
        public Builder paidAmount(BigDecimal amount) { this.paidAmount = amount; return this; }
        /** As {@link #paidAmount(BigDecimal)}, from a plain decimal such as {@code "1199.00"}. */
        public Builder paidAmount(String amount) { return paidAmount(Amounts.parse(amount, "paidAmount of order " + orderId)); }
        public Builder discount(BigDecimal discount) { this.discount = discount; return this; }
        /** As {@link #discount(BigDecimal)}, from a plain decimal such as {@code "100.00"}. */
        public Builder discount(String discount) { return discount(Amounts.parse(discount, "discount of order " + orderId)); }
        public Builder promo(String promo) { this.promo = promo; return this; }

        /** Sets the three statuses at once. */
        public Builder statuses(OrderStatus order, PaymentStatus payment, ConfirmationStatus confirmation) {
            return orderStatus(order).paymentStatus(payment).confirmationStatus(confirmation);
        }

        /** Someone other than the buyer receives the order. */
        public Builder recipient(String name, String phone) {
            return recipientName(name).recipientPhone(phone);
        }

        /** Why the order was cancelled, and by whom. */
        public Builder cancellation(String reason, CancellationRole by) {
            return cancelReason(reason).cancelledBy(by);
        }

        public Builder line(OrderLine line) {
            if (line == null) {
                throw new NullPointerException("lines[" + lines.size() + "] of order " + orderId + " is null");
            }
            this.lines.add(line);
            return this;
        }

        /** Replaces the lines; refused as by the constructor when {@code lines} or one of them is null. */
        public Builder lines(List<OrderLine> lines) {
            requireLines(lines, orderId);
            this.lines.clear();
            this.lines.addAll(lines);
            return this;
        }

        public Order build() {
            return new Order(orderId, createdAt, updatedAt, city, store, orderStatus, paymentStatus, confirmationStatus,
                    ageVerified, customerPhone, estimatedDeliveryAt, fulfilment, statusChangedAt, shippedAt, locality,
                    arrivedAt, deliveryDate, pickupCheckinAt, recipientName, recipientPhone, cancelReason, cancelledBy,
                    paidAmount, discount, promo, lines);
        }
    }
}
