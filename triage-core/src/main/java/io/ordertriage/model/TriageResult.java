package io.ordertriage.model;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * How one order was classified (rulebook §2, §7, §8). Immutable.
 *
 * @param orderId           the order's id
 * @param createdAt         the order's created_at, kept for ordering a work queue
 * @param verdict           {@link Verdict#ATTENTION} exactly when a P1–P3 finding that is not acknowledged exists
 * @param priority          the most urgent unacknowledged P1–P3 finding's priority, or {@code null} when the
 *                          verdict is OK
 * @param normalCombination the normal status combination the order matched (for example {@code N06}),
 *                          or {@code null} when it matched none
 * @param findings          most urgent first, then by line, then by code
 * @param basket            the resolved basket, one entry per line in the order's line order; empty when
 *                          the substitution rules did not run for this order
 * @param contact           the customer's and the recipient's phones and WhatsApp links (§17); never null
 */
public record TriageResult(String orderId, Instant createdAt, Verdict verdict, Priority priority,
                           String normalCombination, List<Finding> findings, List<LineResolution> basket,
                           Contact contact) {

    /**
     * The order of a work queue (rulebook §8): by priority (P1 first, OK orders last), then oldest
     * created_at first, then by order id.
     */
    public static final Comparator<TriageResult> WORK_QUEUE_ORDER = Comparator
            .comparing(TriageResult::priority, Comparator.nullsLast(Comparator.<Priority>naturalOrder()))
            .thenComparing(TriageResult::createdAt)
            .thenComparing(TriageResult::orderId);

    public TriageResult {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(verdict, "verdict");
        findings = List.copyOf(findings);
        basket = List.copyOf(basket);
        contact = contact == null ? Contact.NONE : contact;
        boolean attention = false;
        for (Finding f : findings) {
            attention |= f.needsAttention();
        }
        if (attention != (verdict == Verdict.ATTENTION)) {
            throw new IllegalArgumentException("verdict " + verdict + " contradicts findings " + findings);
        }
        if ((priority == null) != (verdict == Verdict.OK)) {
            throw new IllegalArgumentException("priority " + priority + " contradicts verdict " + verdict);
        }
    }

    /** A result without contact details. */
    public TriageResult(String orderId, Instant createdAt, Verdict verdict, Priority priority,
                        String normalCombination, List<Finding> findings, List<LineResolution> basket) {
        this(orderId, createdAt, verdict, priority, normalCombination, findings, basket, Contact.NONE);
    }

    /** True when the order needs a person. */
    public boolean needsAttention() {
        return verdict == Verdict.ATTENTION;
    }
}
