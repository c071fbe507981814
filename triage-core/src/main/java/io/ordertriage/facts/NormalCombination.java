package io.ordertriage.facts;

/**
 * Derived fact: the order's statuses form the normal combination {@code id} (rulebook §3), so it gets
 * no status finding and its result names the combination.
 */
public final class NormalCombination implements OfOrder {
    private final OrderFact order;
    private final String id;

    public NormalCombination(OrderFact order, String id) {
        this.order = order;
        this.id = id;
    }

    public OrderFact getOrder() { return order; }
    /** For example {@code N06}. */
    public String getId() { return id; }

    @Override
    public String toString() {
        return "NormalCombination[" + order.getOrderId() + " " + id + "]";
    }
}
