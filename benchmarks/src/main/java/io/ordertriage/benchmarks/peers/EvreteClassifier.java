package io.ordertriage.benchmarks.peers;

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
import org.evrete.KnowledgeService;
import org.evrete.api.ActivationMode;
import org.evrete.api.IntToValue;
import org.evrete.api.Knowledge;
import org.evrete.api.RhsContext;
import org.evrete.api.StatelessSession;
import org.evrete.api.Type;
import org.evrete.api.TypeResolver;
import org.evrete.api.ValuesPredicate;
import org.evrete.api.builders.RuleSetBuilder;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Benchmark peer: the default rules of the rulebook (§2–§7) on <a href="https://www.evrete.org">Evrete</a>
 * 4, written the way Evrete is meant to be used: one {@link Knowledge} built once with the fluent rule
 * builder, Java-lambda conditions over declared fields, and a {@link StatelessSession} per batch of
 * orders into which every order and every line is inserted as a fact.
 *
 * <h2>Facts</h2>
 * Input facts: {@link OrderFact} (an order with its elapsed times as of the run) and {@link LineFact} (a
 * line, knowing its order and its city reference price). A line's fields include its order's status,
 * age verification and city, read through the line's order as Drools' {@code order.orderStatus} would,
 * so line rules are alpha conditions on one fact. Derived facts, inserted by rules:
 * {@link NormalMatch}, {@link StatusDiagnosis}, {@link LineOutcome}, {@link Basket},
 * {@link Unfulfillable}; the rules that relate them to each other are joins. Conclusions nothing can
 * revoke (timers, age, pricing) are recorded on the order by the rule's action; the others stay in
 * working memory as facts, and what survives the session is the result
 * ({@link StatelessSession#fire(java.util.function.Consumer)}).
 *
 * <h2>Evaluation</h2>
 * Evrete has neither {@code not} nor {@code accumulate}; "the first diagnosis that applies", "no
 * finding for the other lines of a removed group" and "every line removed" are therefore written as
 * defaults that more specific rules override by retracting or modifying them. The knowledge runs in
 * {@link ActivationMode#CONTINUOUS} mode: each cycle fires every rule activated by the facts that the
 * previous cycle inserted, updated or deleted, then commits the changes. (In Evrete's DEFAULT mode,
 * the activations still pending when a rule changes working memory are dropped, so it cannot host
 * rules that derive facts next to rules that do not.) The cycles of one session:
 * <ol>
 * <li>orders and lines: normal combinations, status diagnoses (and the STATUS_UNRECOGNISED default),
 *     timers, age, pricing, the outcome of each line of an open basket, the basket itself;</li>
 * <li>a normal combination retracts every status diagnosis of its order and a diagnosis retracts the
 *     later ones; an unavailable key item turns every other outcome of its group into a plain
 *     removal; each basket presumes its order unfulfillable;</li>
 * <li>a line the basket keeps (or substitutes) retracts that presumption.</li>
 * </ol>
 *
 * <p>Thread-safe: the knowledge is shared, each call works in its own sessions.
 */
public final class EvreteClassifier implements AutoCloseable {

    /** Orders per session: Evrete's joins grow with the square of a session's orders, sessions cost too. */
    private static final int BATCH = 64;

    private static final int ORDER_LEVEL = -1;

    private static final Set<OrderStatus> NEW_OR_CONFIRMED = EnumSet.of(OrderStatus.NEW, OrderStatus.CONFIRMED);
    private static final Set<OrderStatus> FULFILLING = EnumSet.of(OrderStatus.ASSEMBLING, OrderStatus.READY,
            OrderStatus.IN_DELIVERY, OrderStatus.COMPLETED);
    private static final Set<OrderStatus> IN_FULFILMENT = EnumSet.of(OrderStatus.CONFIRMED, OrderStatus.ASSEMBLING,
            OrderStatus.READY, OrderStatus.IN_DELIVERY);
    private static final Set<OrderStatus> OPEN_BASKET = EnumSet.of(OrderStatus.NEW, OrderStatus.CONFIRMED,
            OrderStatus.ASSEMBLING);
    private static final Set<OrderStatus> CLOSED = EnumSet.of(OrderStatus.CANCELLED, OrderStatus.COMPLETED);
    private static final Set<ConfirmationStatus> C_STAR = EnumSet.of(ConfirmationStatus.CONFIRMED,
            ConfirmationStatus.NOT_REQUIRED);
    private static final Set<ConfirmationStatus> ANY_CONFIRMATION = EnumSet.allOf(ConfirmationStatus.class);
    private static final Set<PaymentStatus> REFUNDING = EnumSet.of(PaymentStatus.REFUND_PENDING, PaymentStatus.REFUNDED);
    private static final Set<PaymentStatus> UNPAID = EnumSet.of(PaymentStatus.PENDING, PaymentStatus.FAILED);

    private static final String KEY_ITEM_UNAVAILABLE = "KEY_ITEM_UNAVAILABLE";

    private static final Comparator<Hit> FINDING_ORDER = Comparator
            .comparing((Hit h) -> h.finding.priority())
            .thenComparingInt(h -> h.line)
            .thenComparing(h -> h.finding.code());

    private final KnowledgeService service;
    private final Knowledge knowledge;
    private final TriageSettings settings;

    public EvreteClassifier(TriageSettings settings, PriceList priceListOrNull) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.service = new KnowledgeService();
        this.knowledge = service.newKnowledge("order-triage")
                .setActivationMode(ActivationMode.CONTINUOUS)
                .configureTypes(types -> declareFields(types, priceListOrNull));

        RuleSetBuilder<Knowledge> rules = knowledge.builder();
        if (settings.isEnabled(RulePack.STATUS)) {
            statusRules(rules);
        }
        if (settings.isEnabled(RulePack.TIMERS)) {
            timerRules(rules);
        }
        if (settings.isEnabled(RulePack.AGE)) {
            ageRules(rules);
        }
        if (settings.isEnabled(RulePack.PRICING) && priceListOrNull != null) {
            pricingRules(rules);
        }
        if (settings.isEnabled(RulePack.SUBSTITUTION)) {
            substitutionRules(rules);
        }
        rules.build();
    }

    // ------------------------------------------------------------------------------------ fields

    /** The fields conditions may read, declared with accessors so that Evrete needs no reflection. */
    private static void declareFields(TypeResolver types, PriceList priceList) {
        Type<OrderFact> order = types.getOrDeclare(OrderFact.class);
        order.declareField("orderStatus", OrderStatus.class, o -> o.order.orderStatus());
        order.declareField("paymentStatus", PaymentStatus.class, o -> o.order.paymentStatus());
        order.declareField("confirmationStatus", ConfirmationStatus.class, o -> o.order.confirmationStatus());
        order.declareField("city", String.class, o -> o.order.city());
        order.declareIntField("lineCount", o -> o.order.lines().size());
        order.declareField("sinceCreated", Duration.class, o -> o.sinceCreated);
        order.declareField("sinceUpdated", Duration.class, o -> o.sinceUpdated);
        order.declareField("sinceEstimatedDelivery", Duration.class, o -> o.sinceEstimatedDelivery);

        Type<LineFact> line = types.getOrDeclare(LineFact.class);
        line.declareField("orderStatus", OrderStatus.class, l -> l.order.order.orderStatus());
        line.declareBooleanField("ageVerified", l -> l.order.order.ageVerified());
        line.declareField("city", String.class, l -> l.order.order.city());
        line.declareField("group", String.class, l -> l.line.lineGroup());
        line.declareBooleanField("adultOnly", l -> l.line.adultOnly());
        line.declareBooleanField("keyItem", l -> l.line.keyItem());
        line.declareBooleanField("available", l -> l.line.available());
        line.declareField("substituteSku", String.class, l -> l.line.substituteSku());
        line.declareBooleanField("substituteAvailable", l -> l.line.substituteAvailable());
        line.declareField("unitPrice", BigDecimal.class, l -> l.line.unitPrice());
        line.declareField("referencePrice", BigDecimal.class,
                l -> priceList == null ? null : priceList.referencePriceOrNull(l.order.order.city(), l.line.sku()));

        types.getOrDeclare(NormalMatch.class).declareIntField("orderId", n -> n.order.id);

        Type<StatusDiagnosis> diagnosis = types.getOrDeclare(StatusDiagnosis.class);
        diagnosis.declareIntField("orderId", d -> d.order.id);
        diagnosis.declareIntField("rank", d -> d.rank);

        Type<LineOutcome> outcome = types.getOrDeclare(LineOutcome.class);
        outcome.declareIntField("orderId", x -> x.line.order.id);
        outcome.declareField("group", String.class, x -> x.line.line.lineGroup());
        outcome.declareField("decision", LineDecision.class, x -> x.decision);
        outcome.declareField("code", String.class, x -> x.code);

        types.getOrDeclare(Unfulfillable.class).declareIntField("orderId", u -> u.order.id);
    }

    // ------------------------------------------------------------------------------------ §3

    private void statusRules(RuleSetBuilder<Knowledge> rules) {
        // Normal combinations: one rule per row of the table.
        normal(rules, "N01", EnumSet.of(OrderStatus.NEW), EnumSet.of(PaymentStatus.PENDING), EnumSet.of(ConfirmationStatus.AWAITING));
        normal(rules, "N02", EnumSet.of(OrderStatus.NEW), EnumSet.of(PaymentStatus.PENDING), EnumSet.of(ConfirmationStatus.NOT_REQUIRED));
        normal(rules, "N03", EnumSet.of(OrderStatus.NEW), EnumSet.of(PaymentStatus.PAID), EnumSet.of(ConfirmationStatus.AWAITING));
        normal(rules, "N04", EnumSet.of(OrderStatus.NEW), EnumSet.of(PaymentStatus.PAID), EnumSet.of(ConfirmationStatus.NOT_REQUIRED));
        normal(rules, "N05", EnumSet.of(OrderStatus.CONFIRMED), EnumSet.of(PaymentStatus.PENDING), C_STAR);
        normal(rules, "N06", EnumSet.of(OrderStatus.CONFIRMED), EnumSet.of(PaymentStatus.PAID), C_STAR);
        normal(rules, "N07", EnumSet.of(OrderStatus.ASSEMBLING), EnumSet.of(PaymentStatus.PAID), C_STAR);
        normal(rules, "N08", EnumSet.of(OrderStatus.READY), EnumSet.of(PaymentStatus.PAID), C_STAR);
        normal(rules, "N09", EnumSet.of(OrderStatus.IN_DELIVERY), EnumSet.of(PaymentStatus.PAID), C_STAR);
        normal(rules, "N10", EnumSet.of(OrderStatus.COMPLETED), EnumSet.of(PaymentStatus.PAID), C_STAR);
        normal(rules, "N11", EnumSet.of(OrderStatus.COMPLETED), REFUNDING, C_STAR);
        normal(rules, "N12", EnumSet.of(OrderStatus.CANCELLED),
                EnumSet.of(PaymentStatus.PENDING, PaymentStatus.FAILED, PaymentStatus.REFUNDED), ANY_CONFIRMATION);
        normal(rules, "N13", EnumSet.of(OrderStatus.CANCELLED), EnumSet.of(PaymentStatus.REFUND_PENDING), ANY_CONFIRMATION);

        // Diagnoses, each raised where it applies; a lower rank retracts a higher one (below).
        diagnosis(rules, 1, finding("CANCELLED_BUT_PAID", Priority.P1, Action.REFUND,
                        "The order is cancelled but paid: refund the customer."),
                (IntToValue v) -> v.get(0) == OrderStatus.CANCELLED && v.get(1) == PaymentStatus.PAID);
        diagnosis(rules, 2, finding("PAID_BUT_REJECTED", Priority.P1, Action.REFUND,
                        "The confirmation was rejected but the order is paid: refund the customer."),
                (IntToValue v) -> v.get(2) == ConfirmationStatus.REJECTED && v.get(1) == PaymentStatus.PAID);
        diagnosis(rules, 3, finding("REJECTED_NOT_CANCELLED", Priority.P2, Action.CANCEL_ORDER,
                        "The confirmation was rejected but the order is not cancelled: cancel it."),
                (IntToValue v) -> v.get(2) == ConfirmationStatus.REJECTED && v.get(0) != OrderStatus.CANCELLED);
        diagnosis(rules, 4, finding("FULFILLING_UNPAID", Priority.P1, Action.CALL_CUSTOMER,
                        "The order is being fulfilled but is not paid: call the customer."),
                (IntToValue v) -> FULFILLING.contains(v.get(0)) && UNPAID.contains(v.get(1)));
        diagnosis(rules, 5, finding("PAYMENT_FAILED", Priority.P2, Action.CALL_CUSTOMER,
                        "The payment failed: call the customer."),
                (IntToValue v) -> v.get(1) == PaymentStatus.FAILED && NEW_OR_CONFIRMED.contains(v.get(0)));
        diagnosis(rules, 6, finding("AHEAD_OF_CONFIRMATION", Priority.P2, Action.CALL_SUPPLIER,
                        "The order went ahead while the confirmation is still awaited: call the supplier."),
                (IntToValue v) -> v.get(2) == ConfirmationStatus.AWAITING
                        && (v.get(0) == OrderStatus.CONFIRMED || FULFILLING.contains(v.get(0))));
        diagnosis(rules, 7, finding("REFUND_WITHOUT_CANCELLATION", Priority.P2, Action.REVIEW,
                        "A refund exists but the order is neither cancelled nor completed: review it."),
                (IntToValue v) -> REFUNDING.contains(v.get(1)) && !CLOSED.contains(v.get(0)));

        // The default diagnosis: every order starts unrecognised until a normal combination or an
        // earlier diagnosis retracts it.
        Finding unrecognised = finding("STATUS_UNRECOGNISED", Priority.P3, Action.REVIEW,
                "The combination of statuses is not a known normal one: review it.");
        rules.newRule("status: STATUS_UNRECOGNISED")
                .forEach("$o", OrderFact.class)
                .execute(ctx -> ctx.insert(new StatusDiagnosis(ctx.get("$o"), 8, unrecognised, ruleName(ctx))));

        rules.newRule("status: a normal combination retracts the diagnoses")
                .forEach("$n", NormalMatch.class, "$d", StatusDiagnosis.class)
                .where((IntToValue v) -> v.get(0).equals(v.get(1)), "$n.orderId", "$d.orderId")
                .execute(ctx -> ctx.deleteFact("$d"));

        rules.newRule("status: the first diagnosis that applies retracts the later ones")
                .forEach("$first", StatusDiagnosis.class, "$later", StatusDiagnosis.class)
                .where((IntToValue v) -> v.get(0).equals(v.get(1)), "$first.orderId", "$later.orderId")
                .where((IntToValue v) -> v.<Integer>get(0) < v.<Integer>get(1), "$first.rank", "$later.rank")
                .execute(ctx -> ctx.deleteFact("$later"));
    }

    private static void normal(RuleSetBuilder<Knowledge> rules, String id, Set<OrderStatus> orderStatuses,
                               Set<PaymentStatus> paymentStatuses, Set<ConfirmationStatus> confirmationStatuses) {
        rules.newRule("status: " + id)
                .forEach("$o", OrderFact.class)
                .where((IntToValue v) -> orderStatuses.contains(v.get(0)), "$o.orderStatus")
                .where((IntToValue v) -> paymentStatuses.contains(v.get(0)), "$o.paymentStatus")
                .where((IntToValue v) -> confirmationStatuses.contains(v.get(0)), "$o.confirmationStatus")
                .execute(ctx -> ctx.insert(new NormalMatch(ctx.get("$o"), id)));
    }

    /** A diagnosis rule; its condition reads (order status, payment status, confirmation status). */
    private static void diagnosis(RuleSetBuilder<Knowledge> rules, int rank, Finding finding, ValuesPredicate when) {
        rules.newRule("status: " + finding.code())
                .forEach("$o", OrderFact.class)
                .where(when, "$o.orderStatus", "$o.paymentStatus", "$o.confirmationStatus")
                .execute(ctx -> ctx.insert(new StatusDiagnosis(ctx.get("$o"), rank, finding, ruleName(ctx))));
    }

    // ------------------------------------------------------------------------------------ §4

    private void timerRules(RuleSetBuilder<Knowledge> rules) {
        Duration confirmationTimeout = settings.confirmationTimeout();
        Duration paymentTimeout = settings.paymentTimeout();
        Duration refundTimeout = settings.refundTimeout();
        Duration deliveryGrace = settings.deliveryGrace();

        Finding confirmationOverdue = finding("CONFIRMATION_OVERDUE", Priority.P2, Action.CALL_SUPPLIER,
                "The supplier has not confirmed the order in time: call the supplier.");
        rules.newRule("timers: CONFIRMATION_OVERDUE")
                .forEach("$o", OrderFact.class)
                .where((IntToValue v) -> v.get(0) == ConfirmationStatus.AWAITING, "$o.confirmationStatus")
                .where((IntToValue v) -> NEW_OR_CONFIRMED.contains(v.get(0)), "$o.orderStatus")
                .where((IntToValue v) -> v.<Duration>get(0).compareTo(confirmationTimeout) > 0, "$o.sinceCreated")
                .execute(ctx -> orderFinding(ctx, confirmationOverdue));

        Finding paymentOverdue = finding("PAYMENT_OVERDUE", Priority.P2, Action.CALL_CUSTOMER,
                "The customer has not paid in time: call the customer.");
        rules.newRule("timers: PAYMENT_OVERDUE")
                .forEach("$o", OrderFact.class)
                .where((IntToValue v) -> v.get(0) == PaymentStatus.PENDING, "$o.paymentStatus")
                .where((IntToValue v) -> NEW_OR_CONFIRMED.contains(v.get(0)), "$o.orderStatus")
                .where((IntToValue v) -> v.<Duration>get(0).compareTo(paymentTimeout) > 0, "$o.sinceCreated")
                .execute(ctx -> orderFinding(ctx, paymentOverdue));

        Finding refundOverdue = finding("REFUND_OVERDUE", Priority.P2, Action.ESCALATE_REFUND,
                "The refund has been pending too long: escalate it.");
        rules.newRule("timers: REFUND_OVERDUE")
                .forEach("$o", OrderFact.class)
                .where((IntToValue v) -> v.get(0) == PaymentStatus.REFUND_PENDING, "$o.paymentStatus")
                .where((IntToValue v) -> v.<Duration>get(0).compareTo(refundTimeout) > 0, "$o.sinceUpdated")
                .execute(ctx -> orderFinding(ctx, refundOverdue));

        Finding deliveryLate = finding("DELIVERY_LATE", Priority.P2, Action.CALL_CUSTOMER,
                "The order is past its estimated delivery: call the customer.");
        rules.newRule("timers: DELIVERY_LATE")
                .forEach("$o", OrderFact.class)
                .where((IntToValue v) -> IN_FULFILMENT.contains(v.get(0)), "$o.orderStatus")
                .where((IntToValue v) -> v.get(0) != null && v.<Duration>get(0).compareTo(deliveryGrace) > 0,
                        "$o.sinceEstimatedDelivery")
                .execute(ctx -> orderFinding(ctx, deliveryLate));
    }

    // ------------------------------------------------------------------------------------ §5

    private static void ageRules(RuleSetBuilder<Knowledge> rules) {
        Finding ageNotVerified = finding("AGE_NOT_VERIFIED", Priority.P2, Action.VERIFY_AGE,
                "An 18+ line on a customer whose age is not verified: verify the age.");
        rules.newRule("age: AGE_NOT_VERIFIED")
                .forEach("$l", LineFact.class)
                .where((IntToValue v) -> !v.<Boolean>get(0), "$l.ageVerified")
                .where((IntToValue v) -> !CLOSED.contains(v.get(0)), "$l.orderStatus")
                .where((IntToValue v) -> v.<Boolean>get(0), "$l.adultOnly")
                .execute(ctx -> lineFinding(ctx, ageNotVerified));
    }

    // ------------------------------------------------------------------------------------ §6

    private static void pricingRules(RuleSetBuilder<Knowledge> rules) {
        Finding cityMissing = finding("CITY_MISSING", Priority.P3, Action.REVIEW,
                "The order has no city, so its prices and assortment cannot be checked: review it.");
        rules.newRule("pricing: CITY_MISSING")
                .forEach("$o", OrderFact.class)
                .where((IntToValue v) -> v.get(0) != OrderStatus.CANCELLED, "$o.orderStatus")
                .where((IntToValue v) -> v.<Integer>get(0) > 0, "$o.lineCount")
                .where((IntToValue v) -> v.get(0) == null, "$o.city")
                .execute(ctx -> orderFinding(ctx, cityMissing));

        Finding notInAssortment = finding("NOT_IN_CITY_ASSORTMENT", Priority.P3, Action.REMOVE_ITEM,
                "The line's sku is not sold in the order's city: remove the item.");
        rules.newRule("pricing: NOT_IN_CITY_ASSORTMENT")
                .forEach("$l", LineFact.class)
                .where((IntToValue v) -> !CLOSED.contains(v.get(0)), "$l.orderStatus")
                .where((IntToValue v) -> v.get(0) != null, "$l.city")
                .where((IntToValue v) -> v.get(0) == null, "$l.referencePrice")
                .execute(ctx -> lineFinding(ctx, notInAssortment));

        Finding priceAbove = finding("PRICE_ABOVE_CITY_REFERENCE", Priority.P2, Action.ADJUST_PRICE,
                "The line's unit price is above the city reference price: adjust the price.");
        rules.newRule("pricing: PRICE_ABOVE_CITY_REFERENCE")
                .forEach("$l", LineFact.class)
                .where((IntToValue v) -> v.get(0) != OrderStatus.CANCELLED, "$l.orderStatus")
                .where((IntToValue v) -> v.get(0) != null, "$l.city")
                .where((IntToValue v) -> v.get(0) != null && v.get(1) != null
                        && v.<BigDecimal>get(0).compareTo(v.get(1)) > 0, "$l.unitPrice", "$l.referencePrice")
                .execute(ctx -> lineFinding(ctx, priceAbove));
    }

    // ------------------------------------------------------------------------------------ §7

    private static void substitutionRules(RuleSetBuilder<Knowledge> rules) {
        // Cycle 1: every line of an open basket gets its own outcome.
        rules.newRule("substitution: KEEP")
                .forEach("$l", LineFact.class)
                .where(OPEN_BASKET_STATUS, "$l.orderStatus")
                .where((IntToValue v) -> v.<Boolean>get(0), "$l.available")
                .execute(ctx -> ctx.insert(new LineOutcome(ctx.get("$l"), LineDecision.KEEP, null, ruleName(ctx))));

        Finding substituted = finding("ITEM_SUBSTITUTED", Priority.P4, Action.SUBSTITUTE_ITEM,
                "The item is unavailable and replaced by its accepted substitute.");
        rules.newRule("substitution: ITEM_SUBSTITUTED")
                .forEach("$l", LineFact.class)
                .where(OPEN_BASKET_STATUS, "$l.orderStatus")
                .where((IntToValue v) -> !v.<Boolean>get(0) && v.get(1) != null && v.<Boolean>get(2),
                        "$l.available", "$l.substituteSku", "$l.substituteAvailable")
                .execute(ctx -> ctx.insert(new LineOutcome(ctx.get("$l"), LineDecision.SUBSTITUTE, substituted, ruleName(ctx))));

        Finding unavailable = finding("ITEM_UNAVAILABLE", Priority.P3, Action.REMOVE_ITEM,
                "The item is unavailable without a substitute: remove it.");
        rules.newRule("substitution: ITEM_UNAVAILABLE")
                .forEach("$l", LineFact.class)
                .where(OPEN_BASKET_STATUS, "$l.orderStatus")
                .where(NOT_SATISFIABLE, "$l.available", "$l.substituteSku", "$l.substituteAvailable")
                .where((IntToValue v) -> !v.<Boolean>get(0), "$l.keyItem")
                .execute(ctx -> ctx.insert(new LineOutcome(ctx.get("$l"), LineDecision.REMOVE, unavailable, ruleName(ctx))));

        Finding keyUnavailable = finding(KEY_ITEM_UNAVAILABLE, Priority.P3, Action.REMOVE_ITEMS,
                "A key item is unavailable without a substitute: remove its group.");
        rules.newRule("substitution: KEY_ITEM_UNAVAILABLE")
                .forEach("$l", LineFact.class)
                .where(OPEN_BASKET_STATUS, "$l.orderStatus")
                .where(NOT_SATISFIABLE, "$l.available", "$l.substituteSku", "$l.substituteAvailable")
                .where((IntToValue v) -> v.<Boolean>get(0), "$l.keyItem")
                .execute(ctx -> ctx.insert(new LineOutcome(ctx.get("$l"), LineDecision.REMOVE, keyUnavailable, ruleName(ctx))));

        rules.newRule("substitution: basket")
                .forEach("$o", OrderFact.class)
                .where((IntToValue v) -> OPEN_BASKET.contains(v.get(0)), "$o.orderStatus")
                .where((IntToValue v) -> v.<Integer>get(0) > 0, "$o.lineCount")
                .execute(ctx -> ctx.insert(new Basket(ctx.get("$o"))));

        // Cycle 2: an unavailable key item removes the rest of its group, without findings.
        rules.newRule("substitution: an unavailable key item removes its group")
                .forEach("$key", LineOutcome.class, "$other", LineOutcome.class)
                .where((IntToValue v) -> KEY_ITEM_UNAVAILABLE.equals(v.get(0)), "$key.code")
                .where((IntToValue v) -> !KEY_ITEM_UNAVAILABLE.equals(v.get(1))
                        && (v.get(0) != LineDecision.REMOVE || v.get(1) != null), "$other.decision", "$other.code")
                .where((IntToValue v) -> v.get(0).equals(v.get(1)), "$key.orderId", "$other.orderId")
                .where((IntToValue v) -> v.get(0).equals(v.get(1)), "$key.group", "$other.group")
                .execute(ctx -> {
                    LineOutcome other = ctx.get("$other");
                    other.removeWithGroup(ruleName(ctx));
                    ctx.update(other);
                });

        Finding unfulfillable = finding("ORDER_UNFULFILLABLE", Priority.P1, Action.CANCEL_ORDER,
                "Every line of the order is removed: cancel the order.");
        rules.newRule("substitution: ORDER_UNFULFILLABLE")
                .forEach("$b", Basket.class)
                .execute(ctx -> ctx.insert(new Unfulfillable(ctx.<Basket>get("$b").order, unfulfillable, ruleName(ctx))));

        // Cycle 3: once the outcomes are final, a line the basket keeps makes the order fulfillable.
        rules.newRule("substitution: a kept line makes the order fulfillable")
                .forEach("$u", Unfulfillable.class, "$x", LineOutcome.class)
                .where((IntToValue v) -> v.get(0) != LineDecision.REMOVE, "$x.decision")
                .where((IntToValue v) -> v.get(0).equals(v.get(1)), "$u.orderId", "$x.orderId")
                .execute(ctx -> ctx.deleteFact("$u"));
    }

    // Shared conditions are shared by rules on one fact type only: Evrete 4.0.3 mixes up the alpha
    // memories of one ValuesPredicate instance used on two fact types (wrong matches, or an exception).
    /** Reads a line's order status: the order's basket is resolved (§7). */
    private static final ValuesPredicate OPEN_BASKET_STATUS = (IntToValue v) -> OPEN_BASKET.contains(v.get(0));
    /** Reads (available, substituteSku, substituteAvailable): the line is neither in stock nor substitutable. */
    private static final ValuesPredicate NOT_SATISFIABLE = (IntToValue v) ->
            !v.<Boolean>get(0) && !(v.get(1) != null && v.<Boolean>get(2));

    // ------------------------------------------------------------------------------------ actions

    private static String ruleName(RhsContext ctx) {
        return ctx.getRule().getName();
    }

    private static void orderFinding(RhsContext ctx, Finding template) {
        OrderFact o = ctx.get("$o");
        o.add(template.code(), template.priority(), template.action(), null, ruleName(ctx), template.message(), ORDER_LEVEL);
    }

    private static void lineFinding(RhsContext ctx, Finding template) {
        LineFact l = ctx.get("$l");
        l.order.add(template.code(), template.priority(), template.action(), l.line.sku(), ruleName(ctx),
                template.message(), l.index);
    }

    /** A finding used as a template: its rule is filled in with the name of the rule that raises it. */
    private static Finding finding(String code, Priority priority, Action action, String message) {
        return new Finding(code, priority, action, null, "-", message);
    }

    // ------------------------------------------------------------------------------------ running

    public List<TriageResult> classifyAll(List<Order> orders, Instant asOf) {
        Objects.requireNonNull(asOf, "asOf");
        List<TriageResult> results = new ArrayList<>(orders.size());
        List<Object> facts = new ArrayList<>(BATCH * 8);
        OrderFact[] batch = new OrderFact[BATCH];
        for (int from = 0; from < orders.size(); from += BATCH) {
            int n = Math.min(BATCH, orders.size() - from);
            facts.clear();
            for (int i = 0; i < n; i++) {
                OrderFact o = new OrderFact(i, orders.get(from + i), asOf);
                batch[i] = o;
                facts.add(o);
                List<OrderLine> lines = o.order.lines();
                for (int j = 0; j < lines.size(); j++) {
                    facts.add(new LineFact(o, j, lines.get(j)));
                }
            }
            StatelessSession session = knowledge.newStatelessSession();
            session.insert(facts);
            session.fire(EvreteClassifier::collect); // fires, hands over what is left in memory, closes
            for (int i = 0; i < n; i++) {
                results.add(batch[i].result());
            }
        }
        return results;
    }

    /** Reads the conclusions that survived the session into their orders. */
    private static void collect(Object fact) {
        if (fact instanceof LineOutcome x) {
            x.line.order.resolve(x);
        } else if (fact instanceof StatusDiagnosis d) {
            Finding f = d.finding;
            d.order.add(f.code(), f.priority(), f.action(), null, d.rule, f.message(), ORDER_LEVEL);
        } else if (fact instanceof NormalMatch m) {
            m.order.normalCombination = m.id;
        } else if (fact instanceof Unfulfillable u) {
            Finding f = u.finding;
            u.order.add(f.code(), f.priority(), f.action(), null, u.rule, f.message(), ORDER_LEVEL);
        }
    }

    /** Shuts down the knowledge service and its threads. */
    @Override
    public void close() {
        service.shutdown();
    }

    // ------------------------------------------------------------------------------------ facts

    /** An order, with the elapsed times its timers compare, collecting its conclusions. */
    private static final class OrderFact {
        final int id;
        final Order order;
        final Duration sinceCreated;
        final Duration sinceUpdated;
        final Duration sinceEstimatedDelivery;
        final List<Hit> hits = new ArrayList<>(4);
        String normalCombination;
        LineResolution[] basket;

        OrderFact(int id, Order order, Instant asOf) {
            this.id = id;
            this.order = order;
            this.sinceCreated = Duration.between(order.createdAt(), asOf);
            this.sinceUpdated = Duration.between(order.updatedAt(), asOf);
            this.sinceEstimatedDelivery = order.estimatedDeliveryAt() == null ? null
                    : Duration.between(order.estimatedDeliveryAt(), asOf);
        }

        synchronized void add(String code, Priority priority, Action action, String sku, String rule, String message,
                              int line) {
            hits.add(new Hit(new Finding(code, priority, action, sku, rule, message), line));
        }

        synchronized void resolve(LineOutcome x) {
            if (basket == null) {
                basket = new LineResolution[order.lines().size()];
            }
            OrderLine line = x.line.line;
            basket[x.line.index] = new LineResolution(line.sku(), x.decision,
                    x.decision == LineDecision.SUBSTITUTE ? line.substituteSku() : null);
            if (x.finding != null) {
                add(x.finding.code(), x.finding.priority(), x.finding.action(), line.sku(), x.rule,
                        x.finding.message(), x.line.index);
            }
        }

        TriageResult result() {
            hits.sort(FINDING_ORDER);
            List<Finding> findings = new ArrayList<>(hits.size());
            for (Hit h : hits) {
                findings.add(h.finding);
            }
            Priority priority = hits.isEmpty() || !hits.get(0).finding.priority().needsAttention()
                    ? null : hits.get(0).finding.priority();
            List<LineResolution> resolved = basket == null ? List.of() : Arrays.asList(basket);
            return new TriageResult(order.orderId(), order.createdAt(), priority == null ? Verdict.OK : Verdict.ATTENTION,
                    priority, normalCombination, findings, resolved);
        }
    }

    /** A line of an order. */
    private static final class LineFact {
        final OrderFact order;
        final int index;
        final OrderLine line;

        LineFact(OrderFact order, int index, OrderLine line) {
            this.order = order;
            this.index = index;
            this.line = line;
        }
    }

    /** The order matches the normal combination {@code id}. */
    private static final class NormalMatch {
        final OrderFact order;
        final String id;

        NormalMatch(OrderFact order, String id) {
            this.order = order;
            this.id = id;
        }
    }

    /** A status diagnosis of rank {@code rank} (1 is tried first) that applies to the order. */
    private static final class StatusDiagnosis {
        final OrderFact order;
        final int rank;
        final Finding finding;
        final String rule;

        StatusDiagnosis(OrderFact order, int rank, Finding finding, String rule) {
            this.order = order;
            this.rank = rank;
            this.finding = finding;
            this.rule = rule;
        }
    }

    /** What the basket does with one line, with the finding that goes with it (if any). */
    private static final class LineOutcome {
        final LineFact line;
        LineDecision decision;
        Finding finding;
        String code;
        String rule;

        LineOutcome(LineFact line, LineDecision decision, Finding finding, String rule) {
            this.line = line;
            this.decision = decision;
            this.finding = finding;
            this.code = finding == null ? null : finding.code();
            this.rule = rule;
        }

        void removeWithGroup(String rule) {
            this.decision = LineDecision.REMOVE;
            this.finding = null;
            this.code = null;
            this.rule = rule;
        }
    }

    /** §7 runs for the order. */
    private static final class Basket {
        final OrderFact order;

        Basket(OrderFact order) {
            this.order = order;
        }
    }

    /** The order is presumed unfulfillable until a kept line says otherwise. */
    private static final class Unfulfillable {
        final OrderFact order;
        final Finding finding;
        final String rule;

        Unfulfillable(OrderFact order, Finding finding, String rule) {
            this.order = order;
            this.finding = finding;
            this.rule = rule;
        }
    }

    /** A finding and the line it is about ({@link #ORDER_LEVEL} for the order). */
    private record Hit(Finding finding, int line) {
    }
}
