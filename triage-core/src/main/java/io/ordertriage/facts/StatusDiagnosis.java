package io.ordertriage.facts;

import io.ordertriage.model.Action;
import io.ordertriage.model.Priority;

/**
 * Derived fact: one diagnosis that applies to an order matching no normal combination
 * (rulebook §3). Several may apply; only the one with the lowest {@code rank} becomes the order's
 * status finding.
 */
public final class StatusDiagnosis implements OfOrder {
    private final OrderFact order;
    private final int rank;
    private final String code;
    private final Priority priority;
    private final Action action;
    private final String rule;
    private final String message;

    public StatusDiagnosis(OrderFact order, int rank, String code, Priority priority, Action action,
                           String rule, String message) {
        this.order = order;
        this.rank = rank;
        this.code = code;
        this.priority = priority;
        this.action = action;
        this.rule = rule;
        this.message = message;
    }

    public OrderFact getOrder() { return order; }
    /** The diagnosis's row in rulebook §3: lower applies first. */
    public int getRank() { return rank; }
    public String getCode() { return code; }
    public Priority getPriority() { return priority; }
    public Action getAction() { return action; }
    /** The name of the rule that made the diagnosis. */
    public String getRule() { return rule; }
    public String getMessage() { return message; }

    /** The finding this diagnosis raises when it is the first that applies. */
    public FindingFact toFinding() {
        return FindingFact.forOrder(order, code, priority, action, rule, message);
    }

    @Override
    public String toString() {
        return "StatusDiagnosis[" + order.getOrderId() + " " + rank + " " + code + "]";
    }
}
