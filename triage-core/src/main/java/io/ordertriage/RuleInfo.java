package io.ordertriage;

import java.util.Optional;

/**
 * A rule an engine runs ({@link TriageEngine#rules()}): its DRL package and name, where it is written,
 * and whether it is one of the default rules or an extra one.
 *
 * @param packageName the rule's DRL package
 * @param name        the rule's name
 * @param source      the DRL it is written in: a default rule's resource ({@code io/ordertriage/rules/timers/timers.drl}),
 *                    an extra rule's file as given to {@link TriageEngine.Builder#addRules}
 * @param line        the 1-based line of its {@code rule} keyword, or 0 when the source does not say
 * @param extra       true for a rule added with {@link TriageEngine.Builder#addRules}
 */
public record RuleInfo(String packageName, String name, String source, int line, boolean extra) {
    /** The default pack whose package the rule is in; empty for a rule in a package of its own. */
    public Optional<RulePack> pack() {
        for (RulePack p : RulePack.values()) {
            if (p.packageName().equals(packageName)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
