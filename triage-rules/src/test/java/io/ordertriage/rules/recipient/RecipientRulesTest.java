package io.ordertriage.rules.recipient;

import io.ordertriage.TriageEngine;
import io.ordertriage.model.Action;
import io.ordertriage.model.Finding;
import io.ordertriage.model.Order;
import io.ordertriage.model.OrderLine;
import io.ordertriage.model.OrderStatus;
import io.ordertriage.model.PaymentStatus;
import io.ordertriage.model.Priority;
import io.ordertriage.model.TriageResult;
import io.ordertriage.model.Verdict;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import static io.ordertriage.Fixtures.assertNotRaised;
import static io.ordertriage.Fixtures.assertRaised;
import static io.ordertriage.Fixtures.engine;
import static io.ordertriage.Fixtures.engineWith;
import static io.ordertriage.Fixtures.order;
import static io.ordertriage.model.ConfirmationStatus.NOT_REQUIRED;
import static org.assertj.core.api.Assertions.assertThat;

/** Rulebook §14: RECIPIENT_PHONE_MISSING and RECIPIENT_AGE_CHECK. */
class RecipientRulesTest {
    private static final String PHONE_MISSING = "RECIPIENT_PHONE_MISSING";
    private static final String AGE_CHECK = "RECIPIENT_AGE_CHECK";

    /** An order in {@code os} with a normal payment status and a usable customer phone. */
    private static Order.Builder inStatus(OrderStatus os) {
        PaymentStatus ps = os == OrderStatus.CANCELLED ? PaymentStatus.REFUNDED : PaymentStatus.PAID;
        return order("R", os, ps, NOT_REQUIRED).customerPhone("+79145841332").ageVerified(true);
    }

    private static OrderLine adult(String sku) {
        return OrderLine.builder(sku).adultOnly(true).build();
    }

    // ---- RECIPIENT_PHONE_MISSING --------------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(value = OrderStatus.class, names = {"NEW", "CONFIRMED", "ASSEMBLING", "READY", "IN_DELIVERY"})
    void aNamedRecipientWithoutAPhoneInAnOpenOrder(OrderStatus os) {
        Finding f = assertRaised(engine().classify(inStatus(os).recipient("Anna", null).build()),
                PHONE_MISSING, Priority.P3, Action.CALL_CUSTOMER);
        assertThat(f.acknowledged()).isFalse();
    }

    @ParameterizedTest
    @EnumSource(value = OrderStatus.class, names = {"COMPLETED", "CANCELLED"})
    void closedOrdersAreNotAskedForARecipientPhone(OrderStatus os) {
        assertNotRaised(engine().classify(inStatus(os).recipient("Anna", null).build()), PHONE_MISSING);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   "})
    void aBlankRecipientPhoneIsEmpty(String phone) {
        assertRaised(engine().classify(inStatus(OrderStatus.READY).recipient("Anna", phone).build()),
                PHONE_MISSING, Priority.P3, Action.CALL_CUSTOMER);
    }

    @ParameterizedTest
    @ValueSource(strings = {"8 914 584-13-32", "+7 (914) 584-13-32", "not a phone"})
    void anyRecipientPhoneGivenIsEnough(String phone) {
        // the row asks for an empty phone; an unusable one is §17's business (contact.recipientPhone is null)
        assertNotRaised(engine().classify(inStatus(OrderStatus.READY).recipient("Anna", phone).build()), PHONE_MISSING);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  "})
    void noRecipientNameNoRecipient(String name) {
        assertNotRaised(engine().classify(inStatus(OrderStatus.READY).recipient(name, null).build()), PHONE_MISSING);
        assertNotRaised(engine().classify(inStatus(OrderStatus.READY).build()), PHONE_MISSING);
    }

    // ---- RECIPIENT_AGE_CHECK ------------------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(value = OrderStatus.class, names = {"READY", "IN_DELIVERY"})
    void aRecipientOfAdultGoodsHasTheirIdChecked(OrderStatus os) {
        TriageResult r = engine().classify(inStatus(os).recipient("Anna", "+79145841333")
                .line(OrderLine.builder("BREAD").build()).line(adult("WINE")).build());
        assertRaised(r, AGE_CHECK, Priority.P4, Action.VERIFY_AGE);
        assertThat(r.verdict()).as("P4 is information only").isEqualTo(Verdict.OK);
        assertThat(r.priority()).isNull();
    }

    @Test
    void oneAgeCheckPerOrderWithoutASku() {
        TriageResult r = engine().classify(inStatus(OrderStatus.IN_DELIVERY).recipient("Anna", "+79145841333")
                .line(adult("WINE")).line(adult("BEER")).line(adult("CIGARS")).build());
        assertRaised(r, AGE_CHECK, Priority.P4, Action.VERIFY_AGE);
    }

    @ParameterizedTest
    @EnumSource(value = OrderStatus.class, names = {"READY", "IN_DELIVERY"}, mode = EnumSource.Mode.EXCLUDE)
    void theAgeCheckIsOnlyForOrdersAboutToBeHandedOver(OrderStatus os) {
        assertNotRaised(engine().classify(inStatus(os).recipient("Anna", "+79145841333").line(adult("WINE")).build()), AGE_CHECK);
    }

    @Test
    void noAdultLineNoAgeCheck() {
        assertNotRaised(engine().classify(inStatus(OrderStatus.READY).recipient("Anna", "+79145841333")
                .line(OrderLine.builder("BREAD").build()).build()), AGE_CHECK);
        assertNotRaised(engine().classify(inStatus(OrderStatus.READY).recipient("Anna", "+79145841333").build()), AGE_CHECK);
    }

    @Test
    void noRecipientNoAgeCheck() {
        assertNotRaised(engine().classify(inStatus(OrderStatus.READY).line(adult("WINE")).build()), AGE_CHECK);
    }

    @Test
    void theBuyersVerifiedAgeDoesNotCoverTheRecipient() {
        Order verified = inStatus(OrderStatus.READY).ageVerified(true).recipient("Anna", "+79145841333").line(adult("WINE")).build();
        assertRaised(engine().classify(verified), AGE_CHECK, Priority.P4, Action.VERIFY_AGE);
        assertRaised(engine().classify(verified.toBuilder().ageVerified(false).build()), AGE_CHECK, Priority.P4, Action.VERIFY_AGE);
    }

    @Test
    void theRecipientWithoutPhoneAndWithAdultGoodsGetsBoth() {
        TriageResult r = engine().classify(inStatus(OrderStatus.READY).recipient("Anna", null).line(adult("WINE")).build());
        assertRaised(r, PHONE_MISSING, Priority.P3, Action.CALL_CUSTOMER);
        assertRaised(r, AGE_CHECK, Priority.P4, Action.VERIFY_AGE);
        assertThat(r.priority()).isEqualTo(Priority.P3);
    }

    // ---- the pack as a whole ------------------------------------------------------------------------

    @Test
    void switchingThePackOffSilencesBothCodes() {
        TriageEngine off = engineWith("recipient.enabled", "false");
        Order o = inStatus(OrderStatus.READY).recipient("Anna", null).line(adult("WINE")).build();
        TriageResult r = off.classify(o);
        assertNotRaised(r, PHONE_MISSING);
        assertNotRaised(r, AGE_CHECK);
    }
}
