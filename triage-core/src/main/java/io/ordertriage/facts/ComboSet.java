package io.ordertriage.facts;

/**
 * Derived fact: the order has lines with this combo id, which together are one combo set
 * (rulebook §16).
 */
public final class ComboSet implements OfOrder {
    private final OrderFact order;
    private final String comboId;

    public ComboSet(OrderFact order, String comboId) {
        this.order = order;
        this.comboId = comboId;
    }

    public OrderFact getOrder() { return order; }
    public String getComboId() { return comboId; }

    @Override
    public String toString() {
        return "ComboSet[" + order.getOrderId() + " " + comboId + "]";
    }
}
