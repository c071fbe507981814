package io.ordertriage;

import io.ordertriage.model.ConfirmationStatus;
import io.ordertriage.model.Finding;
import io.ordertriage.model.LineDecision;
import io.ordertriage.model.LineResolution;
import io.ordertriage.model.Order;
import io.ordertriage.model.OrderLine;
import io.ordertriage.model.OrderStatus;
import io.ordertriage.model.PaymentStatus;
import io.ordertriage.model.PriceList;
import io.ordertriage.model.TriageResult;
import io.ordertriage.model.Verdict;
import io.ordertriage.reference.OrderArbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.GenerationMode;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static io.ordertriage.Fixtures.AS_OF;
import static io.ordertriage.Fixtures.CLOCK;
import static org.assertj.core.api.Assertions.assertThat;

/** Invariants of the default rules that hold for every order, checked on generated orders. */
class InvariantPropertiesTest {
    private static final Set<String> STATUS_CODES = Set.of("CANCELLED_BUT_PAID", "PAID_BUT_REJECTED",
            "REJECTED_NOT_CANCELLED", "FULFILLING_UNPAID", "PAYMENT_FAILED", "AHEAD_OF_CONFIRMATION",
            "REFUND_WITHOUT_CANCELLATION", "STATUS_UNRECOGNISED");

    private static final PriceList PRICES = OrderArbitraries.priceLists().sample();
    private static final TriageEngine PRICED = TriageEngine.builder().clock(CLOCK).priceList(PRICES).build();

    @Provide
    Arbitrary<Order> orders() {
        return OrderArbitraries.orders(AS_OF);
    }

    private static boolean unsatisfiable(OrderLine l) {
        return !l.available() && (l.substituteSku() == null || !l.substituteAvailable());
    }

    @Property(generation = GenerationMode.EXHAUSTIVE)
    void everyStatusCombinationIsNormalOrGetsExactlyOneStatusFinding(
            @ForAll OrderStatus os, @ForAll PaymentStatus ps, @ForAll ConfirmationStatus cs) {
        TriageResult r = Fixtures.engine().classify(Fixtures.healthyOrder("E", os, ps, cs).build());
        long statusFindings = r.findings().stream().filter(f -> STATUS_CODES.contains(f.code())).count();
        if (r.normalCombination() != null) {
            assertThat(statusFindings).isZero();
            assertThat(r.normalCombination()).matches("N(0[1-9]|1[0-3])");
        } else {
            assertThat(statusFindings).isEqualTo(1);
        }
        Statistics.label("normal").collect(r.normalCombination() != null);
    }

    @Property(tries = 1500)
    void theBasketNeverKeepsALineOfAGroupWhoseKeyItemIsUnsatisfiable(@ForAll("orders") Order order) {
        TriageResult r = PRICED.classify(order);
        if (r.basket().isEmpty()) {
            return;
        }
        Set<String> lostGroups = order.lines().stream().filter(l -> l.keyItem() && unsatisfiable(l))
                .map(OrderLine::lineGroup).collect(Collectors.toSet());
        for (int i = 0; i < order.lines().size(); i++) {
            if (lostGroups.contains(order.lines().get(i).lineGroup())) {
                assertThat(r.basket().get(i).decision()).isEqualTo(LineDecision.REMOVE);
            }
        }
        Statistics.label("group lost").collect(!lostGroups.isEmpty());
    }

    @Property(tries = 1500)
    void everyRemovedLineIsExplainedByAFinding(@ForAll("orders") Order order) {
        TriageResult r = PRICED.classify(order);
        for (int i = 0; i < r.basket().size(); i++) {
            if (r.basket().get(i).decision() != LineDecision.REMOVE) {
                continue;
            }
            OrderLine line = order.lines().get(i);
            boolean ownFinding = r.findings().stream()
                    .anyMatch(f -> f.code().equals("ITEM_UNAVAILABLE") && line.sku().equals(f.sku()));
            boolean groupLost = order.lines().stream().anyMatch(k -> k.keyItem() && unsatisfiable(k)
                    && k.lineGroup().equals(line.lineGroup())
                    && r.findings().stream().anyMatch(f -> f.code().equals("KEY_ITEM_UNAVAILABLE") && k.sku().equals(f.sku())));
            assertThat(ownFinding || groupLost).as("line %d (%s) removed without a finding: %s", i, line, r).isTrue();
        }
    }

    @Property(tries = 1500)
    void theVerdictIsAttentionExactlyWhenAP1ToP3FindingExists(@ForAll("orders") Order order) {
        TriageResult r = PRICED.classify(order);
        boolean urgent = r.findings().stream().anyMatch(f -> f.priority().needsAttention());
        assertThat(r.verdict()).isEqualTo(urgent ? Verdict.ATTENTION : Verdict.OK);
        if (urgent) {
            assertThat(r.priority()).isEqualTo(r.findings().get(0).priority());
        }
        Statistics.label("verdict").collect(r.verdict());
    }

    @Property(tries = 1000)
    void resultsDoNotDependOnTheOrderOfLines(@ForAll("orders") Order order, @ForAll long seed) {
        List<OrderLine> shuffled = new ArrayList<>(order.lines());
        Collections.shuffle(shuffled, new java.util.Random(seed));
        TriageResult a = PRICED.classify(order);
        TriageResult b = PRICED.classify(order.toBuilder().lines(shuffled).build());
        assertThat(b.verdict()).isEqualTo(a.verdict());
        assertThat(b.priority()).isEqualTo(a.priority());
        assertThat(b.normalCombination()).isEqualTo(a.normalCombination());
        Comparator<Finding> byContent = Comparator.comparing(Finding::code)
                .thenComparing(f -> String.valueOf(f.sku())).thenComparing(Finding::message);
        assertThat(sorted(b.findings(), byContent)).isEqualTo(sorted(a.findings(), byContent));
        // each line keeps its own decision wherever it stands
        List<String> decisionsA = new ArrayList<>();
        List<String> decisionsB = new ArrayList<>();
        for (int i = 0; i < a.basket().size(); i++) {
            decisionsA.add(order.lines().get(i) + "=" + describe(a.basket().get(i)));
        }
        for (int i = 0; i < b.basket().size(); i++) {
            decisionsB.add(shuffled.get(i) + "=" + describe(b.basket().get(i)));
        }
        Collections.sort(decisionsA);
        Collections.sort(decisionsB);
        assertThat(decisionsB).isEqualTo(decisionsA);
    }

    private static String describe(LineResolution r) {
        return r.decision() + (r.substituteSku() == null ? "" : ":" + r.substituteSku());
    }

    private static <T> List<T> sorted(List<T> list, Comparator<T> order) {
        List<T> copy = new ArrayList<>(list);
        copy.sort(order);
        return copy;
    }
}
