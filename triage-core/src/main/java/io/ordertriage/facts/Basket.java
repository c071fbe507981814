package io.ordertriage.facts;

/**
 * Derived fact: the substitution rules resolved this order's basket (rulebook §7). Every line of the
 * order without a {@link BasketDecision} is kept; the others are removed or substituted.
 */
public final class Basket implements OfOrder {
    private final OrderFact order;

    public Basket(OrderFact order) {
        this.order = order;
    }

    public OrderFact getOrder() { return order; }

    @Override
    public String toString() {
        return "Basket[" + order.getOrderId() + "]";
    }
}
