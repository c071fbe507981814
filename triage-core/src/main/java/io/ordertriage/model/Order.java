package io.ordertriage.model;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One order: order-level fields and zero or more lines (rulebook §1). Build one with
 * {@link #builder(String)}.
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
 * @param lines               immutable; may be empty
 */
public record Order(String orderId, Instant createdAt, Instant updatedAt, String city, String store,
                    OrderStatus orderStatus, PaymentStatus paymentStatus, ConfirmationStatus confirmationStatus,
                    boolean ageVerified, String customerPhone, Instant estimatedDeliveryAt, List<OrderLine> lines) {

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
        lines = lines == null ? List.of() : List.copyOf(lines);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    /** A builder with the rulebook's defaults; order id, created_at and both statuses are required. */
    public static Builder builder(String orderId) {
        return new Builder(orderId);
    }

    /** A builder holding this order's values, to derive a changed copy. */
    public Builder toBuilder() {
        Builder b = new Builder(orderId).createdAt(createdAt).updatedAt(updatedAt).city(city).store(store)
                .orderStatus(orderStatus).paymentStatus(paymentStatus).confirmationStatus(confirmationStatus)
                .ageVerified(ageVerified).customerPhone(customerPhone).estimatedDeliveryAt(estimatedDeliveryAt);
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

        /** Sets the three statuses at once. */
        public Builder statuses(OrderStatus order, PaymentStatus payment, ConfirmationStatus confirmation) {
            return orderStatus(order).paymentStatus(payment).confirmationStatus(confirmation);
        }

        public Builder line(OrderLine line) { this.lines.add(Objects.requireNonNull(line, "line")); return this; }

        public Builder lines(List<OrderLine> lines) {
            this.lines.clear();
            lines.forEach(this::line);
            return this;
        }

        public Order build() {
            return new Order(orderId, createdAt, updatedAt, city, store, orderStatus, paymentStatus, confirmationStatus,
                    ageVerified, customerPhone, estimatedDeliveryAt, lines);
        }
    }
}
