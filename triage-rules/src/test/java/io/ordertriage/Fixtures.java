package io.ordertriage;

import io.ordertriage.model.Action;
import io.ordertriage.model.ConfirmationStatus;
import io.ordertriage.model.Finding;
import io.ordertriage.model.Order;
import io.ordertriage.model.OrderStatus;
import io.ordertriage.model.PaymentStatus;
import io.ordertriage.model.Priority;
import io.ordertriage.model.TriageResult;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

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

    /**
     * As {@link #order}, with what rulebook part two expects of a healthy order: a valid phone (§17)
     * and, when cancelled, a reason its role may give (§15). Tests of part one use it so that they
     * see only what they test.
     */
    public static Order.Builder healthyOrder(String id, OrderStatus os, PaymentStatus ps, ConfirmationStatus cs) {
        Order.Builder b = order(id, os, ps, cs).customerPhone("+7 914 584-13-32");
        return os == OrderStatus.CANCELLED ? b.cancellation("CUSTOMER_REFUSED", io.ordertriage.model.CancellationRole.OPERATOR) : b;
    }

    public static List<String> codes(TriageResult r) {
        return r.findings().stream().map(Finding::code).toList();
    }

    /** One second: how far past a threshold the "fires" examples are. */
    public static final Duration ONE_SECOND = Duration.ofSeconds(1);

    /** An engine of the default rules at {@link #CLOCK} with these settings (built anew: building takes a while). */
    public static TriageEngine engine(TriageSettings settings) {
        return TriageEngine.builder().clock(CLOCK).settings(settings).build();
    }

    /** An engine of the default rules at {@link #CLOCK} with one setting changed by key, as {@code --set} does. */
    public static TriageEngine engineWith(String key, String value) {
        return engine(TriageSettings.defaults().with(key, value));
    }

    /** The result's findings of one code. */
    public static List<Finding> findings(TriageResult r, String code) {
        return r.findings().stream().filter(f -> f.code().equals(code)).toList();
    }

    /**
     * Asserts that the result has exactly one finding of {@code code}, with this priority and action, no
     * sku, raised by a rule whose name starts with the code; returns it.
     */
    public static Finding assertRaised(TriageResult r, String code, Priority priority, Action action) {
        List<Finding> fs = findings(r, code);
        assertThat(fs).as("%s in %s", code, r).hasSize(1);
        Finding f = fs.get(0);
        assertThat(f.priority()).as("priority of %s", code).isEqualTo(priority);
        assertThat(f.action()).as("action of %s", code).isEqualTo(action);
        assertThat(f.sku()).as("sku of %s", code).isNull();
        assertThat(f.rule()).as("rule of %s", code).startsWith(code + " ");
        return f;
    }

    /** Asserts that the result has no finding of {@code code}. */
    public static void assertNotRaised(TriageResult r, String code) {
        assertThat(findings(r, code)).as("%s in %s", code, r).isEmpty();
    }
}
