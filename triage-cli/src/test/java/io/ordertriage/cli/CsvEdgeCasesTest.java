package io.ordertriage.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static io.ordertriage.cli.Cli.run;
import static org.assertj.core.api.Assertions.assertThat;

/** Real-world CSV shapes as synthetic fixtures: quotes, embedded newlines, CRLF, UTF-8, empty fields, BOM, ';' and windows-1251. */
class CsvEdgeCasesTest {
    @TempDir
    Path dir;

    private Cli.Result classify(byte[] bytes, String... more) throws IOException {
        Path in = Files.write(dir.resolve("in.csv"), bytes);
        String[] args = new String[4 + more.length];
        args[0] = "classify";
        args[1] = in.toString();
        args[2] = "--as-of";
        args[3] = "2026-03-10T12:00:00Z";
        System.arraycopy(more, 0, args, 4, more.length);
        String[] all = java.util.Arrays.copyOf(args, args.length + 4);
        all[args.length] = "--all";
        all[args.length + 1] = "--format";
        all[args.length + 2] = "jsonl";
        all[args.length + 3] = "--no-progress";
        return run(all).expectExit(0);
    }

    private static final String ROWS = "order_id,created_at,order_status,payment_status,city,sku,unit_price\n"
            + "\"Q,1\",2026-03-10T11:59:00Z,NEW,PAID,\"Saint \"\"Peter\"\" burg\",\"MILK\nFRESH\",\"10,50\"\n"
            + "E-1,2026-03-10T11:59:00Z,CANCELLED,PAID,,,\n"
            + "У-1,2026-03-10T11:59:00Z,NEW,PAID,Казань,ЧАЙ,5\n";

    private static void assertThreeOrdersRead(Cli.Result r) {
        assertThat(r.err()).contains("3 orders read: 3 classified, 0 rejected");
        assertThat(r.out()).contains("{\"orderId\":\"Q,1\"").contains("{\"orderId\":\"E-1\",\"verdict\":\"ATTENTION\"")
                .contains("{\"orderId\":\"У-1\"");
    }

    @Test
    void quotesCommasNewlinesAndEmptyFieldsInUtf8() throws IOException {
        Cli.Result r = classify(ROWS.getBytes(StandardCharsets.UTF_8));
        assertThreeOrdersRead(r);
        assertThat(r.err()).contains("UTF-8 (valid UTF-8), delimiter ',' (sniffed)");
    }

    @Test
    void crlfLineEnds() throws IOException {
        assertThreeOrdersRead(classify(ROWS.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aUtf8ByteOrderMarkDoesNotEndUpInTheFirstHeader() throws IOException {
        byte[] body = ROWS.getBytes(StandardCharsets.UTF_8);
        byte[] withBom = new byte[body.length + 3];
        withBom[0] = (byte) 0xEF;
        withBom[1] = (byte) 0xBB;
        withBom[2] = (byte) 0xBF;
        System.arraycopy(body, 0, withBom, 3, body.length);
        Cli.Result r = classify(withBom);
        assertThreeOrdersRead(r);
        assertThat(r.err()).contains("UTF-8 (byte order mark, BOM skipped)");
    }

    @Test
    void semicolonsAndWindows1251AreDetected() throws IOException {
        String semi = ROWS.replace(",", ";").replace("\"10;50\"", "10,50").replace("\"Q;1\"", "\"Q,1\"");
        Cli.Result r = classify(semi.getBytes(Charset.forName("windows-1251")));
        assertThreeOrdersRead(r);
        assertThat(r.err()).contains("windows-1251 (not valid UTF-8), delimiter ';' (sniffed)");
    }

    @Test
    void explicitEncodingAndDelimiterWin() throws IOException {
        String tabbed = ROWS.replace(",", "\t").replace("\"10\t50\"", "10.50").replace("\"Q\t1\"", "\"Q,1\"");
        Cli.Result r = classify(tabbed.getBytes(StandardCharsets.UTF_8), "--delimiter", "tab", "--encoding", "UTF-8");
        assertThreeOrdersRead(r);
        assertThat(r.err()).contains("UTF-8 (--encoding), delimiter TAB (--delimiter)");
    }

    @Test
    void aHeaderOnlyFileHasNoOrders() throws IOException {
        Cli.Result r = classify("order_id,created_at,order_status,payment_status\r\n".getBytes(StandardCharsets.UTF_8));
        assertThat(r.err()).contains("0 orders read: 0 classified, 0 rejected");
        assertThat(r.out()).isEmpty();
    }
}
