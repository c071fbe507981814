package io.ordertriage.model;

import java.util.Objects;

/**
 * One thing about an order that a rule raised (rulebook §2).
 *
 * @param code     stable identifier, for example {@code CANCELLED_BUT_PAID}
 * @param priority how urgent it is
 * @param action   what the operator should do
 * @param sku      the line it is about, or {@code null} for an order-level finding
 * @param rule     the name of the rule that raised it
 * @param message  a sentence for the operator
 */
public record Finding(String code, Priority priority, Action action, String sku, String rule, String message) {
    public Finding {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(priority, "priority");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(message, "message");
    }
}
