package io.ordertriage.model;

import java.time.Instant;
import java.util.Objects;

/**
 * An operator dealt with an order's findings of one code, or decided to live with them (rulebook
 * §18). It holds while {@code until} is empty or later than as-of: {@code until} equal to as-of
 * has lapsed.
 *
 * @param orderId the order
 * @param code    the finding code, matched exactly (codes are upper case)
 * @param until   when it lapses, or {@code null} for never
 * @param note    why, for people; may be {@code null}
 */
public record Acknowledgement(String orderId, String code, Instant until, String note) {
    public Acknowledgement {
        if (orderId == null || orderId.isBlank()) {
            throw new IllegalArgumentException("an acknowledgement needs an order_id");
        }
        if (code == null || code.isBlank()) {
            throw new IllegalArgumentException("an acknowledgement of order " + orderId + " needs a code");
        }
        orderId = orderId.strip();
        code = code.strip();
        note = note == null || note.isBlank() ? null : note;
    }

    /** True when the acknowledgement holds at {@code asOf}: no end, or an end later than it. */
    public boolean holdsAt(Instant asOf) {
        Objects.requireNonNull(asOf, "asOf");
        return until == null || until.isAfter(asOf);
    }
}
