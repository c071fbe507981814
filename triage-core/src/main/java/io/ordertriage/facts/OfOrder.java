package io.ordertriage.facts;

/**
 * A fact about one order: a line, or a fact a rule derives for an order or a line. The engine uses it
 * to tell which order a rule fired for ({@code --rule-stats}); a rule author's own fact type may
 * implement it to be counted the same way.
 */
public interface OfOrder {
    /** The order this fact is about. */
    OrderFact getOrder();
}
