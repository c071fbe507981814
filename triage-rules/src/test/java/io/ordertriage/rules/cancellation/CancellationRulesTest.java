package io.ordertriage.rules.cancellation;

import io.ordertriage.TriageEngine;
import io.ordertriage.model.Action;
import io.ordertriage.model.CancellationRole;
import io.ordertriage.model.Finding;
import io.ordertriage.model.Order;
import io.ordertriage.model.OrderStatus;
import io.ordertriage.model.PaymentStatus;
import io.ordertriage.model.Priority;
import io.ordertriage.model.TriageResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static io.ordertriage.Fixtures.assertRaised;
import static io.ordertriage.Fixtures.engine;
import static io.ordertriage.Fixtures.engineWith;
import static io.ordertriage.Fixtures.order;
import static io.ordertriage.model.CancellationRole.ADMINISTRATOR;
import static io.ordertriage.model.CancellationRole.COURIER;
import static io.ordertriage.model.CancellationRole.OPERATOR;
import static io.ordertriage.model.ConfirmationStatus.NOT_REQUIRED;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rulebook §15: the cancellation catalogue by role, CANCEL_REASON_MISSING, CANCEL_REASON_UNKNOWN and
 * CANCEL_REASON_WRONG_ROLE on CANCELLED orders, at most one of them per order.
 */
class CancellationRulesTest {
    private static final String MISSING = "CANCEL_REASON_MISSING";
    private static final String UNKNOWN = "CANCEL_REASON_UNKNOWN";
    private static final String WRONG_ROLE = "CANCEL_REASON_WRONG_ROLE";
    private static final List<String> CODES = List.of(MISSING, UNKNOWN, WRONG_ROLE);

    private static Order cancelled(String reason, CancellationRole by) {
        return order("X", OrderStatus.CANCELLED, PaymentStatus.REFUNDED, NOT_REQUIRED).cancellation(reason, by).build();
    }

    private static List<Finding> cancellationFindings(TriageResult r) {
        return r.findings().stream().filter(f -> CODES.contains(f.code())).toList();
    }

    /** Asserts the order gets exactly this one of the three codes (P3 REVIEW) and none of the others. */
    private static Finding assertOnly(TriageResult r, String code) {
        Finding f = assertRaised(r, code, Priority.P3, Action.REVIEW);
        assertThat(cancellationFindings(r)).as("at most one of the three").containsExactly(f);
        return f;
    }

    private static void assertNone(TriageResult r) {
        assertThat(cancellationFindings(r)).as("%s", r).isEmpty();
    }

    @ParameterizedTest(name = "{0} by {1}")
    @CsvSource({
            "CUSTOMER_REFUSED, OPERATOR", "CUSTOMER_UNREACHABLE, OPERATOR", "DUPLICATE_ORDER, OPERATOR", "PAYMENT_NOT_RECEIVED, OPERATOR",
            "OUT_OF_STOCK, ADMINISTRATOR", "KEY_ITEM_OUT_OF_STOCK, ADMINISTRATOR", "STORE_CANNOT_FULFIL, ADMINISTRATOR",
            "RECIPIENT_ABSENT, COURIER", "REFUSED_AT_DOOR, COURIER", "AGE_NOT_CONFIRMED, COURIER", "ADDRESS_NOT_FOUND, COURIER"})
    void eachRoleMayGiveItsOwnReasons(String reason, CancellationRole role) {
        assertNone(engine().classify(cancelled(reason, role)));
        for (CancellationRole other : CancellationRole.values()) {
            if (other != role) {
                assertOnly(engine().classify(cancelled(reason, other)), WRONG_ROLE);
            }
        }
    }

    @ParameterizedTest(name = "\"{0}\" by {1}")
    @CsvSource(value = {
            "'  customer_refused ', OPERATOR", "'Out_Of_Stock', ADMINISTRATOR", "'\trecipient_absent\t', COURIER",
            "' Address_Not_Found', COURIER", "'duplicate_ORDER  ', OPERATOR"}, ignoreLeadingAndTrailingWhitespace = false)
    void reasonsMatchIgnoringCaseAndSurroundingSpace(String reason, String role) {
        CancellationRole by = CancellationRole.valueOf(role.strip());
        assertNone(engine().classify(cancelled(reason, by)));
        CancellationRole wrong = by == OPERATOR ? COURIER : OPERATOR;
        assertOnly(engine().classify(cancelled(reason, wrong)), WRONG_ROLE);
    }

    @ParameterizedTest
    @EnumSource(CancellationRole.class)
    void aReasonNotInTheCatalogueIsUnknown(CancellationRole by) {
        Finding f = assertOnly(engine().classify(cancelled("CHANGED_MIND", by)), UNKNOWN);
        assertThat(f.message()).contains("CHANGED_MIND");
        assertOnly(engine().classify(cancelled("customer refused", by)), UNKNOWN);
    }

    @Test
    void anUnknownReasonWithoutARoleIsStillUnknown() {
        assertOnly(engine().classify(cancelled("CHANGED_MIND", null)), UNKNOWN);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   "})
    void aCancelledOrderWithoutAReasonIsMissingOne(String reason) {
        assertOnly(engine().classify(cancelled(reason, OPERATOR)), MISSING);
        assertOnly(engine().classify(cancelled(reason, null)), MISSING);
        assertOnly(engine().classify(cancelled(null, null)), MISSING);
    }

    @ParameterizedTest
    @ValueSource(strings = {"CUSTOMER_REFUSED", "out_of_stock", " REFUSED_AT_DOOR "})
    void aKnownReasonWithoutCancelledByIsFine(String reason) {
        assertNone(engine().classify(cancelled(reason, null)));
    }

    @ParameterizedTest
    @EnumSource(value = OrderStatus.class, names = {"CANCELLED"}, mode = EnumSource.Mode.EXCLUDE)
    void onlyCancelledOrdersAreChecked(OrderStatus os) {
        for (String reason : new String[]{null, "CHANGED_MIND", "OUT_OF_STOCK"}) {
            Order o = order("X", os, PaymentStatus.PAID, NOT_REQUIRED).cancellation(reason, COURIER).build();
            assertNone(engine().classify(o));
        }
    }

    @ParameterizedTest
    @EnumSource(value = PaymentStatus.class)
    void everyCancelledOrderIsCheckedWhateverItsPayment(PaymentStatus ps) {
        Order o = order("X", OrderStatus.CANCELLED, ps, NOT_REQUIRED).build();
        assertOnly(engine().classify(o), MISSING);
    }

    @Test
    void aDeploymentCanReplaceTheCatalogue() {
        TriageEngine e = engineWith("cancellation.reasons", "OPERATOR:FOO;COURIER:BAR");
        assertNone(e.classify(cancelled("FOO", OPERATOR)));
        assertNone(e.classify(cancelled(" foo ", OPERATOR)));
        assertNone(e.classify(cancelled("bar", COURIER)));
        assertNone(e.classify(cancelled("BAR", null)));
        assertOnly(e.classify(cancelled("BAR", OPERATOR)), WRONG_ROLE);
        assertOnly(e.classify(cancelled("FOO", ADMINISTRATOR)), WRONG_ROLE);
        // the default reasons are no longer in the catalogue
        assertOnly(e.classify(cancelled("CUSTOMER_REFUSED", OPERATOR)), UNKNOWN);
        assertOnly(e.classify(cancelled("OUT_OF_STOCK", null)), UNKNOWN);
        assertOnly(e.classify(cancelled(null, OPERATOR)), MISSING);
        // and the default engine does not know the new ones
        assertOnly(engine().classify(cancelled("FOO", OPERATOR)), UNKNOWN);
    }

    @Test
    void theWrongRoleMessageNamesTheReasonAndBothRoles() {
        Finding f = assertOnly(engine().classify(cancelled("out_of_stock", COURIER)), WRONG_ROLE);
        assertThat(f.message()).contains("OUT_OF_STOCK").contains("ADMINISTRATOR").contains("COURIER");
    }

    @Test
    void switchingThePackOffSilencesEveryCancellationCode() {
        TriageEngine off = engineWith("cancellation.enabled", "false");
        assertNone(off.classify(cancelled(null, null)));
        assertNone(off.classify(cancelled("CHANGED_MIND", OPERATOR)));
        assertNone(off.classify(cancelled("OUT_OF_STOCK", COURIER)));
    }
}
