package io.ordertriage.rules.contacts;

import io.ordertriage.TriageEngine;
import io.ordertriage.model.Acknowledgement;
import io.ordertriage.model.Action;
import io.ordertriage.model.Contact;
import io.ordertriage.model.Finding;
import io.ordertriage.model.Fulfilment;
import io.ordertriage.model.Order;
import io.ordertriage.model.OrderStatus;
import io.ordertriage.model.PaymentStatus;
import io.ordertriage.model.Priority;
import io.ordertriage.model.TriageResult;
import io.ordertriage.model.Verdict;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;

import static io.ordertriage.Fixtures.AS_OF;
import static io.ordertriage.Fixtures.CLOCK;
import static io.ordertriage.Fixtures.assertNotRaised;
import static io.ordertriage.Fixtures.assertRaised;
import static io.ordertriage.Fixtures.codes;
import static io.ordertriage.Fixtures.engine;
import static io.ordertriage.Fixtures.engineWith;
import static io.ordertriage.Fixtures.findings;
import static io.ordertriage.Fixtures.order;
import static io.ordertriage.model.ConfirmationStatus.AWAITING;
import static io.ordertriage.model.ConfirmationStatus.NOT_REQUIRED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/**
 * Rulebook §17: the customer's and the recipient's phones in E.164 form with WhatsApp links on every
 * result, read with libphonenumber in the region {@code contact.region}; PHONE_UNUSABLE when a finding
 * asks to call the customer and the customer's phone is empty or not a valid number.
 */
class ContactRulesTest {
    private static final String UNUSABLE = "PHONE_UNUSABLE";
    private static final String E164 = "+79145841332";
    private static final String WHATSAPP = "https://wa.me/79145841332";
    private static final String VALID = "8 914 584-13-32";

    private static Order.Builder okOrder() {
        return order("K", OrderStatus.CONFIRMED, PaymentStatus.PAID, NOT_REQUIRED);
    }

    /** Asserts the contact's four values. */
    private static void assertContact(Contact c, String phone, String whatsapp, String recipientPhone, String recipientWhatsapp) {
        assertThat(c).as("contact").isNotNull();
        assertThat(c).extracting(Contact::phone, Contact::whatsapp, Contact::recipientPhone, Contact::recipientWhatsapp)
                .containsExactly(phone, whatsapp, recipientPhone, recipientWhatsapp);
    }

    // ---- contacts on every result -------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"8 914 584-13-32", "+7 (914) 584-13-32", "79145841332", "+79145841332", " 8 (914) 584 13 32 "})
    void theCustomersPhoneInE164WithAWhatsappLink(String phone) {
        TriageResult r = engine().classify(okOrder().customerPhone(phone).build());
        assertContact(r.contact(), E164, WHATSAPP, null, null);
        assertThat(r.verdict()).as("an order with a phone and nothing else wrong").isEqualTo(Verdict.OK);
    }

    @ParameterizedTest
    @ValueSource(strings = {"8 914 584-13-32", "+7 (914) 584-13-32", "79145841332"})
    void theRecipientsPhoneTheSame(String phone) {
        TriageResult r = engine().classify(okOrder().recipient("Anna", phone).build());
        assertContact(r.contact(), null, null, E164, WHATSAPP);
    }

    @Test
    void bothPhonesAtOnce() {
        TriageResult r = engine().classify(okOrder().customerPhone("+7 (914) 584-13-32").recipient("Anna", "8 (701) 123-45-67").build());
        assertContact(r.contact(), E164, WHATSAPP, "+77011234567", "https://wa.me/77011234567");
    }

    static Stream<String> garbage() {
        return Stream.of("abc", "12345", "8 800", "+7 914 584 13 3", "++--()", "☎ call me", "телефон", "0",
                "+", "1".repeat(200), "8 914 584-13-32 8 914 584-13-32 8 914 584-13-32 8 914 584-13-32 x");
    }

    @ParameterizedTest
    @MethodSource("garbage")
    void anUnusablePhoneGivesNullsNeverAnError(String phone) {
        Order o = okOrder().customerPhone(phone).recipient("Anna", phone).build();
        assertThatCode(() -> engine().classify(o)).doesNotThrowAnyException();
        assertContact(engine().classify(o).contact(), null, null, null, null);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   "})
    void noPhoneGivesNulls(String phone) {
        assertContact(engine().classify(okOrder().customerPhone(phone).build()).contact(), null, null, null, null);
        assertContact(engine().classify(okOrder().build()).contact(), null, null, null, null);
    }

    @Test
    void theRegionSettingChangesHowANumberWithoutCountryCodeIsRead() {
        TriageEngine germany = engineWith("contact.region", "DE");
        Order berlin = okOrder().customerPhone("030 12345678").build();
        assertThat(germany.classify(berlin).contact().phone()).isEqualTo("+493012345678");
        assertThat(germany.classify(berlin).contact().whatsapp()).isEqualTo("https://wa.me/493012345678");
        assertThat(engine().classify(berlin).contact().phone()).as("not a valid Russian number").isNull();
        // the same digits are a Russian mobile in RU and a Munich number in DE
        Order ambiguous = okOrder().customerPhone(VALID).recipient("Anna", VALID).build();
        assertContact(engine().classify(ambiguous).contact(), E164, WHATSAPP, E164, WHATSAPP);
        assertThat(germany.classify(ambiguous).contact().phone()).isEqualTo("+4989145841332");
        assertThat(germany.classify(ambiguous).contact().recipientPhone()).isEqualTo("+4989145841332");
        // a number with its country code reads the same in any region
        assertThat(germany.classify(okOrder().customerPhone("+7 (914) 584-13-32").build()).contact().phone()).isEqualTo(E164);
        assertThat(engine().classify(okOrder().customerPhone("+49 30 12345678").build()).contact().phone()).isEqualTo("+493012345678");
    }

    @Test
    void contactsDoNotDependOnThePack() {
        TriageEngine off = engineWith("contacts.enabled", "false");
        assertContact(off.classify(okOrder().customerPhone(VALID).build()).contact(), E164, WHATSAPP, null, null);
    }

    // ---- PHONE_UNUSABLE -----------------------------------------------------------------------------

    /** Orders each with at least one finding whose action is CALL_CUSTOMER, and no customer phone. */
    static Stream<Order> callCustomer() {
        return Stream.of(
                // RECIPIENT_PHONE_MISSING
                order("R", OrderStatus.CONFIRMED, PaymentStatus.PAID, NOT_REQUIRED).recipient("Anna", null).build(),
                // PAYMENT_OVERDUE
                Order.builder("P").createdAt(AS_OF.minus(Duration.ofMinutes(31))).statuses(OrderStatus.NEW, PaymentStatus.PENDING, NOT_REQUIRED).build(),
                // FULFILLING_UNPAID (P1)
                order("F", OrderStatus.ASSEMBLING, PaymentStatus.PENDING, NOT_REQUIRED).build(),
                // DELIVERY_DATE_MISSED
                order("D", OrderStatus.IN_DELIVERY, PaymentStatus.PAID, NOT_REQUIRED)
                        .fulfilment(Fulfilment.DELIVERY).deliveryDate(LocalDate.of(2026, 3, 9)).build());
    }

    @ParameterizedTest
    @MethodSource("callCustomer")
    void aCallWithoutAPhoneIsUnusable(Order o) {
        assertThat(engine().classify(o).findings()).extracting(Finding::action).contains(Action.CALL_CUSTOMER);
        Finding f = assertRaised(engine().classify(o), UNUSABLE, Priority.P2, Action.REVIEW);
        assertThat(f.acknowledged()).isFalse();
    }

    @ParameterizedTest
    @MethodSource("callCustomer")
    void aCallWithAnInvalidPhoneIsUnusable(Order o) {
        for (String bad : new String[]{"12345", "abc", "   ", "+7 914 584 13 3"}) {
            assertRaised(engine().classify(o.toBuilder().customerPhone(bad).build()), UNUSABLE, Priority.P2, Action.REVIEW);
        }
    }

    @ParameterizedTest
    @MethodSource("callCustomer")
    void aCallWithAValidPhoneIsFine(Order o) {
        for (String good : new String[]{"8 914 584-13-32", "+7 (914) 584-13-32", "79145841332"}) {
            assertNotRaised(engine().classify(o.toBuilder().customerPhone(good).build()), UNUSABLE);
        }
    }

    @Test
    void onePerOrderWhateverTheNumberOfCalls() {
        // PAYMENT_OVERDUE and RECIPIENT_PHONE_MISSING both ask to call the customer
        Order o = Order.builder("P").createdAt(AS_OF.minus(Duration.ofHours(1)))
                .statuses(OrderStatus.NEW, PaymentStatus.PENDING, NOT_REQUIRED).recipient("Anna", null).build();
        TriageResult r = engine().classify(o);
        assertThat(r.findings()).filteredOn(f -> f.action() == Action.CALL_CUSTOMER).hasSizeGreaterThanOrEqualTo(2);
        assertRaised(r, UNUSABLE, Priority.P2, Action.REVIEW);
    }

    @Test
    void withoutACallCustomerFindingThePhoneDoesNotMatter() {
        List<Order> others = List.of(
                // CONFIRMATION_OVERDUE: CALL_SUPPLIER
                Order.builder("C").createdAt(AS_OF.minus(Duration.ofMinutes(20))).statuses(OrderStatus.NEW, PaymentStatus.PAID, AWAITING).build(),
                // CANCEL_REASON_MISSING: REVIEW
                order("X", OrderStatus.CANCELLED, PaymentStatus.REFUNDED, NOT_REQUIRED).build(),
                // CANCELLED_BUT_PAID: REFUND
                order("Y", OrderStatus.CANCELLED, PaymentStatus.PAID, NOT_REQUIRED).cancellation("DUPLICATE_ORDER", null).build(),
                // no finding at all
                okOrder().build());
        for (Order o : others) {
            TriageResult r = engine().classify(o);
            assertThat(r.findings()).extracting(Finding::action).as("%s", codes(r)).doesNotContain(Action.CALL_CUSTOMER);
            assertNotRaised(r, UNUSABLE);
            assertNotRaised(engine().classify(o.toBuilder().customerPhone("garbage").build()), UNUSABLE);
        }
    }

    @Test
    void aUsableRecipientPhoneDoesNotStandInForTheCustomers() {
        Order o = Order.builder("P").createdAt(AS_OF.minus(Duration.ofMinutes(31)))
                .statuses(OrderStatus.NEW, PaymentStatus.PENDING, NOT_REQUIRED).recipient("Anna", VALID).build();
        assertRaised(engine().classify(o), UNUSABLE, Priority.P2, Action.REVIEW);
    }

    @Test
    void theRegionDecidesWhetherThePhoneIsValid() {
        Order o = order("R", OrderStatus.CONFIRMED, PaymentStatus.PAID, NOT_REQUIRED).recipient("Anna", null)
                .customerPhone("030 12345678").build();
        assertRaised(engine().classify(o), UNUSABLE, Priority.P2, Action.REVIEW);
        assertNotRaised(engineWith("contact.region", "DE").classify(o), UNUSABLE);
    }

    @Test
    void itDependsOnTheOtherPacksFindings() {
        Order o = order("R", OrderStatus.CONFIRMED, PaymentStatus.PAID, NOT_REQUIRED).recipient("Anna", null).build();
        assertRaised(engine().classify(o), UNUSABLE, Priority.P2, Action.REVIEW);
        TriageResult withoutRecipientPack = engineWith("recipient.enabled", "false").classify(o);
        assertThat(codes(withoutRecipientPack)).isEmpty();
    }

    @Test
    void itSeesFindingsOfARuleAuthorsExtraRules(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("vip.drl"), """
                package com.example.extra;

                import io.ordertriage.facts.OrderFact;
                import io.ordertriage.facts.FindingFact;
                import io.ordertriage.model.*;

                rule "VIP_CALL orders of the VIP store get a courtesy call"
                when
                    $o : OrderFact(store == "VIP")
                then
                    insert(FindingFact.forOrder($o, "VIP_CALL", Priority.P3, Action.CALL_CUSTOMER,
                        drools.getRule().getName(), "call the VIP customer to thank them"));
                end
                """);
        TriageEngine e = TriageEngine.builder().clock(CLOCK).addRules(dir).build();
        TriageResult vip = e.classify(okOrder().store("VIP").build());
        assertThat(codes(vip)).containsExactlyInAnyOrder("VIP_CALL", UNUSABLE);
        assertRaised(vip, UNUSABLE, Priority.P2, Action.REVIEW);
        assertThat(vip.priority()).isEqualTo(Priority.P2);
        assertThat(codes(e.classify(okOrder().store("VIP").customerPhone(VALID).build()))).containsExactly("VIP_CALL");
        assertThat(codes(e.classify(okOrder().store("CORNER").build()))).isEmpty();
    }

    @Test
    void acknowledgedCallCustomerFindingsCountToo() {
        Order o = order("R", OrderStatus.CONFIRMED, PaymentStatus.PAID, NOT_REQUIRED).recipient("Anna", null).build();
        TriageEngine acked = TriageEngine.builder().clock(CLOCK)
                .acknowledgements(List.of(new Acknowledgement("R", "RECIPIENT_PHONE_MISSING", null, "asked by e-mail"))).build();
        TriageResult r = acked.classify(o);
        assertThat(findings(r, "RECIPIENT_PHONE_MISSING")).singleElement().extracting(Finding::acknowledged).isEqualTo(true);
        Finding f = assertRaised(r, UNUSABLE, Priority.P2, Action.REVIEW);
        assertThat(f.acknowledged()).isFalse();
        assertThat(r.verdict()).isEqualTo(Verdict.ATTENTION);
        assertThat(r.priority()).isEqualTo(Priority.P2);
    }

    @Test
    void switchingThePackOffSilencesPhoneUnusable() {
        TriageEngine off = engineWith("contacts.enabled", "false");
        callCustomer().forEach(o -> {
            TriageResult r = off.classify(o);
            assertNotRaised(r, UNUSABLE);
            assertThat(r.findings()).extracting(Finding::action).contains(Action.CALL_CUSTOMER);
        });
    }
}
