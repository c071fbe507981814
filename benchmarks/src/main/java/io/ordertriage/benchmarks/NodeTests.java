package io.ordertriage.benchmarks;

import io.ordertriage.RulePack;
import io.ordertriage.TriageSettings;
import io.ordertriage.facts.LineFact;
import io.ordertriage.facts.OrderFact;
import io.ordertriage.internal.BatchClassifier;
import io.ordertriage.internal.RuleBase;
import io.ordertriage.model.DeliveryTerms;
import io.ordertriage.model.Order;
import io.ordertriage.model.PriceList;
import io.ordertriage.reference.OrderGenerator;
import org.drools.base.base.ClassObjectType;
import org.drools.core.common.DefaultFactHandle;
import org.drools.core.common.InternalFactHandle;
import org.drools.core.common.ReteEvaluator;
import org.drools.core.impl.InternalRuleBase;
import org.drools.core.reteoo.AlphaNode;
import org.drools.core.reteoo.ObjectSink;
import org.drools.core.reteoo.ObjectSinkPropagator;
import org.drools.core.reteoo.ObjectTypeNode;
import org.kie.api.runtime.KieSession;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Counts the alpha-node tests (one constraint evaluated on one fact) that the benchmark's batch
 * costs per order, with every pack and with part two switched off: a figure that, unlike a
 * throughput, does not move with the machine's noise. Each order's facts are walked through the
 * object-type nodes they reach, depth first, stopping where a constraint fails, as the engine does.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar io.ordertriage.benchmarks.NodeTests</pre>
 */
public final class NodeTests {
    private static final Instant AS_OF = ClassifyBenchmark.AS_OF;

    public static void main(String[] args) {
        List<Order> orders = new OrderGenerator(42, AS_OF).orders(ClassifyBenchmark.BATCH);
        TriageSettings all = TriageSettings.defaults();
        TriageSettings partOne = all;
        for (RulePack p : RulePack.PART_TWO) {
            partOne = partOne.withPack(p, false);
        }
        Count every = count(orders, all);
        Count one = count(orders, partOne);
        System.out.printf("node tests per order: every pack %.2f (on lines %.2f), part two off %.2f (on lines %.2f):"
                        + " part two adds %.2f%n", every.perOrder(), every.linesPerOrder(), one.perOrder(),
                one.linesPerOrder(), every.perOrder() - one.perOrder());
        System.out.println("constraints that part two adds, tests per order:");
        every.byConstraint().forEach((constraint, n) -> {
            double added = (n - one.byConstraint().getOrDefault(constraint, 0L)) / (double) orders.size();
            if (added > 0.005) {
                System.out.printf("  %6.2f  %s%n", added, constraint);
            }
        });
    }

    private record Count(long orders, long tests, long lineTests, Map<String, Long> byConstraint) {
        double perOrder() {
            return tests / (double) orders;
        }

        double linesPerOrder() {
            return lineTests / (double) orders;
        }
    }

    private static Count count(List<Order> orders, TriageSettings settings) {
        PriceList prices = OrderGenerator.priceList();
        DeliveryTerms terms = OrderGenerator.deliveryTerms();
        RuleBase base = RuleBase.load(NodeTests.class.getClassLoader(), List.of())
                .withoutPackages(BatchClassifier.disabledPackages(settings, prices));
        List<ObjectTypeNode> nodes = ((InternalRuleBase) base.kieBase()).getRete().getObjectTypeNodes();
        KieSession session = base.kieBase().newKieSession();
        try {
            Walker walker = new Walker((ReteEvaluator) session);
            LocalDate asOfDate = LocalDate.ofInstant(AS_OF, ZoneOffset.UTC);
            long lineTests = 0;
            for (Order order : orders) {
                OrderFact of = new OrderFact(order, AS_OF, asOfDate, ZoneOffset.UTC, settings, terms, null);
                walker.fact(nodes, of);
                long before = walker.tests;
                for (int j = 0; j < order.lines().size(); j++) {
                    walker.fact(nodes, new LineFact(of, order.lines().get(j), j,
                            prices.referencePriceOrNull(order.city(), order.lines().get(j).sku())));
                }
                lineTests += walker.tests - before;
            }
            return new Count(orders.size(), walker.tests, lineTests, walker.byConstraint);
        } finally {
            session.dispose();
        }
    }

    private static final class Walker {
        final ReteEvaluator evaluator;
        final Map<String, Long> byConstraint = new TreeMap<>();
        long tests;

        Walker(ReteEvaluator evaluator) {
            this.evaluator = evaluator;
        }

        void fact(List<ObjectTypeNode> nodes, Object fact) {
            InternalFactHandle handle = new DefaultFactHandle(1, fact);
            for (ObjectTypeNode otn : nodes) {
                if (otn.getObjectType() instanceof ClassObjectType type && type.getClassType().isInstance(fact)) {
                    walk(otn.getObjectSinkPropagator(), handle);
                }
            }
        }

        private void walk(ObjectSinkPropagator propagator, InternalFactHandle handle) {
            for (ObjectSink sink : propagator.getSinks()) {
                if (sink instanceof AlphaNode alpha) {
                    tests++;
                    String text = alpha.getConstraint().toString().replaceAll("(?s).*?\\), ", "")
                            .replaceAll("\\s+", " ").replaceAll("]$", "");
                    byConstraint.merge(text, 1L, Long::sum);
                    if (alpha.getConstraint().isAllowed(handle, evaluator)) {
                        walk(alpha.getObjectSinkPropagator(), handle);
                    }
                }
            }
        }
    }
}
