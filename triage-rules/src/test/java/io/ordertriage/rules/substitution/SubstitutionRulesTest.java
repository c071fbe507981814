package io.ordertriage.rules.substitution;

import io.ordertriage.model.Action;
import io.ordertriage.model.Finding;
import io.ordertriage.model.LineResolution;
import io.ordertriage.model.Order;
import io.ordertriage.model.OrderLine;
import io.ordertriage.model.OrderStatus;
import io.ordertriage.model.Priority;
import io.ordertriage.model.TriageResult;
import io.ordertriage.model.Verdict;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static io.ordertriage.Fixtures.engine;
import static io.ordertriage.Fixtures.order;
import static io.ordertriage.model.ConfirmationStatus.CONFIRMED;
import static io.ordertriage.model.LineDecision.KEEP;
import static io.ordertriage.model.LineDecision.REMOVE;
import static io.ordertriage.model.LineDecision.SUBSTITUTE;
import static io.ordertriage.model.OrderStatus.ASSEMBLING;
import static io.ordertriage.model.PaymentStatus.PAID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** Rulebook §7: satisfiable lines, key items taking their group with them, substitutes and the basket. */
class SubstitutionRulesTest {

    private static OrderLine available(String sku) {
        return OrderLine.builder(sku).build();
    }

    private static OrderLine missing(String sku) {
        return OrderLine.builder(sku).available(false).build();
    }

    private static OrderLine substituted(String sku, String alt) {
        return OrderLine.builder(sku).available(false).substitute(alt, true).build();
    }

    private static TriageResult classify(OrderLine... lines) {
        return classify(ASSEMBLING, lines);
    }

    private static TriageResult classify(OrderStatus os, OrderLine... lines) {
        Order.Builder b = order("S", os, PAID, CONFIRMED);
        for (OrderLine l : lines) {
            b.line(l);
        }
        return engine().classify(b.build());
    }

    @Test
    void availableLinesAreKeptSilently() {
        TriageResult r = classify(available("A"), available("B"));
        assertThat(r.findings()).isEmpty();
        assertThat(r.basket()).containsExactly(new LineResolution("A", KEEP, null), new LineResolution("B", KEEP, null));
    }

    @Test
    void anUnavailableLineWithoutSubstituteIsRemoved() {
        TriageResult r = classify(available("A"), missing("B"));
        assertThat(r.findings()).extracting(Finding::code, Finding::sku, Finding::priority, Finding::action)
                .containsExactly(tuple("ITEM_UNAVAILABLE", "B", Priority.P3, Action.REMOVE_ITEM));
        assertThat(r.basket()).extracting(LineResolution::decision).containsExactly(KEEP, REMOVE);
        assertThat(r.verdict()).isEqualTo(Verdict.ATTENTION);
    }

    @Test
    void aSubstituteThatIsAlsoUnavailableDoesNotHelp() {
        OrderLine b = OrderLine.builder("B").available(false).substitute("B2", false).build();
        TriageResult r = classify(available("A"), b);
        assertThat(r.findings()).extracting(Finding::code).containsExactly("ITEM_UNAVAILABLE");
        assertThat(r.basket()).extracting(LineResolution::decision).containsExactly(KEEP, REMOVE);
    }

    @Test
    void anAvailableSubstituteReplacesTheLineAsInformationOnly() {
        TriageResult r = classify(available("A"), substituted("B", "B2"));
        assertThat(r.findings()).extracting(Finding::code, Finding::sku, Finding::priority, Finding::action)
                .containsExactly(tuple("ITEM_SUBSTITUTED", "B", Priority.P4, Action.SUBSTITUTE_ITEM));
        assertThat(r.basket()).containsExactly(new LineResolution("A", KEEP, null), new LineResolution("B", SUBSTITUTE, "B2"));
        assertThat(r.verdict()).as("P4 alone leaves the order OK").isEqualTo(Verdict.OK);
        assertThat(r.priority()).isNull();
    }

    @Test
    void anUnavailableKeyItemRemovesItsWholeGroupAndRaisesNothingElseThere() {
        OrderLine key = OrderLine.builder("PASTA").keyItem(true).available(false).lineGroup("carbonara").build();
        OrderLine bacon = OrderLine.builder("BACON").lineGroup("carbonara").build();
        OrderLine eggs = OrderLine.builder("EGGS").lineGroup("carbonara").available(false).build();
        OrderLine cream = OrderLine.builder("CREAM").lineGroup("carbonara").available(false).substitute("CREAM2", true).build();
        OrderLine bread = available("BREAD");
        TriageResult r = classify(key, bacon, eggs, cream, bread);
        assertThat(r.findings()).extracting(Finding::code, Finding::sku, Finding::priority, Finding::action)
                .containsExactly(tuple("KEY_ITEM_UNAVAILABLE", "PASTA", Priority.P3, Action.REMOVE_ITEMS));
        assertThat(r.basket()).extracting(LineResolution::sku, LineResolution::decision).containsExactly(
                tuple("PASTA", REMOVE), tuple("BACON", REMOVE), tuple("EGGS", REMOVE), tuple("CREAM", REMOVE), tuple("BREAD", KEEP));
    }

    @Test
    void aKeyItemSatisfiedByItsSubstituteKeepsItsGroup() {
        OrderLine key = OrderLine.builder("PASTA").keyItem(true).available(false).substitute("PASTA2", true).lineGroup("g").build();
        OrderLine bacon = OrderLine.builder("BACON").lineGroup("g").build();
        TriageResult r = classify(key, bacon);
        assertThat(r.findings()).extracting(Finding::code, Finding::sku).containsExactly(tuple("ITEM_SUBSTITUTED", "PASTA"));
        assertThat(r.basket()).extracting(LineResolution::decision).containsExactly(SUBSTITUTE, KEEP);
    }

    @Test
    void twoUnsatisfiableKeyItemsInOneGroupGiveTwoFindingsAndOneDecisionPerLine() {
        OrderLine k1 = OrderLine.builder("K1").keyItem(true).available(false).lineGroup("g").build();
        OrderLine k2 = OrderLine.builder("K2").keyItem(true).available(false).lineGroup("g").build();
        OrderLine other = OrderLine.builder("X").lineGroup("g").build();
        OrderLine elsewhere = OrderLine.builder("Y").lineGroup("h").build();
        TriageResult r = classify(k1, k2, other, elsewhere);
        assertThat(r.findings()).extracting(Finding::code, Finding::sku)
                .containsExactly(tuple("KEY_ITEM_UNAVAILABLE", "K1"), tuple("KEY_ITEM_UNAVAILABLE", "K2"));
        assertThat(r.basket()).extracting(LineResolution::decision).containsExactly(REMOVE, REMOVE, REMOVE, KEEP);
    }

    @Test
    void aKeyItemOnlyAffectsItsOwnGroup() {
        OrderLine key = OrderLine.builder("K").keyItem(true).available(false).lineGroup("g").build();
        TriageResult r = classify(key, missing("LOOSE"), available("FINE"));
        assertThat(r.findings()).extracting(Finding::code, Finding::sku)
                .containsExactly(tuple("KEY_ITEM_UNAVAILABLE", "K"), tuple("ITEM_UNAVAILABLE", "LOOSE"));
        assertThat(r.basket()).extracting(LineResolution::decision).containsExactly(REMOVE, REMOVE, KEEP);
    }

    @Test
    void theDefaultGroupHasKeyItemsToo() {
        OrderLine key = OrderLine.builder("K").keyItem(true).available(false).build();
        TriageResult r = classify(key, available("A"), OrderLine.builder("B").lineGroup("other").build());
        assertThat(r.basket()).extracting(LineResolution::decision).containsExactly(REMOVE, REMOVE, KEEP);
        assertThat(r.findings()).extracting(Finding::code).containsExactly("KEY_ITEM_UNAVAILABLE");
    }

    @Test
    void anOrderWhoseEveryLineIsRemovedIsUnfulfillable() {
        OrderLine key = OrderLine.builder("K").keyItem(true).available(false).lineGroup("g").build();
        OrderLine inGroup = OrderLine.builder("X").lineGroup("g").build();
        TriageResult r = classify(key, inGroup, missing("Y"));
        assertThat(r.findings()).extracting(Finding::code, Finding::sku, Finding::priority).containsExactly(
                tuple("ORDER_UNFULFILLABLE", null, Priority.P1),
                tuple("KEY_ITEM_UNAVAILABLE", "K", Priority.P3),
                tuple("ITEM_UNAVAILABLE", "Y", Priority.P3));
        assertThat(r.findings().get(0).action()).isEqualTo(Action.CANCEL_ORDER);
        assertThat(r.priority()).isEqualTo(Priority.P1);
        assertThat(r.basket()).extracting(LineResolution::decision).containsOnly(REMOVE);
    }

    @Test
    void oneKeptOrSubstitutedLineIsEnoughToFulfil() {
        assertThat(classify(missing("A"), substituted("B", "B2")).findings()).extracting(Finding::code)
                .containsExactly("ITEM_UNAVAILABLE", "ITEM_SUBSTITUTED");
    }

    @ParameterizedTest
    @EnumSource(value = OrderStatus.class, names = {"NEW", "CONFIRMED", "ASSEMBLING"}, mode = EnumSource.Mode.EXCLUDE)
    void runsOnlyForOrdersNotYetAssembled(OrderStatus os) {
        TriageResult r = classify(os, missing("A"), OrderLine.builder("K").keyItem(true).available(false).build());
        assertThat(r.findings()).extracting(Finding::code).doesNotContain(
                "ITEM_UNAVAILABLE", "KEY_ITEM_UNAVAILABLE", "ORDER_UNFULFILLABLE", "ITEM_SUBSTITUTED");
        assertThat(r.basket()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(value = OrderStatus.class, names = {"NEW", "CONFIRMED", "ASSEMBLING"})
    void runsForNewConfirmedAndAssemblingOrders(OrderStatus os) {
        assertThat(classify(os, missing("A")).findings()).extracting(Finding::code).contains("ITEM_UNAVAILABLE", "ORDER_UNFULFILLABLE");
    }

    @Test
    void anOrderWithoutLinesIsNotUnfulfillable() {
        TriageResult r = classify();
        assertThat(r.findings()).isEmpty();
        assertThat(r.basket()).isEmpty();
    }

    @Test
    void duplicateSkusAreDecidedPerLine() {
        TriageResult r = classify(available("A"), missing("A"));
        assertThat(r.basket()).extracting(LineResolution::decision).containsExactly(KEEP, REMOVE);
        assertThat(r.findings()).extracting(Finding::code).containsExactly("ITEM_UNAVAILABLE");
    }
}
