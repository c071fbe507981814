/**
 * The facts that rules match on and insert: the vocabulary of rule files.
 *
 * <p>The engine inserts one {@link io.ordertriage.facts.OrderFact} per order and one
 * {@link io.ordertriage.facts.LineFact} per line. Rules derive facts
 * ({@link io.ordertriage.facts.NormalCombination}, {@link io.ordertriage.facts.StatusDiagnosis})
 * and raise {@link io.ordertriage.facts.FindingFact}s; they never modify a fact they matched.
 * Every threshold comes from the run's settings, a property of each order:
 * {@code OrderFact(sinceCreated > settings.paymentTimeout())}, {@code LineFact(order.settings…)}.
 */
package io.ordertriage.facts;
