package io.ordertriage.facts;

import io.ordertriage.model.OrderLine;

import java.math.BigDecimal;

/**
 * One order line as the rules see it: it knows its order, so that a line rule is a single pattern
 * ({@code LineFact(adultOnly, order.ageVerified == false)}), and it carries the city reference
 * price looked up in the engine's price list.
 */
public final class LineFact implements OfOrder {
    private final OrderFact order;
    private final OrderLine line;
    private final int index;
    private final BigDecimal cityReferencePrice;

    public LineFact(OrderFact order, OrderLine line, int index, BigDecimal cityReferencePrice) {
        this.order = order;
        this.line = line;
        this.index = index;
        this.cityReferencePrice = cityReferencePrice;
    }

    public OrderFact getOrder() { return order; }
    public OrderLine getLine() { return line; }
    /** Position of the line in its order, from 0. */
    public int getIndex() { return index; }
    public String getSku() { return line.sku(); }
    public int getQty() { return line.qty(); }
    /** What the customer pays for one unit, or {@code null}. */
    public BigDecimal getUnitPrice() { return line.unitPrice(); }
    public boolean isAdultOnly() { return line.adultOnly(); }
    public boolean isKeyItem() { return line.keyItem(); }
    public String getLineGroup() { return line.lineGroup(); }
    public boolean isAvailable() { return line.available(); }
    /** The accepted substitute's sku, or {@code null}. */
    public String getSubstituteSku() { return line.substituteSku(); }
    public boolean isSubstituteAvailable() { return line.substituteAvailable(); }
    /** The combo set the line belongs to (§16), or {@code null}. */
    public String getComboId() { return line.comboId(); }

    /**
     * The maximum price of this sku over the stores of the order's city (rulebook §1, "Price list"),
     * or {@code null} when there is no price list, the order has no city, or the sku has no price in
     * that city (it is not in the city's assortment).
     */
    public BigDecimal getCityReferencePrice() { return cityReferencePrice; }

    @Override
    public String toString() {
        return "LineFact[" + order.getOrderId() + "#" + index + " " + line.sku() + "]";
    }
}
