package io.ordertriage.facts;

import io.ordertriage.model.OrderLine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One combo set of an order (rulebook §16): its lines with the same non-empty combo id, and how
 * many there are. The engine inserts one per combo id of every order, as it inserts the lines:
 * grouping lines by an id is reading the order, not a rule, and a rule that grouped them would
 * join every combo line with the others of its order.
 */
public final class ComboSet implements OfOrder {
    private final OrderFact order;
    private final String comboId;
    private final int lines;

    public ComboSet(OrderFact order, String comboId, int lines) {
        this.order = order;
        this.comboId = comboId;
        this.lines = lines;
    }

    /** The order's combo sets, in the order their first lines appear; empty when no line has a combo id. */
    public static List<ComboSet> of(OrderFact order) {
        Map<String, Integer> counts = null;
        for (OrderLine line : order.getOrder().lines()) {
            if (line.comboId() != null) {
                if (counts == null) {
                    counts = new LinkedHashMap<>(4);
                }
                counts.merge(line.comboId(), 1, Integer::sum);
            }
        }
        if (counts == null) {
            return List.of();
        }
        List<ComboSet> sets = new ArrayList<>(counts.size());
        counts.forEach((id, n) -> sets.add(new ComboSet(order, id, n)));
        return sets;
    }

    public OrderFact getOrder() { return order; }
    public String getComboId() { return comboId; }
    /** How many of the order's lines carry this combo id. */
    public int getLines() { return lines; }

    @Override
    public String toString() {
        return "ComboSet[" + order.getOrderId() + " " + comboId + " " + lines + " lines]";
    }
}
