package io.ordertriage.facts;

import io.ordertriage.model.Action;
import io.ordertriage.model.Finding;
import io.ordertriage.model.Priority;

/**
 * A finding raised by a rule, tied to its order (and line). Rules insert these; the engine collects
 * every one left in working memory when the rules are done into the order's result.
 *
 * <pre>
 * insertLogical(FindingFact.forLine($l, "AGE_NOT_VERIFIED", Priority.P2, Action.VERIFY_AGE,
 *         drools.getRule().getName(), "adult item " + $l.getSku() + " for an unverified customer"));
 * </pre>
 */
public final class FindingFact implements OfOrder {
    private final OrderFact order;
    private final LineFact line;
    private final Finding finding;

    private FindingFact(OrderFact order, LineFact line, Finding finding) {
        this.order = order;
        this.line = line;
        this.finding = finding;
    }

    /** An order-level finding (no sku). */
    public static FindingFact forOrder(OrderFact order, String code, Priority priority, Action action,
                                       String rule, String message) {
        return new FindingFact(order, null, new Finding(code, priority, action, null, rule, message));
    }

    /** A finding about one line; it carries the line's sku. */
    public static FindingFact forLine(LineFact line, String code, Priority priority, Action action,
                                      String rule, String message) {
        return new FindingFact(line.getOrder(), line, new Finding(code, priority, action, line.getSku(), rule, message));
    }

    public OrderFact getOrder() { return order; }
    /** The line it is about, or {@code null} for an order-level finding. */
    public LineFact getLine() { return line; }
    public Finding getFinding() { return finding; }
    public String getCode() { return finding.code(); }
    public Priority getPriority() { return finding.priority(); }
    public Action getAction() { return finding.action(); }

    @Override
    public String toString() {
        return "FindingFact[" + order.getOrderId() + " " + finding.code() + (line == null ? "" : " " + line.getSku()) + "]";
    }
}
