package io.ordertriage.internal;

import io.ordertriage.RulePack;
import io.ordertriage.TriageSettings;
import io.ordertriage.facts.Basket;
import io.ordertriage.facts.BasketDecision;
import io.ordertriage.facts.ComboSet;
import io.ordertriage.facts.FindingFact;
import io.ordertriage.facts.LineFact;
import io.ordertriage.facts.NormalCombination;
import io.ordertriage.facts.OfOrder;
import io.ordertriage.facts.OrderFact;
import io.ordertriage.model.Acknowledgements;
import io.ordertriage.model.Contact;
import io.ordertriage.model.DeliveryTerms;
import io.ordertriage.model.Finding;
import io.ordertriage.model.LineDecision;
import io.ordertriage.model.LineResolution;
import io.ordertriage.model.Order;
import io.ordertriage.model.OrderLine;
import io.ordertriage.model.PriceList;
import io.ordertriage.model.Priority;
import io.ordertriage.model.TriageResult;
import io.ordertriage.model.Verdict;
import org.kie.api.definition.rule.Rule;
import org.kie.api.event.rule.AfterMatchFiredEvent;
import org.kie.api.event.rule.DefaultAgendaEventListener;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.KieSessionsPool;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Runs one batch of orders through a fresh Drools session and assembles their results. Thread-safe:
 * it holds only immutable state; each call has its own session.
 */
public final class BatchClassifier {
    /** Findings most urgent first, then order-level before line-level, lines in order, then by code. */
    private static final Comparator<Acc.Raised> FINDING_ORDER = Comparator
            .comparing((Acc.Raised r) -> r.finding().priority())
            .thenComparingInt(Acc.Raised::lineIndex)
            .thenComparing(r -> r.finding().code())
            .thenComparing(r -> r.finding().message());

    private final TriageSettings settings;
    private final PriceList priceList;
    private final DeliveryTerms deliveryTerms;
    private final Acknowledgements acknowledgements;
    private final java.util.function.UnaryOperator<String> toE164;
    private final Set<RulePack> activePacks;
    /**
     * Sessions are reused: a disposed session goes back to the pool, reset, with its node memories
     * kept, which is much cheaper than building them for every batch. The pool grows as threads need.
     */
    private final KieSessionsPool sessions;
    /** Where firings are counted, or {@code null}: then no listener is added and nothing is counted. */
    private final RuleCounter counter;

    /** Receives each batch's firings, per rule; called from the classifying threads. */
    public interface RuleCounter {
        /** The base holds this rule (told once for each, when the classifier is made). */
        void register(String packageName, String rule);

        /** A batch of {@code orders} was classified. */
        void classified(int orders);

        /** In one batch, the rule fired {@code firings} times, for {@code orders} distinct orders. */
        void fired(String packageName, String rule, int orders, int firings);
    }

    /**
     * @param priceList        or {@code null}: the pricing pack does not run
     * @param deliveryTerms    or {@code null}: no order has a promised arrival (§11)
     * @param acknowledgements never {@code null}
     */
    public BatchClassifier(RuleBase ruleBase, TriageSettings settings, PriceList priceList, DeliveryTerms deliveryTerms,
                           Acknowledgements acknowledgements, RuleCounter counter) {
        this.counter = counter;
        if (counter != null) {
            ruleBase.kieBase().getKiePackages().forEach(p -> p.getRules().forEach(r -> counter.register(p.getName(), r.getName())));
        }
        this.sessions = ruleBase.kieBase().newKieSessionsPool(Runtime.getRuntime().availableProcessors());
        this.settings = settings;
        this.priceList = priceList;
        this.deliveryTerms = deliveryTerms;
        this.acknowledgements = acknowledgements;
        Phones phones = new Phones(settings.contactRegion());
        this.toE164 = phones::e164;
        this.activePacks = activePacks(settings, priceList);
        Set<String> idle = disabledPackages(settings, priceList);
        if (idle.stream().anyMatch(ruleBase::hasPackage)) {
            throw new IllegalArgumentException("the rule base still holds packs that do not run: "
                    + idle.stream().filter(ruleBase::hasPackage).sorted().toList() + "; remove them first");
        }
    }

    /** The packs that run: those enabled in the settings, less PRICING without a price list. */
    public static Set<RulePack> activePacks(TriageSettings settings, PriceList priceList) {
        EnumSet<RulePack> active = settings.enabledPacks().isEmpty()
                ? EnumSet.noneOf(RulePack.class) : EnumSet.copyOf(settings.enabledPacks());
        if (priceList == null) {
            active.remove(RulePack.PRICING);
        }
        return Collections.unmodifiableSet(active);
    }

    /**
     * The DRL packages of the packs that do not run, which the engine removes from its rule base
     * (so their rules are not even matched). Extra rules in other packages always run.
     */
    public static Set<String> disabledPackages(TriageSettings settings, PriceList priceList) {
        Set<RulePack> active = activePacks(settings, priceList);
        return Arrays.stream(RulePack.values())
                .filter(p -> !active.contains(p))
                .map(RulePack::packageName)
                .collect(Collectors.toUnmodifiableSet());
    }

    public TriageSettings settings() {
        return settings;
    }

    public Set<RulePack> activePacks() {
        return activePacks;
    }

    /** The contact of an order: its phones in E.164 form with their WhatsApp links (§17), read on first use. */
    Contact contact(Order order) {
        return Contact.reading(order.customerPhone(), order.recipientPhone(), toE164);
    }

    /** Classifies {@code orders} at {@code asOf}, reading offset-less dates in {@code zone}. */
    public List<TriageResult> classify(List<Order> orders, Instant asOf, ZoneId zone) {
        IdentityHashMap<OrderFact, Acc> byOrder = new IdentityHashMap<>(orders.size() * 2);
        Acc[] accs = new Acc[orders.size()];
        java.time.LocalDate asOfDate = java.time.LocalDate.ofInstant(asOf, zone);
        KieSession session = sessions.newKieSession();
        FiringCounter firings = counter == null ? null : new FiringCounter();
        if (firings != null) {
            session.addEventListener(firings);
        }
        try {
            for (int i = 0; i < accs.length; i++) {
                Order order = orders.get(i);
                OrderFact of = new OrderFact(order, asOf, asOfDate, zone, settings, deliveryTerms, contact(order));
                accs[i] = new Acc(of);
                byOrder.put(of, accs[i]);
                session.insert(of);
                List<OrderLine> lines = order.lines();
                Map<String, BigDecimal> cityPrices = priceList == null ? null : priceList.cityPrices(order.city());
                for (int j = 0; j < lines.size(); j++) {
                    OrderLine line = lines.get(j);
                    BigDecimal reference = cityPrices == null ? null : cityPrices.get(line.sku());
                    session.insert(new LineFact(of, line, j, reference));
                }
                for (ComboSet combo : ComboSet.of(of)) {
                    session.insert(combo);
                }
            }
            session.fireAllRules();
            for (Object o : session.getObjects()) {
                if (o instanceof FindingFact f) {
                    byOrder.get(f.getOrder()).findings.add(
                            new Acc.Raised(f.getFinding(), f.getLine() == null ? -1 : f.getLine().getIndex()));
                } else if (o instanceof NormalCombination n) {
                    byOrder.get(n.getOrder()).normal.add(n.getId());
                } else if (o instanceof BasketDecision d) {
                    byOrder.get(d.getLine().getOrder()).decisions.add(d);
                } else if (o instanceof Basket b) {
                    byOrder.get(b.getOrder()).basketResolved = true;
                }
            }
        } finally {
            if (firings != null) {
                session.removeEventListener(firings);
            }
            session.dispose();
        }
        if (firings != null) {
            firings.report(counter, accs.length);
        }
        List<TriageResult> results = new ArrayList<>(accs.length);
        for (Acc acc : accs) {
            results.add(acc.toResult(acknowledgements, asOf));
        }
        return results;
    }

    /** Counts one batch's firings per rule, and the distinct orders each fired for. */
    private static final class FiringCounter extends DefaultAgendaEventListener {
        private static final class Counts {
            int firings;
            final Set<OrderFact> orders = Collections.newSetFromMap(new IdentityHashMap<>());
        }

        private final Map<Rule, Counts> byRule = new IdentityHashMap<>();

        @Override
        public void afterMatchFired(AfterMatchFiredEvent event) {
            Counts c = byRule.computeIfAbsent(event.getMatch().getRule(), r -> new Counts());
            c.firings++;
            for (Object o : event.getMatch().getObjects()) {
                OrderFact order = orderOf(o);
                if (order != null) {
                    c.orders.add(order);
                    break;
                }
            }
        }

        void report(RuleCounter counter, int orders) {
            counter.classified(orders);
            byRule.forEach((rule, c) -> counter.fired(rule.getPackageName(), rule.getName(), c.orders.size(), c.firings));
        }

        /** The order a matched fact is about, or {@code null} for a fact of no order (an extra rule's own type). */
        private static OrderFact orderOf(Object fact) {
            if (fact instanceof OrderFact o) {
                return o;
            } else if (fact instanceof OfOrder f) {
                return f.getOrder();
            }
            return null;
        }
    }

    /** What the rules left for one order. */
    private static final class Acc {
        record Raised(Finding finding, int lineIndex) {
        }

        final OrderFact order;
        final List<Raised> findings = new ArrayList<>(2);
        final List<String> normal = new ArrayList<>(1);
        final List<BasketDecision> decisions = new ArrayList<>(0);
        boolean basketResolved;

        Acc(OrderFact order) {
            this.order = order;
        }

        TriageResult toResult(Acknowledgements acks, Instant asOf) {
            Order o = order.getOrder();
            findings.sort(FINDING_ORDER);
            List<Finding> fs = new ArrayList<>(findings.size());
            Priority top = null;
            boolean mentioned = !acks.isEmpty() && acks.mentions(o.orderId());
            for (Raised r : findings) {
                Finding f = r.finding();
                if (mentioned && acks.holding(o.orderId(), f.code(), asOf) != null) {
                    f = f.acknowledge();
                }
                fs.add(f);
                Priority p = f.priority();
                if (f.needsAttention() && (top == null || p.compareTo(top) < 0)) {
                    top = p;
                }
            }
            Verdict verdict = top == null ? Verdict.OK : Verdict.ATTENTION;
            Collections.sort(normal);
            String combination = normal.isEmpty() ? null : String.join(",", normal);
            return new TriageResult(o.orderId(), o.createdAt(), verdict, top, combination, fs, basket(), order.getContact());
        }

        /** Every line of a resolved basket: its decision, or KEEP. */
        private List<LineResolution> basket() {
            if (!basketResolved) {
                return List.of();
            }
            List<OrderLine> lines = order.getOrder().lines();
            LineResolution[] out = new LineResolution[lines.size()];
            for (BasketDecision d : decisions) {
                out[d.getLine().getIndex()] = d.toResolution();
            }
            for (int i = 0; i < out.length; i++) {
                if (out[i] == null) {
                    out[i] = new LineResolution(lines.get(i).sku(), LineDecision.KEEP, null);
                }
            }
            return Arrays.asList(out);
        }
    }
}
