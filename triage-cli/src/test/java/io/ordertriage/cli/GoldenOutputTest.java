package io.ordertriage.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;

import static io.ordertriage.cli.Cli.ROOT;
import static io.ordertriage.cli.Cli.assertGolden;
import static io.ordertriage.cli.Cli.fixture;
import static io.ordertriage.cli.Cli.run;
import static org.assertj.core.api.Assertions.assertThat;

/** Whole outputs compared with golden files: each format, each mapping, explain. */
class GoldenOutputTest {
    private static final String SMALL_AS_OF = "2026-03-10T12:00:00+03:00";

    @Test
    void theReadmeCommandOnTheSamples() throws IOException {
        Cli.Result r = run("classify", ROOT.resolve("samples/orders.csv").toString(),
                "--prices", ROOT.resolve("samples/prices.csv").toString(),
                "--delivery-terms", ROOT.resolve("samples/delivery-terms.csv").toString(),
                "--ack", ROOT.resolve("samples/acks.csv").toString(),
                "--as-of", "2026-03-10T09:00:00Z", "--zone", "Europe/Moscow").expectExit(0);
        assertGolden(r.out(), "samples-queue.csv");
        assertThat(r.err()).contains("300 orders read: 300 classified, 0 rejected; attention 95 (P1 15, P2 43, P3 37); acknowledged 2 findings (2 acknowledgements matched nothing)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1", "3"})
    void anyNumberOfThreadsWritesTheSameQueue(String threads) throws IOException {
        Cli.Result r = run("classify", ROOT.resolve("samples/orders.csv").toString(),
                "--prices", ROOT.resolve("samples/prices.csv").toString(),
                "--delivery-terms", ROOT.resolve("samples/delivery-terms.csv").toString(),
                "--ack", ROOT.resolve("samples/acks.csv").toString(),
                "--as-of", "2026-03-10T09:00:00Z", "--zone", "Europe/Moscow", "--threads", threads).expectExit(0);
        assertGolden(r.out(), "samples-queue.csv");
        assertThat(run("classify", ROOT.resolve("samples/orders.csv").toString(), "--threads", "0").expectExit(2).err())
                .contains("--threads: at least 1 thread classifies, got 0");
    }

    @ParameterizedTest
    @ValueSource(strings = {"csv", "jsonl", "json"})
    void eachOutputFormat(String format) throws IOException {
        Cli.Result r = run("classify", fixture("canonical-small.csv"), "--prices", fixture("prices-small.csv"),
                "--as-of", SMALL_AS_OF, "--zone", "Europe/Moscow", "--all", "--format", format).expectExit(0);
        assertGolden(r.out(), "canonical-small." + format);
    }

    @Test
    void shopifyPreset() throws IOException {
        Cli.Result r = run("classify", fixture("shopify.csv"), "--mapping", "shopify", "--as-of", "2026-03-10T16:00:00Z",
                "--zone", "America/Toronto", "--all").expectExit(0);
        assertGolden(r.out(), "shopify.csv");
        assertThat(r.err()).contains("6 orders read: 5 classified, 1 rejected")
                .contains("unmapped values: payment_status \"chargeback\" x1");
    }

    @Test
    void olistPreset() throws IOException {
        Cli.Result r = run("classify", fixture("olist.csv"), "--mapping", "olist", "--as-of", "2018-09-01T00:00:00Z",
                "--all").expectExit(0);
        assertGolden(r.out(), "olist.csv");
        assertThat(r.err()).contains("10 orders read: 9 classified, 1 rejected")
                .contains("unmapped values: order_status \"lost_in_transit\" x1")
                .contains("zone America/Sao_Paulo");
    }

    @Test
    void oneCSampleWithItsMapping() throws IOException {
        Cli.Result r = run("classify", ROOT.resolve("samples/1c/orders-1c.csv").toString(),
                "--mapping", ROOT.resolve("samples/1c/mapping-1c.yaml").toString(),
                "--prices", ROOT.resolve("samples/1c/prices-1c.csv").toString(),
                "--as-of", SMALL_AS_OF, "--all").expectExit(0);
        assertGolden(r.out(), "1c.csv");
        assertThat(r.err()).contains("windows-1251 (mapping), delimiter ';' (mapping)")
                .contains("8 orders read: 7 classified, 1 rejected, 4 rows skipped by the mapping;")
                .contains("a title block of 3 rows above the header (line 4) skipped, not read as orders")
                .contains("1 row matching the mapping's skipRows (line 16) skipped, not read as orders")
                .contains("unmapped values: order_status \"Доставлен\" x1");
    }

    @Test
    void standardInputIsReadLikeAFile() throws IOException {
        byte[] input = Files.readAllBytes(Cli.FIXTURES.resolve("canonical-small.csv"));
        Cli.Result r = Cli.runWithStdin(input, "classify", "-", "--prices", fixture("prices-small.csv"),
                "--as-of", SMALL_AS_OF, "--zone", "Europe/Moscow", "--all").expectExit(0);
        assertGolden(r.out(), "canonical-small.csv");
        assertThat(r.err()).contains("reading <stdin>");
    }

    @Test
    void explainAnOrderWithFindings() throws IOException {
        Cli.Result r = run("explain", fixture("canonical-small.csv"), "--order", "K-3", "--prices", fixture("prices-small.csv"),
                "--as-of", SMALL_AS_OF, "--zone", "Europe/Moscow").expectExit(0);
        assertGolden(r.out(), "explain-K-3.txt");
    }

    /** Rulebook part two: the new columns in mixed spellings, with delivery terms and acknowledgements. */
    @ParameterizedTest
    @ValueSource(strings = {"csv", "jsonl"})
    void partTwoColumnsDeliveryTermsAndAcknowledgements(String format) throws IOException {
        Cli.Result r = run("classify", fixture("part-two.csv"), "--delivery-terms", fixture("delivery-terms.csv"),
                "--ack", fixture("acks.csv"), "--as-of", SMALL_AS_OF, "--zone", "Europe/Moscow", "--all",
                "--format", format).expectExit(0);
        assertGolden(r.out(), "part-two." + format);
        assertThat(r.err()).contains("delimiter ';' (sniffed)")
                .contains("triage: 17 orders read: 17 classified, 0 rejected; attention 13 (P1 2, P2 3, P3 8); "
                        + "acknowledged 3 findings (2 acknowledgements matched nothing); ")
                .contains("triage: cancelled orders 4: by reason CUSTOMER_REFUSED 1, OUT_OF_STOCK 1, WEATHER 1, (none) 1; "
                        + "by role ADMINISTRATOR 1, COURIER 1, OPERATOR 1, (none) 1\n")
                .doesNotContain("column: the");
    }

    @Test
    void explainAnAcknowledgedFindingWithTheOrdersNewFieldsAndContact() throws IOException {
        Cli.Result r = run("explain", fixture("part-two.csv"), "--order", "P-10", "--delivery-terms", fixture("delivery-terms.csv"),
                "--ack", fixture("acks.csv"), "--as-of", SMALL_AS_OF, "--zone", "Europe/Moscow").expectExit(0);
        assertGolden(r.out(), "explain-P-10.txt");
        assertThat(r.out()).contains("acknowledged with no end: refund issued")
                .contains("recipient phone +79161234567, whatsapp https://wa.me/79161234567");
    }

    @Test
    void explainALapsedAcknowledgement() throws IOException {
        Cli.Result r = run("explain", fixture("part-two.csv"), "--order", "P-02", "--delivery-terms", fixture("delivery-terms.csv"),
                "--ack", fixture("acks.csv"), "--as-of", SMALL_AS_OF, "--zone", "Europe/Moscow").expectExit(0);
        assertGolden(r.out(), "explain-P-02.txt");
        assertThat(r.out()).contains("ARRIVAL_LATE: lapsed at 2026-03-10 12:00:00 +03:00 (carrier promised today)");
    }

    @Test
    void explainAnOkOrderNamesItsNormalCombination() throws IOException {
        Cli.Result r = run("explain", fixture("canonical-small.csv"), "--order", "K-5",
                "--as-of", SMALL_AS_OF, "--zone", "Europe/Moscow").expectExit(0);
        assertGolden(r.out(), "explain-K-5.txt");
        assertThat(r.out()).contains("status: normal combination N01");
    }
}
