package io.ordertriage.reference;

import io.ordertriage.RulePack;
import io.ordertriage.TriageSettings;
import io.ordertriage.model.Action;
import io.ordertriage.model.ConfirmationStatus;
import io.ordertriage.model.Finding;
import io.ordertriage.model.LineDecision;
import io.ordertriage.model.LineResolution;
import io.ordertriage.model.Order;
import io.ordertriage.model.OrderLine;
import io.ordertriage.model.OrderStatus;
import io.ordertriage.model.PaymentStatus;
import io.ordertriage.model.PriceList;
import io.ordertriage.model.Priority;
import io.ordertriage.model.TriageResult;
import io.ordertriage.model.Verdict;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A plain-Java implementation of the rulebook (§2–§7), written from the rulebook alone, without
 * Drools. It is the oracle of the differential property tests and the "physical limit" of the JMH
 * benchmarks, so the hot path avoids streams, boxing and needless allocation: order-level findings
 * are constants, timers compare seconds and nanos without building a {@link Duration}, and findings
 * are collected in small arrays and insertion-sorted.
 *
 * <p>Output conventions (shared with the engine): findings sorted by priority (P1 first), then line
 * index (order-level findings first), then code, then message; {@code normalCombination} is the
 * matched id (for example {@code N06}) or {@code null} (always {@code null} when the status pack is
 * off); the basket has one entry per line when §7 ran and is empty otherwise.
 *
 * <p>Thread-safe: instances are immutable and {@link #classify} keeps its state on the stack.
 */
public final class ReferenceClassifier {

    /** The line index of an order-level finding; sorts before every line. */
    private static final int ORDER_LEVEL = -1;

    // §3 status diagnoses (order-level, so constant).
    private static final Finding CANCELLED_BUT_PAID = orderFinding("CANCELLED_BUT_PAID", Priority.P1, Action.REFUND,
            "The order is cancelled but paid: refund the customer.");
    private static final Finding PAID_BUT_REJECTED = orderFinding("PAID_BUT_REJECTED", Priority.P1, Action.REFUND,
            "The confirmation was rejected but the order is paid: refund the customer.");
    private static final Finding REJECTED_NOT_CANCELLED = orderFinding("REJECTED_NOT_CANCELLED", Priority.P2,
            Action.CANCEL_ORDER, "The confirmation was rejected but the order is not cancelled: cancel it.");
    private static final Finding FULFILLING_UNPAID = orderFinding("FULFILLING_UNPAID", Priority.P1,
            Action.CALL_CUSTOMER, "The order is being fulfilled but is not paid: call the customer.");
    private static final Finding PAYMENT_FAILED = orderFinding("PAYMENT_FAILED", Priority.P2, Action.CALL_CUSTOMER,
            "The payment failed: call the customer.");
    private static final Finding AHEAD_OF_CONFIRMATION = orderFinding("AHEAD_OF_CONFIRMATION", Priority.P2,
            Action.CALL_SUPPLIER, "The order went ahead while the confirmation is still awaited: call the supplier.");
    private static final Finding REFUND_WITHOUT_CANCELLATION = orderFinding("REFUND_WITHOUT_CANCELLATION",
            Priority.P2, Action.REVIEW, "A refund exists but the order is neither cancelled nor completed: review it.");
    private static final Finding STATUS_UNRECOGNISED = orderFinding("STATUS_UNRECOGNISED", Priority.P3,
            Action.REVIEW, "The combination of statuses is not a known normal one: review it.");

    // §4 timers.
    private static final Finding CONFIRMATION_OVERDUE = orderFinding("CONFIRMATION_OVERDUE", Priority.P2,
            Action.CALL_SUPPLIER, "The supplier has not confirmed the order in time: call the supplier.");
    private static final Finding PAYMENT_OVERDUE = orderFinding("PAYMENT_OVERDUE", Priority.P2, Action.CALL_CUSTOMER,
            "The customer has not paid in time: call the customer.");
    private static final Finding REFUND_OVERDUE = orderFinding("REFUND_OVERDUE", Priority.P2, Action.ESCALATE_REFUND,
            "The refund has been pending too long: escalate it.");
    private static final Finding DELIVERY_LATE = orderFinding("DELIVERY_LATE", Priority.P2, Action.CALL_CUSTOMER,
            "The order is past its estimated delivery: call the customer.");

    // §6 order-level.
    private static final Finding CITY_MISSING = orderFinding("CITY_MISSING", Priority.P3, Action.REVIEW,
            "The order has no city, so its prices and assortment cannot be checked: review it.");

    // §7 order-level.
    private static final Finding ORDER_UNFULFILLABLE = orderFinding("ORDER_UNFULFILLABLE", Priority.P1,
            Action.CANCEL_ORDER, "Every line of the order is removed: cancel the order.");

    // Line-level codes and their fixed texts.
    private static final String AGE_NOT_VERIFIED = "AGE_NOT_VERIFIED";
    private static final String AGE_NOT_VERIFIED_MSG = "An 18+ line on a customer whose age is not verified: verify the age.";
    private static final String NOT_IN_CITY_ASSORTMENT = "NOT_IN_CITY_ASSORTMENT";
    private static final String NOT_IN_CITY_ASSORTMENT_MSG = "The line's sku is not sold in the order's city: remove the item.";
    private static final String PRICE_ABOVE = "PRICE_ABOVE_CITY_REFERENCE";
    private static final String PRICE_ABOVE_MSG = "The line's unit price is above the city reference price: adjust the price.";
    private static final String KEY_ITEM_UNAVAILABLE = "KEY_ITEM_UNAVAILABLE";
    private static final String KEY_ITEM_UNAVAILABLE_MSG = "A key item is unavailable without a substitute: remove its group.";
    private static final String ITEM_UNAVAILABLE = "ITEM_UNAVAILABLE";
    private static final String ITEM_UNAVAILABLE_MSG = "The item is unavailable without a substitute: remove it.";
    private static final String ITEM_SUBSTITUTED = "ITEM_SUBSTITUTED";
    private static final String ITEM_SUBSTITUTED_MSG = "The item is unavailable and replaced by its accepted substitute.";

    private final Duration confirmationTimeout;
    private final Duration paymentTimeout;
    private final Duration refundTimeout;
    private final Duration deliveryGrace;
    private final boolean statusOn;
    private final boolean timersOn;
    private final boolean ageOn;
    private final boolean pricingOn;
    private final boolean substitutionOn;
    private final PriceList priceList;

    public ReferenceClassifier(TriageSettings settings, PriceList priceListOrNull) {
        Objects.requireNonNull(settings, "settings");
        this.confirmationTimeout = settings.confirmationTimeout();
        this.paymentTimeout = settings.paymentTimeout();
        this.refundTimeout = settings.refundTimeout();
        this.deliveryGrace = settings.deliveryGrace();
        this.statusOn = settings.isEnabled(RulePack.STATUS);
        this.timersOn = settings.isEnabled(RulePack.TIMERS);
        this.ageOn = settings.isEnabled(RulePack.AGE);
        this.priceList = priceListOrNull;
        this.pricingOn = settings.isEnabled(RulePack.PRICING) && priceListOrNull != null;
        this.substitutionOn = settings.isEnabled(RulePack.SUBSTITUTION);
    }

    public TriageResult classify(Order order, Instant asOf) {
        final OrderStatus os = order.orderStatus();
        final PaymentStatus ps = order.paymentStatus();
        final ConfirmationStatus cs = order.confirmationStatus();
        final List<OrderLine> lines = order.lines();
        final int lineCount = lines.size();
        final Findings out = new Findings();

        // §3 status combinations
        String normal = null;
        if (statusOn) {
            normal = normalCombination(os, ps, cs);
            if (normal == null) {
                out.add(diagnose(os, ps, cs), ORDER_LEVEL);
            }
        }

        // §4 timers
        if (timersOn) {
            boolean newOrConfirmed = os == OrderStatus.NEW || os == OrderStatus.CONFIRMED;
            if (cs == ConfirmationStatus.AWAITING && newOrConfirmed
                    && elapsedExceeds(order.createdAt(), asOf, confirmationTimeout)) {
                out.add(CONFIRMATION_OVERDUE, ORDER_LEVEL);
            }
            if (ps == PaymentStatus.PENDING && newOrConfirmed
                    && elapsedExceeds(order.createdAt(), asOf, paymentTimeout)) {
                out.add(PAYMENT_OVERDUE, ORDER_LEVEL);
            }
            if (ps == PaymentStatus.REFUND_PENDING && elapsedExceeds(order.updatedAt(), asOf, refundTimeout)) {
                out.add(REFUND_OVERDUE, ORDER_LEVEL);
            }
            Instant eta = order.estimatedDeliveryAt();
            if (eta != null && isInFulfilment(os) && elapsedExceeds(eta, asOf, deliveryGrace)) {
                out.add(DELIVERY_LATE, ORDER_LEVEL);
            }
        }

        // §5 age gating
        if (ageOn && !order.ageVerified() && os != OrderStatus.CANCELLED && os != OrderStatus.COMPLETED) {
            for (int i = 0; i < lineCount; i++) {
                OrderLine line = lines.get(i);
                if (line.adultOnly()) {
                    out.add(lineFinding(AGE_NOT_VERIFIED, Priority.P2, Action.VERIFY_AGE, line.sku(),
                            AGE_NOT_VERIFIED_MSG), i);
                }
            }
        }

        // §6 city pricing and assortment
        if (pricingOn && os != OrderStatus.CANCELLED && lineCount > 0) {
            String city = order.city();
            if (city == null) {
                out.add(CITY_MISSING, ORDER_LEVEL);
            } else {
                boolean assortmentApplies = os != OrderStatus.COMPLETED;
                for (int i = 0; i < lineCount; i++) {
                    OrderLine line = lines.get(i);
                    BigDecimal reference = priceList.referencePriceOrNull(city, line.sku());
                    if (reference == null) {
                        if (assortmentApplies) {
                            out.add(lineFinding(NOT_IN_CITY_ASSORTMENT, Priority.P3, Action.REMOVE_ITEM, line.sku(),
                                    NOT_IN_CITY_ASSORTMENT_MSG), i);
                        }
                    } else {
                        BigDecimal price = line.unitPrice();
                        if (price != null && price.compareTo(reference) > 0) {
                            out.add(lineFinding(PRICE_ABOVE, Priority.P2, Action.ADJUST_PRICE, line.sku(),
                                    PRICE_ABOVE_MSG), i);
                        }
                    }
                }
            }
        }

        // §7 substitution and key items
        List<LineResolution> basket = List.of();
        if (substitutionOn && lineCount > 0
                && (os == OrderStatus.NEW || os == OrderStatus.CONFIRMED || os == OrderStatus.ASSEMBLING)) {
            basket = resolveBasket(lines, out);
        }

        out.sort();
        Priority priority = out.mostUrgentAttention();
        return new TriageResult(order.orderId(), order.createdAt(),
                priority == null ? Verdict.OK : Verdict.ATTENTION, priority, normal, out.toList(), basket);
    }

    // ---------------------------------------------------------------- §3

    /** The id of the normal combination the statuses match, or {@code null}. */
    static String normalCombination(OrderStatus os, PaymentStatus ps, ConfirmationStatus cs) {
        final boolean cStar = cs == ConfirmationStatus.CONFIRMED || cs == ConfirmationStatus.NOT_REQUIRED;
        switch (os) {
            case NEW:
                if (ps == PaymentStatus.PENDING) {
                    return cs == ConfirmationStatus.AWAITING ? "N01" : cs == ConfirmationStatus.NOT_REQUIRED ? "N02" : null;
                }
                if (ps == PaymentStatus.PAID) {
                    return cs == ConfirmationStatus.AWAITING ? "N03" : cs == ConfirmationStatus.NOT_REQUIRED ? "N04" : null;
                }
                return null;
            case CONFIRMED:
                if (!cStar) {
                    return null;
                }
                return ps == PaymentStatus.PENDING ? "N05" : ps == PaymentStatus.PAID ? "N06" : null;
            case ASSEMBLING:
                return cStar && ps == PaymentStatus.PAID ? "N07" : null;
            case READY:
                return cStar && ps == PaymentStatus.PAID ? "N08" : null;
            case IN_DELIVERY:
                return cStar && ps == PaymentStatus.PAID ? "N09" : null;
            case COMPLETED:
                if (!cStar) {
                    return null;
                }
                if (ps == PaymentStatus.PAID) {
                    return "N10";
                }
                return ps == PaymentStatus.REFUND_PENDING || ps == PaymentStatus.REFUNDED ? "N11" : null;
            case CANCELLED:
                if (ps == PaymentStatus.PENDING || ps == PaymentStatus.FAILED || ps == PaymentStatus.REFUNDED) {
                    return "N12";
                }
                return ps == PaymentStatus.REFUND_PENDING ? "N13" : null;
            default:
                throw new IllegalStateException("unknown order status " + os);
        }
    }

    /** The first status diagnosis that applies to a non-normal combination (rulebook §3, second table). */
    static Finding diagnose(OrderStatus os, PaymentStatus ps, ConfirmationStatus cs) {
        if (os == OrderStatus.CANCELLED && ps == PaymentStatus.PAID) {
            return CANCELLED_BUT_PAID;
        }
        if (cs == ConfirmationStatus.REJECTED && ps == PaymentStatus.PAID) {
            return PAID_BUT_REJECTED;
        }
        if (cs == ConfirmationStatus.REJECTED && os != OrderStatus.CANCELLED) {
            return REJECTED_NOT_CANCELLED;
        }
        boolean fulfilling = os == OrderStatus.ASSEMBLING || os == OrderStatus.READY
                || os == OrderStatus.IN_DELIVERY || os == OrderStatus.COMPLETED;
        if (fulfilling && (ps == PaymentStatus.PENDING || ps == PaymentStatus.FAILED)) {
            return FULFILLING_UNPAID;
        }
        if (ps == PaymentStatus.FAILED && (os == OrderStatus.NEW || os == OrderStatus.CONFIRMED)) {
            return PAYMENT_FAILED;
        }
        if (cs == ConfirmationStatus.AWAITING && os != OrderStatus.NEW && os != OrderStatus.CANCELLED) {
            return AHEAD_OF_CONFIRMATION; // CONFIRMED, ASSEMBLING, READY, IN_DELIVERY or COMPLETED
        }
        if ((ps == PaymentStatus.REFUND_PENDING || ps == PaymentStatus.REFUNDED)
                && os != OrderStatus.CANCELLED && os != OrderStatus.COMPLETED) {
            return REFUND_WITHOUT_CANCELLATION;
        }
        return STATUS_UNRECOGNISED;
    }

    // ---------------------------------------------------------------- §4

    private static boolean isInFulfilment(OrderStatus os) {
        return os == OrderStatus.CONFIRMED || os == OrderStatus.ASSEMBLING
                || os == OrderStatus.READY || os == OrderStatus.IN_DELIVERY;
    }

    /**
     * {@code Duration.between(from, asOf).compareTo(threshold) > 0}, without allocating: the elapsed
     * time as (seconds, nanos ∈ [0, 1e9)) compared lexicographically with the threshold's. A future
     * {@code from} gives a negative elapsed time, which never exceeds a (non-negative) threshold.
     */
    static boolean elapsedExceeds(Instant from, Instant asOf, Duration threshold) {
        long seconds = asOf.getEpochSecond() - from.getEpochSecond();
        int nanos = asOf.getNano() - from.getNano();
        if (nanos < 0) {
            nanos += 1_000_000_000;
            seconds--;
        }
        long thresholdSeconds = threshold.getSeconds();
        return seconds > thresholdSeconds || (seconds == thresholdSeconds && nanos > threshold.getNano());
    }

    // ---------------------------------------------------------------- §7

    private static boolean satisfiable(OrderLine line) {
        return line.available() || (line.substituteSku() != null && line.substituteAvailable());
    }

    /**
     * Resolves the basket and adds the §7 findings. Groups removed by an unsatisfiable key line are
     * found first; usually there is none, so the common case is a single pass over the lines.
     */
    private static List<LineResolution> resolveBasket(List<OrderLine> lines, Findings out) {
        final int n = lines.size();

        // The distinct groups that have a key line that is not satisfiable.
        String[] removedGroups = null;
        int removedGroupCount = 0;
        for (int i = 0; i < n; i++) {
            OrderLine line = lines.get(i);
            if (line.keyItem() && !satisfiable(line)) {
                if (removedGroups == null) {
                    removedGroups = new String[4];
                }
                if (indexOf(removedGroups, removedGroupCount, line.lineGroup()) < 0) {
                    if (removedGroupCount == removedGroups.length) {
                        removedGroups = Arrays.copyOf(removedGroups, removedGroupCount * 2);
                    }
                    removedGroups[removedGroupCount++] = line.lineGroup();
                }
            }
        }

        LineResolution[] basket = new LineResolution[n];
        int removed = 0;
        for (int i = 0; i < n; i++) {
            OrderLine line = lines.get(i);
            boolean sat = satisfiable(line);
            if (removedGroupCount > 0 && indexOf(removedGroups, removedGroupCount, line.lineGroup()) >= 0) {
                // Rule 1: the whole group goes; only its unsatisfiable key lines get a finding.
                basket[i] = new LineResolution(line.sku(), LineDecision.REMOVE, null);
                removed++;
                if (line.keyItem() && !sat) {
                    out.add(lineFinding(KEY_ITEM_UNAVAILABLE, Priority.P3, Action.REMOVE_ITEMS, line.sku(),
                            KEY_ITEM_UNAVAILABLE_MSG), i);
                }
            } else if (!sat) {
                // Rule 2: a non-satisfiable line is removed.
                basket[i] = new LineResolution(line.sku(), LineDecision.REMOVE, null);
                removed++;
                out.add(lineFinding(ITEM_UNAVAILABLE, Priority.P3, Action.REMOVE_ITEM, line.sku(),
                        ITEM_UNAVAILABLE_MSG), i);
            } else if (!line.available()) {
                // Rule 2: not available but satisfiable, hence by its substitute.
                basket[i] = new LineResolution(line.sku(), LineDecision.SUBSTITUTE, line.substituteSku());
                out.add(lineFinding(ITEM_SUBSTITUTED, Priority.P4, Action.SUBSTITUTE_ITEM, line.sku(),
                        ITEM_SUBSTITUTED_MSG), i);
            } else {
                basket[i] = new LineResolution(line.sku(), LineDecision.KEEP, null);
            }
        }
        if (removed == n) {
            out.add(ORDER_UNFULFILLABLE, ORDER_LEVEL); // rule 3
        }
        return Arrays.asList(basket);
    }

    private static int indexOf(String[] values, int count, String value) {
        for (int i = 0; i < count; i++) {
            if (values[i].equals(value)) {
                return i;
            }
        }
        return -1;
    }

    // ---------------------------------------------------------------- findings

    private static Finding orderFinding(String code, Priority priority, Action action, String message) {
        return new Finding(code, priority, action, null, "reference:" + code, message);
    }

    private static Finding lineFinding(String code, Priority priority, Action action, String sku, String message) {
        return new Finding(code, priority, action, sku, "reference:" + code, message);
    }

    /** The findings of one order with the line index each belongs to, kept in parallel arrays. */
    private static final class Findings {
        private Finding[] findings = new Finding[8];
        private int[] lineIndex = new int[8];
        private int size;

        void add(Finding finding, int line) {
            if (size == findings.length) {
                findings = Arrays.copyOf(findings, size * 2);
                lineIndex = Arrays.copyOf(lineIndex, size * 2);
            }
            findings[size] = finding;
            lineIndex[size] = line;
            size++;
        }

        /** Insertion sort (stable, and there are few findings) by priority, line index, code, message. */
        void sort() {
            for (int i = 1; i < size; i++) {
                Finding f = findings[i];
                int line = lineIndex[i];
                int j = i - 1;
                while (j >= 0 && compare(findings[j], lineIndex[j], f, line) > 0) {
                    findings[j + 1] = findings[j];
                    lineIndex[j + 1] = lineIndex[j];
                    j--;
                }
                findings[j + 1] = f;
                lineIndex[j + 1] = line;
            }
        }

        private static int compare(Finding a, int lineA, Finding b, int lineB) {
            int c = a.priority().compareTo(b.priority());
            if (c != 0) {
                return c;
            }
            c = Integer.compare(lineA, lineB);
            if (c != 0) {
                return c;
            }
            c = a.code().compareTo(b.code());
            return c != 0 ? c : a.message().compareTo(b.message());
        }

        /** The most urgent priority among P1–P3 findings, or {@code null}; call after {@link #sort}. */
        Priority mostUrgentAttention() {
            return size > 0 && findings[0].priority().needsAttention() ? findings[0].priority() : null;
        }

        List<Finding> toList() {
            return size == 0 ? List.of() : Arrays.asList(Arrays.copyOf(findings, size));
        }
    }
}
