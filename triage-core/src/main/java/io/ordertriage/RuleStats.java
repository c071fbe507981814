package io.ordertriage;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Which rules fired, and for how many orders: a rule author's coverage on real data. Give one to
 * {@link TriageEngine.Builder#ruleStats(RuleStats)}: the engine lists every rule it runs here (so a rule
 * that never fires shows with zero) and counts every order it classifies from then on, on any thread.
 * An engine built without one counts nothing and pays nothing for it.
 *
 * <pre>
 * RuleStats stats = new RuleStats();
 * TriageEngine engine = TriageEngine.builder().ruleStats(stats).build();
 * engine.classifyAll(orders);
 * stats.entries().stream().filter(e -&gt; !e.fired()).forEach(e -&gt; log.info("never fired: {}", e.rule()));
 * </pre>
 *
 * Thread-safe; the counts only grow. Several engines may count into one.
 */
public final class RuleStats {
    private static final Comparator<Entry> ORDER = Comparator.comparing(Entry::packageName).thenComparing(Entry::rule);

    /**
     * One rule's figures.
     *
     * @param packageName the rule's DRL package ({@code io.ordertriage.rules.timers} for a default pack)
     * @param rule        the rule's name
     * @param orders      the orders it fired for (a rule about lines counts an order once however many of
     *                    its lines it fired for)
     * @param firings     the times it fired
     */
    public record Entry(String packageName, String rule, long orders, long firings) {
        /** True when the rule fired at least once. */
        public boolean fired() {
            return firings > 0;
        }
    }

    private record Key(String packageName, String rule) {
    }

    private static final class Counts {
        final LongAdder orders = new LongAdder();
        final LongAdder firings = new LongAdder();
    }

    private final Map<Key, Counts> counts = new ConcurrentHashMap<>();
    private final LongAdder ordersClassified = new LongAdder();

    /** Empty: an engine built with it lists its rules. */
    public RuleStats() {
    }

    /** The orders classified by the engines counting here. */
    public long ordersClassified() {
        return ordersClassified.sum();
    }

    /** Every rule known here, fired or not, by package then name: a snapshot. */
    public List<Entry> entries() {
        List<Entry> out = new ArrayList<>(counts.size());
        counts.forEach((k, c) -> out.add(new Entry(k.packageName(), k.rule(), c.orders.sum(), c.firings.sum())));
        out.sort(ORDER);
        return List.copyOf(out);
    }

    /** Lists a rule with zero counts (an engine does this for each of its rules when it is built). */
    void register(String packageName, String rule) {
        counts.computeIfAbsent(new Key(packageName, rule), k -> new Counts());
    }

    void classified(int orders) {
        ordersClassified.add(orders);
    }

    void fired(String packageName, String rule, int orders, int firings) {
        Counts c = counts.computeIfAbsent(new Key(packageName, rule), k -> new Counts());
        c.orders.add(orders);
        c.firings.add(firings);
    }
}
