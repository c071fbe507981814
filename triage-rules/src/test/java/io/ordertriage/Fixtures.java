package io.ordertriage;

import io.ordertriage.model.ConfirmationStatus;
import io.ordertriage.model.Finding;
import io.ordertriage.model.Order;
import io.ordertriage.model.OrderStatus;
import io.ordertriage.model.PaymentStatus;
import io.ordertriage.model.TriageResult;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/** Shared test fixtures: a fixed as-of instant, order builders, and engines built once per JVM. */
public final class Fixtures {
    /** The as-of instant of every test; tests never read the wall clock. */
    public static final Instant AS_OF = Instant.parse("2026-03-10T12:00:00Z");
    public static final Clock CLOCK = Clock.fixed(AS_OF, ZoneOffset.UTC);

    private Fixtures() {
    }

    /** The default rules with default settings and no price list, built once. */
    public static TriageEngine engine() {
        return DefaultEngine.INSTANCE;
    }

    private static final class DefaultEngine {
        static final TriageEngine INSTANCE = TriageEngine.builder().clock(CLOCK).build();
    }

    /** A fresh order created one minute before as-of, with the given statuses and no lines. */
    public static Order.Builder order(String id, OrderStatus os, PaymentStatus ps, ConfirmationStatus cs) {
        return Order.builder(id).createdAt(AS_OF.minusSeconds(60)).statuses(os, ps, cs);
    }

    public static List<String> codes(TriageResult r) {
        return r.findings().stream().map(Finding::code).toList();
    }
}
