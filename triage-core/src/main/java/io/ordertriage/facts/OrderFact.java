package io.ordertriage.facts;

import io.ordertriage.model.ConfirmationStatus;
import io.ordertriage.model.Order;
import io.ordertriage.model.OrderStatus;
import io.ordertriage.model.PaymentStatus;

import java.time.Duration;
import java.time.Instant;

/**
 * An order as the rules see it: the order's fields plus the time elapsed since each of its
 * timestamps, measured at the run's as-of instant (rulebook §1, "Evaluation clock").
 *
 * <p>The engine inserts one per order. Rules match on it, never change it.
 */
public final class OrderFact {
    private final Order order;
    private final Duration sinceCreated;
    private final Duration sinceUpdated;
    private final Duration sinceEstimatedDelivery;

    public OrderFact(Order order, Instant asOf) {
        this.order = order;
        this.sinceCreated = Duration.between(order.createdAt(), asOf);
        this.sinceUpdated = Duration.between(order.updatedAt(), asOf);
        this.sinceEstimatedDelivery = order.estimatedDeliveryAt() == null
                ? null : Duration.between(order.estimatedDeliveryAt(), asOf);
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

    /** as-of − created_at; negative when the order was created after as-of. */
    public Duration getSinceCreated() { return sinceCreated; }
    /** as-of − updated_at. */
    public Duration getSinceUpdated() { return sinceUpdated; }
    /** as-of − estimated_delivery_at, or {@code null} when no delivery estimate was given. */
    public Duration getSinceEstimatedDelivery() { return sinceEstimatedDelivery; }

    @Override
    public String toString() {
        return "OrderFact[" + order.orderId() + " " + order.orderStatus() + "/" + order.paymentStatus() + "/"
                + order.confirmationStatus() + "]";
    }
}
