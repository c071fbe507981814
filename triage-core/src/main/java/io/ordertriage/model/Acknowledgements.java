package io.ordertriage.model;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Acknowledged findings by order and code (rulebook §18). Several acknowledgements of the same
 * order and code acknowledge when any of them holds. Immutable.
 */
public final class Acknowledgements {
    /** None. */
    public static final Acknowledgements NONE = new Acknowledgements(List.of());

    private final List<Acknowledgement> all;
    private final Map<String, Map<String, List<Acknowledgement>>> byOrder;

    private Acknowledgements(Collection<Acknowledgement> acks) {
        this.all = List.copyOf(acks);
        Map<String, Map<String, List<Acknowledgement>>> m = new HashMap<>();
        for (Acknowledgement a : all) {
            m.computeIfAbsent(a.orderId(), k -> new HashMap<>()).computeIfAbsent(a.code(), k -> new ArrayList<>(1)).add(a);
        }
        this.byOrder = Collections.unmodifiableMap(m);
    }

    public static Acknowledgements of(Collection<Acknowledgement> acks) {
        return acks.isEmpty() ? NONE : new Acknowledgements(acks);
    }

    /** Every acknowledgement, in the order given. */
    public List<Acknowledgement> all() {
        return all;
    }

    public boolean isEmpty() {
        return all.isEmpty();
    }

    /** True when the order has at least one acknowledgement, holding or not. */
    public boolean mentions(String orderId) {
        return byOrder.containsKey(orderId);
    }

    /** The acknowledgement of {@code orderId}'s findings of {@code code} that holds at {@code asOf}, or {@code null}. */
    public Acknowledgement holding(String orderId, String code, Instant asOf) {
        Map<String, List<Acknowledgement>> codes = byOrder.get(orderId);
        if (codes == null) {
            return null;
        }
        List<Acknowledgement> acks = codes.get(code);
        if (acks == null) {
            return null;
        }
        Acknowledgement best = null;
        for (Acknowledgement a : acks) {
            if (a.holdsAt(asOf) && (best == null || best.until() != null && (a.until() == null || a.until().isAfter(best.until())))) {
                best = a;
            }
        }
        return best;
    }
}
