package io.ordertriage.model;

import java.util.Objects;

/**
 * One thing about an order that a rule raised (rulebook §2).
 *
 * @param code         stable identifier, for example {@code CANCELLED_BUT_PAID}
 * @param priority     how urgent it is
 * @param action       what the operator should do
 * @param sku          the line it is about, or {@code null} for an order-level finding
 * @param rule         the name of the rule that raised it
 * @param message      a sentence for the operator
 * @param acknowledged an operator acknowledged this order's findings of this code, and the acknowledgement
 *                     holds at as-of (rulebook §18): the finding stays in the result but no longer counts
 *                     for the verdict or the priority
 */
public record Finding(String code, Priority priority, Action action, String sku, String rule, String message,
                      boolean acknowledged) {
    public Finding {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(priority, "priority");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(message, "message");
    }

    /** A finding that is not acknowledged. */
    public Finding(String code, Priority priority, Action action, String sku, String rule, String message) {
        this(code, priority, action, sku, rule, message, false);
    }

    /** This finding, acknowledged. */
    public Finding acknowledge() {
        return acknowledged ? this : new Finding(code, priority, action, sku, rule, message, true);
    }

    /** True when the finding counts for the verdict: P1–P3 and not acknowledged. */
    public boolean needsAttention() {
        return !acknowledged && priority.needsAttention();
    }
}
