/**
 * The facts that rules match on and insert: the vocabulary of rule files.
 *
 * <p>The engine inserts one {@link io.ordertriage.facts.OrderFact} per order and one
 * {@link io.ordertriage.facts.LineFact} per line. Rules derive facts
 * ({@link io.ordertriage.facts.NormalCombination}, {@link io.ordertriage.facts.StatusDiagnosis})
 * and raise {@link io.ordertriage.facts.FindingFact}s; they never modify a fact they matched.
 * A rule file uses the global {@code settings} ({@link io.ordertriage.TriageSettings}) for every
 * threshold.
 */
package io.ordertriage.facts;
