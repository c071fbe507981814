package io.ordertriage.facts;

import io.ordertriage.TriageSettings;
import io.ordertriage.model.ConfirmationStatus;
import io.ordertriage.model.Order;
import io.ordertriage.model.OrderStatus;
import io.ordertriage.model.PaymentStatus;

import java.time.Duration;
import java.time.Instant;

/**
 * An order as the rules see it: the order's fields, the time elapsed since each of its timestamps
 * measured at the run's as-of instant (rulebook §1, "Evaluation clock"), and the {@code settings}
 * whose thresholds the rules compare them with: {@code OrderFact(sinceCreated > settings.paymentTimeout())}.
 * (The settings are a property of the fact rather than a global so that such a constraint is a test
 * on one fact, which Drools evaluates far more cheaply than one that also reads a global.)
 *
 * <p>The engine inserts one per order. Rules match on it, never change it.
 */
public final class OrderFact {
    private final Order order;
    private final Duration sinceCreated;
    private final Duration sinceUpdated;
    private final Duration sinceEstimatedDelivery;
    private final TriageSettings settings;

    public OrderFact(Order order, Instant asOf, TriageSettings settings) {
        this.order = order;
        this.settings = settings;
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

    /** The thresholds and switches of the run. */
    public TriageSettings getSettings() { return settings; }

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
