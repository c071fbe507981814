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
import org.jeasy.rules.api.Condition;
import org.jeasy.rules.api.Facts;
import org.jeasy.rules.api.Rule;
import org.jeasy.rules.api.RuleListener;
import org.jeasy.rules.api.Rules;
import org.jeasy.rules.api.RulesEngine;
import org.jeasy.rules.api.RulesEngineParameters;
import org.jeasy.rules.core.DefaultRulesEngine;
import org.jeasy.rules.core.RuleBuilder;

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
 * A benchmark peer: the default rules of the rulebook (§2–§7) written with
 * <a href="https://github.com/j-easy/easy-rules">Easy Rules</a> 4.1, as idiomatically as that engine
 * allows.
 *
 * <p>Every row of the rulebook's tables is one Easy Rules {@link Rule} built with a {@link RuleBuilder}
 * and lambdas; rules read the order from {@link Facts} and record what they find in a results fact
 * ({@code outcome}). Two {@link Rules} sets, built once from the settings (a switched-off pack's rules
 * are simply not registered), are fired per order:
 * <ul>
 *   <li>the status pack (§3: 13 normal combinations then 8 diagnoses, in table order) on an engine
 *       with {@code skipOnFirstAppliedRule}, which is Easy Rules' idiom for "the first that applies";</li>
 *   <li>everything else (§4 timers, §5 age, §6 pricing, §7 substitution) on an engine that fires
 *       every applicable rule in priority order.</li>
 * </ul>
 * Easy Rules has no pattern matching over many facts, so a line-level row is one rule whose condition
 * is "some line of the order matches" and whose action records one finding per matching line. The
 * substitution rows chain through a derived fact, the {@code basket}: a scope rule puts it when §7
 * applies, the key-item rule removes whole groups from it, the later rules only look at lines still
 * kept, and ORDER_UNFULFILLABLE (lowest priority) reads the final basket.
 *
 * <p>Output conventions are the reference's: findings sorted by priority, then line index (order-level
 * first), then code; {@code normalCombination} is the matched id or {@code null}; the basket has one
 * entry per line when §7 ran and is empty otherwise. Thread-safe: the engines and rules are immutable
 * after construction and each order gets its own {@link Facts}.
 */
public final class EasyRulesClassifier {

    // Fact names.
    private static final String ORDER = "order";
    private static final String AS_OF = "asOf";
    private static final String OUTCOME = "outcome";
    private static final String BASKET = "basket";

    /** The line index of an order-level finding; sorts before every line. */
    private static final int ORDER_LEVEL = -1;

    private static final Set<ConfirmationStatus> C_STAR =
            EnumSet.of(ConfirmationStatus.CONFIRMED, ConfirmationStatus.NOT_REQUIRED);
    private static final Set<ConfirmationStatus> ANY_CONFIRMATION = EnumSet.allOf(ConfirmationStatus.class);
    private static final Set<OrderStatus> FULFILLING =
            EnumSet.of(OrderStatus.ASSEMBLING, OrderStatus.READY, OrderStatus.IN_DELIVERY, OrderStatus.COMPLETED);
    private static final Set<OrderStatus> NEW_OR_CONFIRMED = EnumSet.of(OrderStatus.NEW, OrderStatus.CONFIRMED);
    private static final Set<OrderStatus> PAST_CONFIRMATION = EnumSet.of(OrderStatus.CONFIRMED,
            OrderStatus.ASSEMBLING, OrderStatus.READY, OrderStatus.IN_DELIVERY, OrderStatus.COMPLETED);
    private static final Set<OrderStatus> IN_FULFILMENT = EnumSet.of(OrderStatus.CONFIRMED,
            OrderStatus.ASSEMBLING, OrderStatus.READY, OrderStatus.IN_DELIVERY);
    private static final Set<OrderStatus> OPEN_FOR_SUBSTITUTION =
            EnumSet.of(OrderStatus.NEW, OrderStatus.CONFIRMED, OrderStatus.ASSEMBLING);

    private final RulesEngine firstApplicableEngine;
    private final Rules statusRules;
    private final RulesEngine engine;
    private final Rules rules;

    public EasyRulesClassifier(TriageSettings settings, PriceList priceListOrNull) {
        Objects.requireNonNull(settings, "settings");

        // Easy Rules swallows (logs) exceptions thrown by conditions and actions; a benchmark peer must not
        // silently compute a wrong answer, so any rule error fails the classification.
        RuleListener failFast = new RuleListener() {
            @Override
            public void onEvaluationError(Rule rule, Facts facts, Exception e) {
                throw new IllegalStateException("rule " + rule.getName() + " failed to evaluate", e);
            }

            @Override
            public void onFailure(Rule rule, Facts facts, Exception e) {
                throw new IllegalStateException("rule " + rule.getName() + " failed to execute", e);
            }
        };
        DefaultRulesEngine first = new DefaultRulesEngine(new RulesEngineParameters()
                .skipOnFirstAppliedRule(true)
                .skipOnFirstFailedRule(true));
        first.registerRuleListener(failFast);
        this.firstApplicableEngine = first;
        DefaultRulesEngine all = new DefaultRulesEngine(new RulesEngineParameters()
                .skipOnFirstFailedRule(true));
        all.registerRuleListener(failFast);
        this.engine = all;

        this.statusRules = new Rules();
        if (settings.isEnabled(RulePack.STATUS)) {
            registerStatusRules(statusRules);
        }
        this.rules = new Rules();
        if (settings.isEnabled(RulePack.TIMERS)) {
            registerTimerRules(rules, settings);
        }
        if (settings.isEnabled(RulePack.AGE)) {
            registerAgeRules(rules);
        }
        if (settings.isEnabled(RulePack.PRICING) && priceListOrNull != null) {
            registerPricingRules(rules, priceListOrNull);
        }
        if (settings.isEnabled(RulePack.SUBSTITUTION)) {
            registerSubstitutionRules(rules);
        }
    }

    /** Classifies each order (one {@link Facts} per order, both rule sets fired on it). */
    public List<TriageResult> classifyAll(List<Order> orders, Instant asOf) {
        Objects.requireNonNull(asOf, "asOf");
        List<TriageResult> results = new ArrayList<>(orders.size());
        for (Order order : orders) {
            Outcome outcome = new Outcome();
            Facts facts = new Facts();
            facts.put(ORDER, order);
            facts.put(AS_OF, asOf);
            facts.put(OUTCOME, outcome);
            if (!statusRules.isEmpty()) {
                firstApplicableEngine.fire(statusRules, facts);
            }
            if (!rules.isEmpty()) {
                engine.fire(rules, facts);
            }
            Basket basket = facts.get(BASKET);
            results.add(outcome.toResult(order, basket));
        }
        return results;
    }

    // ---------------------------------------------------------------- §3 status combinations

    private static void registerStatusRules(Rules rules) {
        // Normal combinations: mutually exclusive, so their relative order does not matter; they come
        // before the diagnoses so that a normal order gets no diagnosis.
        rules.register(
                normal("N01", 1, OrderStatus.NEW, EnumSet.of(PaymentStatus.PENDING), EnumSet.of(ConfirmationStatus.AWAITING)),
                normal("N02", 2, OrderStatus.NEW, EnumSet.of(PaymentStatus.PENDING), EnumSet.of(ConfirmationStatus.NOT_REQUIRED)),
                normal("N03", 3, OrderStatus.NEW, EnumSet.of(PaymentStatus.PAID), EnumSet.of(ConfirmationStatus.AWAITING)),
                normal("N04", 4, OrderStatus.NEW, EnumSet.of(PaymentStatus.PAID), EnumSet.of(ConfirmationStatus.NOT_REQUIRED)),
                normal("N05", 5, OrderStatus.CONFIRMED, EnumSet.of(PaymentStatus.PENDING), C_STAR),
                normal("N06", 6, OrderStatus.CONFIRMED, EnumSet.of(PaymentStatus.PAID), C_STAR),
                normal("N07", 7, OrderStatus.ASSEMBLING, EnumSet.of(PaymentStatus.PAID), C_STAR),
                normal("N08", 8, OrderStatus.READY, EnumSet.of(PaymentStatus.PAID), C_STAR),
                normal("N09", 9, OrderStatus.IN_DELIVERY, EnumSet.of(PaymentStatus.PAID), C_STAR),
                normal("N10", 10, OrderStatus.COMPLETED, EnumSet.of(PaymentStatus.PAID), C_STAR),
                normal("N11", 11, OrderStatus.COMPLETED,
                        EnumSet.of(PaymentStatus.REFUND_PENDING, PaymentStatus.REFUNDED), C_STAR),
                normal("N12", 12, OrderStatus.CANCELLED,
                        EnumSet.of(PaymentStatus.PENDING, PaymentStatus.FAILED, PaymentStatus.REFUNDED), ANY_CONFIRMATION),
                normal("N13", 13, OrderStatus.CANCELLED, EnumSet.of(PaymentStatus.REFUND_PENDING), ANY_CONFIRMATION));

        // Diagnoses, in the rulebook's order; the engine stops at the first one that applies.
        rules.register(
                orderRule("status.CANCELLED_BUT_PAID", 21, "order CANCELLED, payment PAID",
                        facts -> {
                            Order o = facts.get(ORDER);
                            return o.orderStatus() == OrderStatus.CANCELLED && o.paymentStatus() == PaymentStatus.PAID;
                        },
                        "CANCELLED_BUT_PAID", Priority.P1, Action.REFUND,
                        "The order is cancelled but paid: refund the customer."),
                orderRule("status.PAID_BUT_REJECTED", 22, "confirmation REJECTED, payment PAID",
                        facts -> {
                            Order o = facts.get(ORDER);
                            return o.confirmationStatus() == ConfirmationStatus.REJECTED
                                    && o.paymentStatus() == PaymentStatus.PAID;
                        },
                        "PAID_BUT_REJECTED", Priority.P1, Action.REFUND,
                        "The confirmation was rejected but the order is paid: refund the customer."),
                orderRule("status.REJECTED_NOT_CANCELLED", 23, "confirmation REJECTED, order not CANCELLED",
                        facts -> {
                            Order o = facts.get(ORDER);
                            return o.confirmationStatus() == ConfirmationStatus.REJECTED
                                    && o.orderStatus() != OrderStatus.CANCELLED;
                        },
                        "REJECTED_NOT_CANCELLED", Priority.P2, Action.CANCEL_ORDER,
                        "The confirmation was rejected but the order is not cancelled: cancel it."),
                orderRule("status.FULFILLING_UNPAID", 24, "order being fulfilled, payment PENDING or FAILED",
                        facts -> {
                            Order o = facts.get(ORDER);
                            return FULFILLING.contains(o.orderStatus())
                                    && (o.paymentStatus() == PaymentStatus.PENDING || o.paymentStatus() == PaymentStatus.FAILED);
                        },
                        "FULFILLING_UNPAID", Priority.P1, Action.CALL_CUSTOMER,
                        "The order is being fulfilled but is not paid: call the customer."),
                orderRule("status.PAYMENT_FAILED", 25, "payment FAILED, order NEW or CONFIRMED",
                        facts -> {
                            Order o = facts.get(ORDER);
                            return o.paymentStatus() == PaymentStatus.FAILED && NEW_OR_CONFIRMED.contains(o.orderStatus());
                        },
                        "PAYMENT_FAILED", Priority.P2, Action.CALL_CUSTOMER,
                        "The payment failed: call the customer."),
                orderRule("status.AHEAD_OF_CONFIRMATION", 26, "confirmation AWAITING, order past NEW",
                        facts -> {
                            Order o = facts.get(ORDER);
                            return o.confirmationStatus() == ConfirmationStatus.AWAITING
                                    && PAST_CONFIRMATION.contains(o.orderStatus());
                        },
                        "AHEAD_OF_CONFIRMATION", Priority.P2, Action.CALL_SUPPLIER,
                        "The order went ahead while the confirmation is still awaited: call the supplier."),
                orderRule("status.REFUND_WITHOUT_CANCELLATION", 27,
                        "payment REFUND_PENDING or REFUNDED, order neither CANCELLED nor COMPLETED",
                        facts -> {
                            Order o = facts.get(ORDER);
                            PaymentStatus ps = o.paymentStatus();
                            OrderStatus os = o.orderStatus();
                            return (ps == PaymentStatus.REFUND_PENDING || ps == PaymentStatus.REFUNDED)
                                    && os != OrderStatus.CANCELLED && os != OrderStatus.COMPLETED;
                        },
                        "REFUND_WITHOUT_CANCELLATION", Priority.P2, Action.REVIEW,
                        "A refund exists but the order is neither cancelled nor completed: review it."),
                orderRule("status.STATUS_UNRECOGNISED", 28, "none of the above",
                        Condition.TRUE,
                        "STATUS_UNRECOGNISED", Priority.P3, Action.REVIEW,
                        "The combination of statuses is not a known normal one: review it."));
    }

    /** One normal combination: records its id as the order's normal combination. */
    private static Rule normal(String id, int priority, OrderStatus orderStatus, Set<PaymentStatus> payment,
                               Set<ConfirmationStatus> confirmation) {
        return new RuleBuilder()
                .name("status." + id)
                .description(id + ": " + orderStatus + ", " + payment + ", " + confirmation)
                .priority(priority)
                .when(facts -> {
                    Order o = facts.get(ORDER);
                    return o.orderStatus() == orderStatus && payment.contains(o.paymentStatus())
                            && confirmation.contains(o.confirmationStatus());
                })
                .then(facts -> {
                    Outcome outcome = facts.get(OUTCOME);
                    outcome.normalCombination = id;
                })
                .build();
    }

    // ---------------------------------------------------------------- §4 timers

    private static void registerTimerRules(Rules rules, TriageSettings settings) {
        Duration confirmationTimeout = settings.confirmationTimeout();
        Duration paymentTimeout = settings.paymentTimeout();
        Duration refundTimeout = settings.refundTimeout();
        Duration deliveryGrace = settings.deliveryGrace();
        rules.register(
                orderRule("timers.CONFIRMATION_OVERDUE", 100,
                        "confirmation AWAITING, order NEW or CONFIRMED, created more than the confirmation timeout ago",
                        facts -> {
                            Order o = facts.get(ORDER);
                            return o.confirmationStatus() == ConfirmationStatus.AWAITING
                                    && NEW_OR_CONFIRMED.contains(o.orderStatus())
                                    && elapsedExceeds(o.createdAt(), facts.get(AS_OF), confirmationTimeout);
                        },
                        "CONFIRMATION_OVERDUE", Priority.P2, Action.CALL_SUPPLIER,
                        "The supplier has not confirmed the order in time: call the supplier."),
                orderRule("timers.PAYMENT_OVERDUE", 101,
                        "payment PENDING, order NEW or CONFIRMED, created more than the payment timeout ago",
                        facts -> {
                            Order o = facts.get(ORDER);
                            return o.paymentStatus() == PaymentStatus.PENDING
                                    && NEW_OR_CONFIRMED.contains(o.orderStatus())
                                    && elapsedExceeds(o.createdAt(), facts.get(AS_OF), paymentTimeout);
                        },
                        "PAYMENT_OVERDUE", Priority.P2, Action.CALL_CUSTOMER,
                        "The customer has not paid in time: call the customer."),
                orderRule("timers.REFUND_OVERDUE", 102,
                        "payment REFUND_PENDING, updated more than the refund timeout ago",
                        facts -> {
                            Order o = facts.get(ORDER);
                            return o.paymentStatus() == PaymentStatus.REFUND_PENDING
                                    && elapsedExceeds(o.updatedAt(), facts.get(AS_OF), refundTimeout);
                        },
                        "REFUND_OVERDUE", Priority.P2, Action.ESCALATE_REFUND,
                        "The refund has been pending too long: escalate it."),
                orderRule("timers.DELIVERY_LATE", 103,
                        "order in fulfilment, past its estimated delivery by more than the delivery grace",
                        facts -> {
                            Order o = facts.get(ORDER);
                            Instant eta = o.estimatedDeliveryAt();
                            return eta != null && IN_FULFILMENT.contains(o.orderStatus())
                                    && elapsedExceeds(eta, facts.get(AS_OF), deliveryGrace);
                        },
                        "DELIVERY_LATE", Priority.P2, Action.CALL_CUSTOMER,
                        "The order is past its estimated delivery: call the customer."));
    }

    /** {@code as-of − from} strictly greater than {@code threshold} (rulebook §4). */
    private static boolean elapsedExceeds(Instant from, Instant asOf, Duration threshold) {
        return Duration.between(from, asOf).compareTo(threshold) > 0;
    }

    // ---------------------------------------------------------------- §5 age gating

    private static void registerAgeRules(Rules rules) {
        String name = "age.AGE_NOT_VERIFIED";
        rules.register(new RuleBuilder()
                .name(name)
                .description("order neither CANCELLED nor COMPLETED, age not verified, an 18+ line")
                .priority(200)
                .when(facts -> {
                    Order o = facts.get(ORDER);
                    return ageGated(o) && anyLine(o.lines(), (i, line) -> line.adultOnly());
                })
                .then(facts -> {
                    Order o = facts.get(ORDER);
                    Outcome outcome = facts.get(OUTCOME);
                    List<OrderLine> lines = o.lines();
                    for (int i = 0; i < lines.size(); i++) {
                        OrderLine line = lines.get(i);
                        if (line.adultOnly()) {
                            outcome.add(new Finding("AGE_NOT_VERIFIED", Priority.P2, Action.VERIFY_AGE, line.sku(), name,
                                    "An 18+ line on a customer whose age is not verified: verify the age."), i);
                        }
                    }
                })
                .build());
    }

    private static boolean ageGated(Order o) {
        return !o.ageVerified() && o.orderStatus() != OrderStatus.CANCELLED && o.orderStatus() != OrderStatus.COMPLETED;
    }

    // ---------------------------------------------------------------- §6 city pricing and assortment

    private static void registerPricingRules(Rules rules, PriceList priceList) {
        rules.register(orderRule("pricing.CITY_MISSING", 300, "order not CANCELLED, with lines, without a city",
                facts -> {
                    Order o = facts.get(ORDER);
                    return o.orderStatus() != OrderStatus.CANCELLED && !o.lines().isEmpty() && o.city() == null;
                },
                "CITY_MISSING", Priority.P3, Action.REVIEW,
                "The order has no city, so its prices and assortment cannot be checked: review it."));

        // A line whose sku has no price in the order's city.
        LineTest<Order> notInAssortment = (o, i, line) -> priceList.referencePriceOrNull(o.city(), line.sku()) == null;
        String assortmentRule = "pricing.NOT_IN_CITY_ASSORTMENT";
        rules.register(new RuleBuilder()
                .name(assortmentRule)
                .description("order neither CANCELLED nor COMPLETED, with a city; a line's sku has no price in it")
                .priority(301)
                .when(facts -> {
                    Order o = facts.get(ORDER);
                    return o.orderStatus() != OrderStatus.CANCELLED && o.orderStatus() != OrderStatus.COMPLETED
                            && o.city() != null && anyLine(o.lines(), (i, line) -> notInAssortment.test(o, i, line));
                })
                .then(facts -> {
                    Order o = facts.get(ORDER);
                    Outcome outcome = facts.get(OUTCOME);
                    List<OrderLine> lines = o.lines();
                    for (int i = 0; i < lines.size(); i++) {
                        OrderLine line = lines.get(i);
                        if (notInAssortment.test(o, i, line)) {
                            outcome.add(new Finding("NOT_IN_CITY_ASSORTMENT", Priority.P3, Action.REMOVE_ITEM,
                                    line.sku(), assortmentRule,
                                    "The line's sku is not sold in the order's city: remove the item."), i);
                        }
                    }
                })
                .build());

        // A line priced above its city reference price (exact decimal comparison).
        LineTest<Order> aboveReference = (o, i, line) -> {
            BigDecimal price = line.unitPrice();
            if (price == null) {
                return false;
            }
            BigDecimal reference = priceList.referencePriceOrNull(o.city(), line.sku());
            return reference != null && price.compareTo(reference) > 0;
        };
        String priceRule = "pricing.PRICE_ABOVE_CITY_REFERENCE";
        rules.register(new RuleBuilder()
                .name(priceRule)
                .description("order not CANCELLED, with a city; a line's unit price is above the city reference price")
                .priority(302)
                .when(facts -> {
                    Order o = facts.get(ORDER);
                    return o.orderStatus() != OrderStatus.CANCELLED && o.city() != null
                            && anyLine(o.lines(), (i, line) -> aboveReference.test(o, i, line));
                })
                .then(facts -> {
                    Order o = facts.get(ORDER);
                    Outcome outcome = facts.get(OUTCOME);
                    List<OrderLine> lines = o.lines();
                    for (int i = 0; i < lines.size(); i++) {
                        OrderLine line = lines.get(i);
                        if (aboveReference.test(o, i, line)) {
                            outcome.add(new Finding("PRICE_ABOVE_CITY_REFERENCE", Priority.P2, Action.ADJUST_PRICE,
                                    line.sku(), priceRule,
                                    "The line's unit price is above the city reference price: adjust the price."), i);
                        }
                    }
                })
                .build());
    }

    // ---------------------------------------------------------------- §7 substitution and key items

    private static void registerSubstitutionRules(Rules rules) {
        // Scope: §7 runs for open orders with lines; it derives the basket fact the other rules work on.
        rules.register(new RuleBuilder()
                .name("substitution.RESOLVE_BASKET")
                .description("order NEW, CONFIRMED or ASSEMBLING with at least one line: start its basket")
                .priority(400)
                .when(facts -> {
                    Order o = facts.get(ORDER);
                    return OPEN_FOR_SUBSTITUTION.contains(o.orderStatus()) && !o.lines().isEmpty();
                })
                .then(facts -> {
                    Order o = facts.get(ORDER);
                    facts.put(BASKET, new Basket(o.lines()));
                })
                .build());

        // Rule 1: an unsatisfiable key line removes its whole group.
        LineTest<Basket> unsatisfiableKey = (b, i, line) -> line.keyItem() && !satisfiable(line);
        String keyRule = "substitution.KEY_ITEM_UNAVAILABLE";
        rules.register(basketRule(keyRule, 410, "a key line that is not satisfiable removes its group",
                unsatisfiableKey, (b, outcome, i, line) -> {
                    b.removeGroup(line.lineGroup());
                    outcome.add(new Finding("KEY_ITEM_UNAVAILABLE", Priority.P3, Action.REMOVE_ITEMS, line.sku(),
                            keyRule, "A key item is unavailable without a substitute: remove its group."), i);
                }));

        // Rule 2: outside removed groups, a non-satisfiable line is removed ...
        LineTest<Basket> unavailable = (b, i, line) -> b.isKept(i) && !satisfiable(line);
        String unavailableRule = "substitution.ITEM_UNAVAILABLE";
        rules.register(basketRule(unavailableRule, 420, "a line not satisfiable outside a removed group is removed",
                unavailable, (b, outcome, i, line) -> {
                    b.remove(i);
                    outcome.add(new Finding("ITEM_UNAVAILABLE", Priority.P3, Action.REMOVE_ITEM, line.sku(),
                            unavailableRule, "The item is unavailable without a substitute: remove it."), i);
                }));

        // ... and a line not available but satisfiable (by its substitute) is substituted.
        LineTest<Basket> substituted = (b, i, line) -> b.isKept(i) && !line.available() && satisfiable(line);
        String substitutedRule = "substitution.ITEM_SUBSTITUTED";
        rules.register(basketRule(substitutedRule, 430, "an unavailable line with an available accepted substitute",
                substituted, (b, outcome, i, line) -> {
                    b.substitute(i, line.substituteSku());
                    outcome.add(new Finding("ITEM_SUBSTITUTED", Priority.P4, Action.SUBSTITUTE_ITEM, line.sku(),
                            substitutedRule, "The item is unavailable and replaced by its accepted substitute."), i);
                }));

        // Rule 3: every line removed.
        rules.register(orderRule("substitution.ORDER_UNFULFILLABLE", 440, "every line of the basket is removed",
                facts -> {
                    Basket b = facts.get(BASKET);
                    return b != null && b.allRemoved();
                },
                "ORDER_UNFULFILLABLE", Priority.P1, Action.CANCEL_ORDER,
                "Every line of the order is removed: cancel the order."));
    }

    /** A line-level §7 rule: applies when the basket exists and one of its lines matches; acts per matching line. */
    private static Rule basketRule(String name, int priority, String description, LineTest<Basket> match,
                                   BasketEffect effect) {
        return new RuleBuilder()
                .name(name)
                .description(description)
                .priority(priority)
                .when(facts -> {
                    Basket b = facts.get(BASKET);
                    return b != null && anyLine(b.lines, (i, line) -> match.test(b, i, line));
                })
                .then(facts -> {
                    Basket b = facts.get(BASKET);
                    Outcome outcome = facts.get(OUTCOME);
                    List<OrderLine> lines = b.lines;
                    for (int i = 0; i < lines.size(); i++) {
                        OrderLine line = lines.get(i);
                        if (match.test(b, i, line)) {
                            effect.apply(b, outcome, i, line);
                        }
                    }
                })
                .build();
    }

    private static boolean satisfiable(OrderLine line) {
        return line.available() || (line.substituteSku() != null && line.substituteAvailable());
    }

    // ---------------------------------------------------------------- building blocks

    /** A rule that records one order-level finding when its condition holds. */
    private static Rule orderRule(String name, int priority, String description, Condition when,
                                  String code, Priority findingPriority, Action action, String message) {
        Finding finding = new Finding(code, findingPriority, action, null, name, message);
        return new RuleBuilder()
                .name(name)
                .description(description)
                .priority(priority)
                .when(when)
                .then(facts -> {
                    Outcome outcome = facts.get(OUTCOME);
                    outcome.add(finding, ORDER_LEVEL);
                })
                .build();
    }

    @FunctionalInterface
    private interface LineTest<C> {
        boolean test(C context, int index, OrderLine line);
    }

    @FunctionalInterface
    private interface IndexedLineTest {
        boolean test(int index, OrderLine line);
    }

    @FunctionalInterface
    private interface BasketEffect {
        void apply(Basket basket, Outcome outcome, int index, OrderLine line);
    }

    private static boolean anyLine(List<OrderLine> lines, IndexedLineTest test) {
        for (int i = 0; i < lines.size(); i++) {
            if (test.test(i, lines.get(i))) {
                return true;
            }
        }
        return false;
    }

    /** The derived §7 fact: one decision per line, KEEP until a rule decides otherwise. */
    private static final class Basket {
        final List<OrderLine> lines;
        private final LineDecision[] decisions;
        private final String[] substitutes;
        private int removed;

        Basket(List<OrderLine> lines) {
            this.lines = lines;
            this.decisions = new LineDecision[lines.size()];
            this.substitutes = new String[lines.size()];
            Arrays.fill(decisions, LineDecision.KEEP);
        }

        boolean isKept(int i) {
            return decisions[i] == LineDecision.KEEP;
        }

        void remove(int i) {
            if (decisions[i] != LineDecision.REMOVE) {
                decisions[i] = LineDecision.REMOVE;
                substitutes[i] = null;
                removed++;
            }
        }

        void removeGroup(String group) {
            for (int i = 0; i < decisions.length; i++) {
                if (lines.get(i).lineGroup().equals(group)) {
                    remove(i);
                }
            }
        }

        void substitute(int i, String substituteSku) {
            decisions[i] = LineDecision.SUBSTITUTE;
            substitutes[i] = substituteSku;
        }

        boolean allRemoved() {
            return removed == decisions.length;
        }

        List<LineResolution> toList() {
            LineResolution[] out = new LineResolution[decisions.length];
            for (int i = 0; i < out.length; i++) {
                out[i] = new LineResolution(lines.get(i).sku(), decisions[i], substitutes[i]);
            }
            return Arrays.asList(out);
        }
    }

    /** The results fact: the matched normal combination and the findings with the line each is about. */
    private static final class Outcome {
        private static final Comparator<Outcome.Entry> ORDER_OF_FINDINGS = Comparator
                .comparing((Entry e) -> e.finding.priority())
                .thenComparingInt(e -> e.line)
                .thenComparing(e -> e.finding.code());

        String normalCombination;
        private final List<Entry> entries = new ArrayList<>(4);

        void add(Finding finding, int line) {
            entries.add(new Entry(finding, line));
        }

        TriageResult toResult(Order order, Basket basketOrNull) {
            List<Finding> findings;
            Priority priority = null;
            if (entries.isEmpty()) {
                findings = List.of();
            } else {
                entries.sort(ORDER_OF_FINDINGS);
                Finding[] sorted = new Finding[entries.size()];
                for (int i = 0; i < sorted.length; i++) {
                    sorted[i] = entries.get(i).finding;
                }
                findings = Arrays.asList(sorted);
                Priority first = sorted[0].priority();
                priority = first.needsAttention() ? first : null;
            }
            List<LineResolution> basket = basketOrNull == null ? List.of() : basketOrNull.toList();
            return new TriageResult(order.orderId(), order.createdAt(),
                    priority == null ? Verdict.OK : Verdict.ATTENTION, priority, normalCombination, findings, basket);
        }

        private record Entry(Finding finding, int line) {
        }
    }
}
