package io.ordertriage.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static io.ordertriage.cli.Cli.fixture;
import static io.ordertriage.cli.Cli.run;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rulebook part two in the CLI: the new columns, --delivery-terms and --ack (their errors are part of
 * the contract), the packs the CLI switches off for lack of a column, and the summary's counts.
 */
class PartTwoTest {
    private static final String AS_OF = "2026-03-10T12:00:00+03:00";

    @TempDir
    Path dir;

    private Path file(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
    }

    // ---- switching packs off for lack of a column --------------------------------------------------

    @Test
    void withoutACancelReasonColumnTheCancellationRulesAreOffAndTheRunSaysSo() {
        Cli.Result r = run("classify", fixture("canonical-small.csv"), "--as-of", AS_OF, "--zone", "Europe/Moscow",
                "--all", "--format", "jsonl").expectExit(0);
        assertThat(r.err()).contains("triage: no cancel_reason column: the cancellation rules (§15) are off; "
                + "--set cancellation.enabled=true runs them anyway\n");
        assertThat(r.err()).doesNotContain("no customer_phone column");
        assertThat(r.out()).contains("{\"orderId\":\"K-2\"").doesNotContain("CANCEL_REASON");
        // nothing of part two's summary when the input has none of it
        assertThat(r.err()).doesNotContain("acknowledged").doesNotContain("cancelled orders");
    }

    @Test
    void anExplicitSetWinsOverTheColumnCheck() {
        Cli.Result on = run("classify", fixture("canonical-small.csv"), "--as-of", AS_OF, "--zone", "Europe/Moscow",
                "--set", "Cancellation.Enabled=true", "--format", "jsonl").expectExit(0);
        assertThat(on.err()).doesNotContain("cancel_reason column");
        assertThat(on.out()).contains("\"code\":\"CANCEL_REASON_MISSING\"");
        Cli.Result off = run("explain", fixture("part-two.csv"), "--order", "P-13", "--as-of", AS_OF,
                "--zone", "Europe/Moscow", "--set", "cancellation.enabled=false").expectExit(0);
        assertThat(off.err()).doesNotContain("cancel_reason column");
        assertThat(off.out()).doesNotContain("CANCEL_REASON_MISSING").doesNotContain("cancellation,");
    }

    @Test
    void withoutACustomerPhoneColumnPhoneUnusableIsOff() throws IOException {
        Path in = file("in.csv", "order_id,created_at,order_status,payment_status\nU-1,2026-03-10T10:00:00+03:00,NEW,PENDING\n");
        Cli.Result r = run("classify", in.toString(), "--as-of", AS_OF, "--format", "jsonl").expectExit(0);
        assertThat(r.err()).contains("triage: no customer_phone column: the contacts rule PHONE_UNUSABLE (§17) is off; "
                + "--set contacts.enabled=true runs it anyway\n");
        assertThat(r.out()).contains("PAYMENT_OVERDUE").doesNotContain("PHONE_UNUSABLE");
        Cli.Result forced = run("classify", in.toString(), "--as-of", AS_OF, "--format", "jsonl",
                "--set", "contacts.enabled=true").expectExit(0);
        assertThat(forced.out()).contains("PHONE_UNUSABLE");
        assertThat(forced.err()).doesNotContain("customer_phone column");
    }

    @Test
    void aMappingThatDerivesTheReasonCountsAsAColumnForIt() throws IOException {
        Path m = file("m.yaml", """
                name: shop
                fields:
                  order_id: [id]
                  created_at: [created]
                  payment_status: [paid]
                derive:
                  - column: state
                    values:
                      new: {order_status: NEW}
                      refused: {order_status: CANCELLED, cancel_reason: CUSTOMER_REFUSED}
                """);
        Path in = file("in.csv", "id,created,paid,state\nD-1,2026-03-10T10:00:00+03:00,REFUNDED,refused\n");
        Cli.Result r = run("classify", in.toString(), "--mapping", m.toString(), "--as-of", AS_OF, "--all").expectExit(0);
        assertThat(r.err()).doesNotContain("cancel_reason column").contains("no customer_phone column")
                .contains("triage: cancelled orders 1: by reason CUSTOMER_REFUSED 1; by role (none) 1");
        assertThat(r.out()).contains("\"D-1\"").doesNotContain("CANCEL_REASON");
    }

    // ---- summary -----------------------------------------------------------------------------------

    @Test
    void theSummaryCountsAcknowledgedFindingsUnmatchedAcknowledgementsAndCancellations() throws IOException {
        Path in = file("in.csv", """
                order_id,created_at,order_status,payment_status,customer_phone,cancel_reason,cancelled_by
                A-1,2026-03-10T10:00:00+03:00,NEW,PENDING,+79145841332,,
                A-2,2026-03-10T10:00:00+03:00,CANCELLED,REFUNDED,+79145841332, Customer_Refused ,operator
                A-3,2026-03-10T10:00:00+03:00,CANCELLED,REFUNDED,+79145841332,customer_refused,
                A-4,2026-03-10T10:00:00+03:00,CANCELLED,REFUNDED,+79145841332,,COURIER
                """);
        Path acks = file("acks.csv", """
                order_id,code
                A-1,PAYMENT_OVERDUE
                A-1,PAYMENT_OVERDUE
                A-4,CANCEL_REASON_MISSING
                A-2,CANCEL_REASON_MISSING
                NOPE,PAYMENT_OVERDUE
                """);
        Cli.Result r = run("classify", in.toString(), "--ack", acks.toString(), "--as-of", AS_OF).expectExit(0);
        // A-1's two rows and A-4's acknowledge one finding each; A-2 has no such finding, NOPE is no order
        assertThat(r.err()).contains("; attention 0; acknowledged 2 findings (2 acknowledgements matched nothing); ")
                .contains("triage: cancelled orders 3: by reason CUSTOMER_REFUSED 2, (none) 1; by role COURIER 1, OPERATOR 1, (none) 1\n");
        assertThat(r.out()).isEqualTo("\"priority\",\"order_id\",\"created_at\",\"verdict\",\"codes\",\"actions\",\"skus\","
                + "\"normal_combination\",\"details\",\"phone\",\"whatsapp\",\"recipient_phone\",\"recipient_whatsapp\",\"acknowledged\"\r\n");
    }

    @Test
    void acknowledgedCodesAreListedInTheWorkQueueAndFlaggedInJson() throws IOException {
        Path in = file("in.csv", "order_id,created_at,order_status,payment_status,customer_phone\n"
                + "A-1,2026-03-10T10:00:00+03:00,NEW,PENDING,8 914 584-13-32\n");
        Path acks = file("acks.csv", "code,order_id,note\npayment_overdue,A-1,\"=calls \"\"later\"\"\"\n");
        Cli.Result csv = run("classify", in.toString(), "--ack", acks.toString(), "--as-of", AS_OF, "--all").expectExit(0);
        assertThat(csv.out()).endsWith(",\"OK\",\"PAYMENT_OVERDUE\",\"CALL_CUSTOMER\",,\"N02\",\"PAYMENT_OVERDUE: payment PENDING "
                + "for 2h 00m, more than the 30m 00s allowed: call the customer\",\"'+79145841332\",\"https://wa.me/79145841332\",,,"
                + "\"PAYMENT_OVERDUE\"\r\n");
        Cli.Result json = run("classify", in.toString(), "--ack", acks.toString(), "--as-of", AS_OF, "--all",
                "--format", "jsonl").expectExit(0);
        assertThat(json.out()).contains("\"message\":\"payment PENDING for 2h 00m, more than the 30m 00s allowed: call the customer\","
                + "\"acknowledged\":true}")
                .endsWith("\"contact\":{\"phone\":\"+79145841332\",\"whatsapp\":\"https://wa.me/79145841332\","
                        + "\"recipientPhone\":null,\"recipientWhatsapp\":null}}\n");
        Cli.Result explain = run("explain", in.toString(), "--order", "A-1", "--ack", acks.toString(), "--as-of", AS_OF,
                "--zone", "Europe/Moscow").expectExit(0);
        assertThat(explain.out()).contains("     acknowledged with no end: =calls \"later\"\n");
    }

    // ---- --delivery-terms --------------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            not a number     | locality,days\\nMoscow,1\\n\\nKazan,two\\n      | :4: days "two" for Kazan: not a whole number; expected 0 or more days
            negative         | locality,days\\nKazan,-1\\n                    | :2: days "-1" for Kazan: must not be negative; expected 0 or more days
            a fraction       | Locality;Days\\nKazan;1,5\\n                   | :2: days "1,5" for Kazan: not a whole number; expected 0 or more days
            blank locality   | locality,days\\n  ,1\\n                        | :2: locality is blank; expected the name of a settlement
            field count      | locality,days\\nMoscow,1,2\\n                  | :2: row has 3 fields but the header has 2; is a delimiter or a quote inside an unquoted value?
            given twice      | locality,days\\nMoscow,1\\nKazan,3\\n moscow ,2\\n | :4: locality "moscow" is given twice with different days: 1 (line 2) and 2; give each locality once
            no days column   | locality,term\\nMoscow,1\\n                    | : missing required column days in the delivery terms; expected a header locality, days, the header has [locality, term]
            empty            | ''                                           | : the delivery terms file is empty; expected a header locality, days
            """)
    void aBadDeliveryTermsFileIsAnErrorNamingFileLineAndValue(String what, String content, String message) throws IOException {
        Path terms = file("terms.csv", content.replace("\\n", "\n"));
        Path out = dir.resolve("out.csv");
        Cli.Result r = run("classify", fixture("canonical-small.csv"), "--delivery-terms", terms.toString(),
                "-o", out.toString(), "--as-of", AS_OF).expectExit(3);
        assertThat(r.err()).contains("triage: " + terms + message + "\n");
        assertThat(out).doesNotExist();
    }

    @Test
    void aMissingDeliveryTermsFileExitsWithThree() {
        assertThat(run("classify", fixture("canonical-small.csv"), "--delivery-terms", dir.resolve("nope.csv").toString())
                .expectExit(3).err()).contains("nope.csv: no such file");
    }

    @Test
    void deliveryTermsMatchLocalitiesIgnoringCaseAndTheSameRowTwiceIsFine() throws IOException {
        Path terms = file("terms.csv", "\uFEFFLOCALITY,Days,comment\n Kazan ,2,x\nkazan,2,again\n");
        Path in = file("in.csv", "order_id,created_at,order_status,payment_status,city,fulfilment,shipped_at\n"
                + "T-1,2026-03-01T10:00:00+03:00,IN_DELIVERY,PAID,KAZAN,DELIVERY,2026-03-08T11:59:00+03:00\n"
                + "T-2,2026-03-01T10:00:00+03:00,IN_DELIVERY,PAID,KAZAN,DELIVERY,2026-03-08T12:01:00+03:00\n");
        Cli.Result r = run("classify", in.toString(), "--delivery-terms", terms.toString(), "--as-of", AS_OF,
                "--format", "jsonl").expectExit(0);
        assertThat(r.out()).contains("{\"orderId\":\"T-1\"").contains("ARRIVAL_LATE").doesNotContain("\"T-2\"");
        Cli.Result without = run("classify", in.toString(), "--as-of", AS_OF, "--format", "jsonl").expectExit(0);
        assertThat(without.out()).doesNotContain("ARRIVAL_LATE");
    }

    // ---- --ack -------------------------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            bad until        | order_id,code,until,note\\nK-1,PAYMENT_OVERDUE,soon,x\\n | :2: until "soon" (order K-1, PAYMENT_OVERDUE): not a date-time; expected ISO-8601
            blank order id   | order_id,code\\n ,PAYMENT_OVERDUE\\n                   | :2: order_id is blank; expected the id of the order acknowledged
            blank code       | Order_Id;Code;Note\\nK-1;;x\\n                         | :2: code is blank (order K-1); expected the finding code acknowledged, for example PAYMENT_OVERDUE
            field count      | order_id,code\\nK-1,PAYMENT_OVERDUE\\nK-2\\n           | :3: row has 1 fields but the header has 2; is a delimiter or a quote inside an unquoted value?
            no code column   | order_id,until\\nK-1,\\n                               | : missing required column code in the acknowledgements; expected a header order_id, code, until, note (order_id, code required), the header has [order_id, until]
            empty            | ''                                                   | : the acknowledgements file is empty; expected a header order_id, code, until, note
            """)
    void aBadAcknowledgementsFileIsAnErrorNamingFileLineFieldAndValue(String what, String content, String message)
            throws IOException {
        Path acks = file("acks.csv", content.replace("\\n", "\n"));
        Cli.Result r = run("classify", fixture("canonical-small.csv"), "--ack", acks.toString(), "--as-of", AS_OF).expectExit(3);
        assertThat(r.err()).contains("triage: " + acks + message);
        assertThat(r.out()).isEmpty();
    }

    @Test
    void untilIsReadInTheZoneAndAnAcknowledgementEndingAtAsOfHasLapsed() throws IOException {
        Path in = file("in.csv", "order_id,created_at,order_status,payment_status,customer_phone\n"
                + "A-1,2026-03-10T10:00:00+03:00,NEW,PENDING,+79145841332\n");
        for (String until : List.of("2026-03-10 12:00", "10.03.2026 12:00:00", "2026-03-10T09:00:00Z", "2026-03-10T11:00+02:00")) {
            Path acks = file("acks.csv", "order_id,code,until\nA-1,PAYMENT_OVERDUE," + until + "\n");
            Cli.Result r = run("classify", in.toString(), "--ack", acks.toString(), "--as-of", AS_OF, "--zone", "Europe/Moscow")
                    .expectExit(0);
            assertThat(r.err()).as(until).contains("attention 1 (P2 1); acknowledged 0 findings;");
        }
        Path later = file("acks.csv", "order_id,code,until\nA-1,PAYMENT_OVERDUE,2026-03-10 12:00:01\n");
        assertThat(run("classify", in.toString(), "--ack", later.toString(), "--as-of", AS_OF, "--zone", "Europe/Moscow")
                .expectExit(0).err()).contains("attention 0; acknowledged 1 finding;");
    }

    // ---- reading the new columns -------------------------------------------------------------------

    @Test
    void aDateTimeGivenForTheDeliveryDateKeepsItsDateInTheEvaluationZone() {
        String moscow = run("explain", fixture("part-two.csv"), "--order", "P-05", "--as-of", AS_OF, "--zone", "Europe/Moscow")
                .expectExit(0).out();
        assertThat(moscow).contains("fulfilment DELIVERY, delivery_date 2026-03-09\n");
        String utc = run("explain", fixture("part-two.csv"), "--order", "P-05", "--as-of", AS_OF, "--zone", "UTC")
                .expectExit(0).out();
        assertThat(utc).contains("fulfilment DELIVERY, delivery_date 2026-03-08\n");
    }

    @Test
    void badValuesOfTheNewFieldsRejectTheirOrderNamingWhatIsAccepted() throws IOException {
        Path in = file("in.csv", """
                order_id,created_at,order_status,payment_status,fulfilment,delivery_date,cancelled_by,paid_amount,discount,cancel_reason,sku,combo_id
                B-1,2026-03-10T10:00:00Z,NEW,PAID,courier,,,,,,,
                B-2,2026-03-10T10:00:00Z,NEW,PAID,,31.02.2026,,,,,,
                B-3,2026-03-10T10:00:00Z,CANCELLED,REFUNDED,,,customer,,,,,
                B-4,2026-03-10T10:00:00Z,NEW,PAID,,,,-5,,,,
                B-5,2026-03-10T10:00:00Z,NEW,PAID,,,,,"1,2.3",,,
                B-6,2026-03-10T10:00:00Z,CANCELLED,REFUNDED,,,,,,DUPLICATE_ORDER,A,C1
                B-6,2026-03-10T10:00:00Z,CANCELLED,REFUNDED,,,,,,OUT_OF_STOCK,B,C1
                G-1,2026-03-10T10:00:00Z,NEW,PAID,Pickup,20.03.2026,,"1 000,50",0,,A,C1
                """);
        Path rej = dir.resolve("rejects.csv");
        Cli.Result r = run("classify", in.toString(), "--as-of", AS_OF, "--rejects", rej.toString()).expectExit(0);
        assertThat(r.err()).contains("7 orders read: 1 classified, 6 rejected")
                .contains("unmapped values: cancelled_by \"customer\" x1, fulfilment \"courier\" x1");
        assertThat(Files.readAllLines(rej)).containsExactly(
                "\"lines\",\"order_id\",\"field\",\"value\",\"reason\"",
                "\"2\",\"B-1\",\"fulfilment\",\"courier\",\"unknown fulfilment; expected one of DELIVERY, PICKUP\"",
                "\"3\",\"B-2\",\"delivery_date\",\"31.02.2026\",\"no such date (Invalid date 'FEBRUARY 31'); an impossible date "
                        + "is rejected, never moved to a real one\"",
                "\"4\",\"B-3\",\"cancelled_by\",\"customer\",\"unknown cancelled_by; expected one of OPERATOR, ADMINISTRATOR, COURIER\"",
                "\"5\",\"B-4\",\"paid_amount\",\"'-5\",\"must not be negative\"",
                "\"6\",\"B-5\",\"discount\",\"1,2.3\",\"not a decimal; expected one decimal separator, . or , (as in 1234.50 or 1 234,50)\"",
                "\"7-8\",\"B-6\",\"cancel_reason\",\"OUT_OF_STOCK\",\"rows of the order disagree on cancel_reason: "
                        + "\"\"DUPLICATE_ORDER\"\" (line 7) vs \"\"OUT_OF_STOCK\"\" (line 8)\"");
    }

    // ---- presets -----------------------------------------------------------------------------------

    @Test
    void olistOrdersAreDeliveriesHandedOverOnTheCarrierDate() throws IOException {
        Path in = file("olist.csv", """
                "order_id","customer_id","order_status","order_purchase_timestamp","order_approved_at","order_delivered_carrier_date","order_delivered_customer_date","order_estimated_delivery_date"
                o1,c1,approved,2018-08-25 10:00:00,2018-08-25 10:10:00,,,2018-09-10 00:00:00
                o2,c2,shipped,2018-08-25 10:00:00,2018-08-25 10:10:00,2018-08-26 12:00:00,,2018-09-10 00:00:00
                o3,c3,canceled,2018-08-25 10:00:00,,,,2018-09-10 00:00:00
                """);
        Cli.Result r = run("classify", in.toString(), "--mapping", "olist", "--as-of", "2018-09-01T00:00:00Z",
                "--format", "jsonl").expectExit(0);
        assertThat(r.out().lines()).hasSize(1);
        assertThat(r.out()).contains("{\"orderId\":\"o1\"").contains("\"code\":\"HANDOVER_OVERDUE\"");
        assertThat(r.err()).contains("no cancel_reason column").contains("no customer_phone column")
                .doesNotContain("cancelled orders");
        String explained = run("explain", in.toString(), "--mapping", "olist", "--order", "o2", "--as-of", "2018-09-01T00:00:00Z")
                .expectExit(0).out();
        assertThat(explained).contains("  fulfilment DELIVERY, shipped_at 2018-08-26 12:00:00 -03:00\n");
    }

    @Test
    void shopifyShippingNameAndPhoneAreARecipientOnlyWhenTheyAreNotTheBuyers() throws IOException {
        Path in = file("shopify.csv", """
                Name,Financial Status,Fulfillment Status,Created at,Lineitem quantity,Lineitem sku,Lineitem price,Billing Name,Shipping Name,Phone,Billing Phone,Shipping Phone,Discount Amount,Discount Code
                #1,paid,unfulfilled,2026-03-10 07:55:00 -0400,1,WAX,10.00,Ann Lee,ann  LEE,+1 613 555 0101,,+16135550101,0.00,
                #2,paid,unfulfilled,2026-03-10 07:55:00 -0400,2,WAX,10.00,Ann Lee,Bob Lee,+1 613 555 0101,,+1 613 555 0199,5.00,SPRING
                #3,paid,unfulfilled,2026-03-10 07:55:00 -0400,1,WAX,10.00,Cy Dee,Dee Cy,,+1 613 555 0102,+1 (613) 555-0102,0.00,
                #4,paid,unfulfilled,2026-03-10 07:55:00 -0400,1,WAX,10.00,,Eve Fox,,,+1 613 555 0103,0.00,
                """);
        Cli.Result r = run("classify", in.toString(), "--mapping", "shopify", "--as-of", "2026-03-10T16:00:00Z", "--all",
                "--format", "jsonl").expectExit(0);
        List<String> lines = r.out().lines().toList();
        assertThat(lines).hasSize(4);
        assertThat(line(lines, "#1")).doesNotContain("RECIPIENT").contains("\"recipientPhone\":null");
        assertThat(line(lines, "#2")).doesNotContain("RECIPIENT").contains("\"recipientPhone\":\"+16135550199\"");
        assertThat(line(lines, "#3")).contains("RECIPIENT_PHONE_MISSING").contains("\"recipientPhone\":null");
        assertThat(line(lines, "#4")).doesNotContain("RECIPIENT").contains("\"phone\":\"+16135550103\"")
                .contains("\"recipientPhone\":null");
        String explained = run("explain", in.toString(), "--mapping", "shopify", "--order", "#2", "--as-of", "2026-03-10T16:00:00Z")
                .expectExit(0).out();
        assertThat(explained).contains("  recipient_name Bob Lee, recipient_phone +1 613 555 0199\n")
                .contains("  discount 5.00, promo SPRING\n");
    }

    private static String line(List<String> jsonl, String orderId) {
        return jsonl.stream().filter(l -> l.startsWith("{\"orderId\":\"" + orderId + "\"")).findFirst().orElseThrow();
    }
}
