package io.ordertriage.model;

import java.util.Objects;

/**
 * The resolved basket's decision for one line (rulebook §7).
 *
 * @param sku           the line's sku
 * @param decision      keep it, replace it by its substitute, or remove it
 * @param substituteSku the substitute's sku when the decision is {@link LineDecision#SUBSTITUTE}, else {@code null}
 */
public record LineResolution(String sku, LineDecision decision, String substituteSku) {
    public LineResolution {
        Objects.requireNonNull(sku, "sku");
        Objects.requireNonNull(decision, "decision");
        if ((decision == LineDecision.SUBSTITUTE) != (substituteSku != null)) {
            throw new IllegalArgumentException(
                    "substituteSku must be given exactly when the decision is SUBSTITUTE, got "
                            + decision + " with substituteSku " + substituteSku);
        }
    }
}
