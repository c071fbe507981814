package io.ordertriage.facts;

import io.ordertriage.model.LineDecision;
import io.ordertriage.model.LineResolution;

/**
 * Derived fact: the resolved basket removes one line, or replaces it by its accepted substitute
 * (rulebook §7). A line of a resolved {@link Basket} without a decision is kept.
 */
public final class BasketDecision implements OfOrder {
    private final LineFact line;
    private final LineDecision decision;

    public BasketDecision(LineFact line, LineDecision decision) {
        this.line = line;
        this.decision = decision;
    }

    public LineFact getLine() { return line; }
    public OrderFact getOrder() { return line.getOrder(); }
    public LineDecision getDecision() { return decision; }
    public String getLineGroup() { return line.getLineGroup(); }

    public LineResolution toResolution() {
        return new LineResolution(line.getSku(), decision,
                decision == LineDecision.SUBSTITUTE ? line.getSubstituteSku() : null);
    }

    @Override
    public String toString() {
        return "BasketDecision[" + line + " " + decision + "]";
    }
}
