package io.ordertriage.facts;

import io.ordertriage.model.OrderLine;

import java.math.BigDecimal;

/**
 * A line that belongs to a combo set (§16: its {@code comboId} is set). Every rule about lines sees
 * it as a {@link LineFact}; rules about combos match {@code ComboLineFact} itself, so the network
 * sends only combo lines to them (a test such as {@code LineFact(comboId != null)} would be
 * evaluated on every line of every order).
 */
public final class ComboLineFact extends LineFact {
    public ComboLineFact(OrderFact order, OrderLine line, int index, BigDecimal cityReferencePrice) {
        super(order, line, index, cityReferencePrice);
        if (line.comboId() == null) {
            throw new IllegalArgumentException("line " + index + " of order " + order.getOrderId() + " has no combo id");
        }
    }
}
