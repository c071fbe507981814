package io.ordertriage.model;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

    /**
     * This result as the JSON object of rulebook §8, as maps, lists and texts for any JSON writer:
     * {@code orderId, verdict, priority, normalCombination, findings} (each {@code code, priority,
     * action, sku, rule, message, acknowledged}), then {@code createdAt}, the {@code basket} and the
     * {@code contact} (§17). The CLI's JSON formats and triage-streams' output topic write it.
     */
    public Map<String, Object> toJsonObject() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("orderId", orderId);
        m.put("verdict", verdict.name());
        m.put("priority", priority == null ? null : priority.name());
        m.put("normalCombination", normalCombination);
        List<Map<String, Object>> fs = new ArrayList<>();
        for (Finding f : findings) {
            Map<String, Object> fm = new LinkedHashMap<>();
            fm.put("code", f.code());
            fm.put("priority", f.priority().name());
            fm.put("action", f.action().name());
            fm.put("sku", f.sku());
            fm.put("rule", f.rule());
            fm.put("message", f.message());
            fm.put("acknowledged", f.acknowledged());
            fs.add(fm);
        }
        m.put("findings", fs);
        m.put("createdAt", createdAt.toString());
        List<Map<String, Object>> lines = new ArrayList<>();
        for (LineResolution l : basket) {
            Map<String, Object> lm = new LinkedHashMap<>();
            lm.put("sku", l.sku());
            lm.put("decision", l.decision().name());
            lm.put("substituteSku", l.substituteSku());
            lines.add(lm);
        }
        m.put("basket", lines);
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("phone", contact.phone());
        c.put("whatsapp", contact.whatsapp());
        c.put("recipientPhone", contact.recipientPhone());
        c.put("recipientWhatsapp", contact.recipientWhatsapp());
        m.put("contact", c);
        return m;
    }
}
