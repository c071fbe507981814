package io.ordertriage.facts;

/**
 * Derived fact: a finding asks to call the order's customer, and the customer's phone is empty or
 * not a valid number (rulebook §17). Equal for the same order, so that however many findings ask
 * for a call, the order has one when inserted logically.
 */
public final class UnreachableCustomer implements OfOrder {
    private final OrderFact order;

    public UnreachableCustomer(OrderFact order) {
        this.order = order;
    }

    public OrderFact getOrder() { return order; }

    @Override
    public boolean equals(Object o) {
        return o instanceof UnreachableCustomer u && u.order == order;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(order);
    }

    @Override
    public String toString() {
        return "UnreachableCustomer[" + order.getOrderId() + "]";
    }
}
