package io.ordertriage.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.ordertriage.cli.Cli.ROOT;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The HTML report as a file, without a browser (ReportBrowserIT drives one): self-contained, its
 * policy allows exactly its own script and style, hostile values cannot end the data block, and the
 * same run writes the same bytes.
 */
class HtmlReportTest {
    @TempDir
    Path dir;

    private Path report(String name, Path input, String... more) {
        Path out = dir.resolve(name);
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("classify", input.toString(), "--as-of",
                "2026-03-10T09:00:00Z", "--format", "html", "-o", out.toString()));
        args.addAll(java.util.List.of(more));
        Cli.run(args.toArray(String[]::new)).expectExit(0);
        return out;
    }

    private static String sha256(String s) throws Exception {
        return "sha256-" + Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void theReportIsSelfContainedAndItsPolicyAllowsOnlyItsOwnScriptAndStyle() throws Exception {
        String html = Files.readString(report("sample.html", ROOT.resolve("samples/orders.csv"), "--zone", "Europe/Moscow"));
        Matcher csp = Pattern.compile("<meta http-equiv=\"Content-Security-Policy\" content=\"([^\"]+)\">").matcher(html);
        assertThat(csp.find()).isTrue();
        String policy = csp.group(1).replace("&#39;", "'");
        assertThat(policy).startsWith("default-src 'none'; ").contains("base-uri 'none'").contains("form-action 'none'")
                .doesNotContain("unsafe");
        Matcher script = Pattern.compile("<script>(.*?)</script>", Pattern.DOTALL).matcher(html);
        assertThat(script.find()).isTrue();
        assertThat(policy).contains("script-src '" + sha256(script.group(1)) + "'");
        assertThat(script.find()).as("one executable script").isFalse();
        Matcher style = Pattern.compile("<style>(.*?)</style>", Pattern.DOTALL).matcher(html);
        assertThat(style.find()).isTrue();
        assertThat(policy).contains("style-src '" + sha256(style.group(1)) + "'");
        assertThat(html).doesNotContainPattern("(?i)<(link|img|iframe|object|embed)\\b").doesNotContainPattern("(?i)\\ssrc=");
        assertThat(html).contains("<dd id=\"run-mapping\">canonical</dd>");
    }

    @Test
    void hostileValuesCannotLeaveTheDataBlock() throws IOException {
        Path orders = Files.writeString(dir.resolve("hostile.csv"), """
                order_id,created_at,city,order_status,payment_status
                "</script><script>alert(1)</script>",2026-03-10T08:00:00Z,"<!--",CANCELLED,PAID
                "a\u2028b",2026-03-10T08:00:00Z,"&amp;",CANCELLED,PAID
                """);
        String html = Files.readString(report("hostile.html", orders));
        assertThat(html).doesNotContain("alert(1)</script>").doesNotContain("<!--").doesNotContain("\u2028")
                .contains("\\u003c/script\\u003e\\u003cscript\\u003ealert(1)\\u003c/script\\u003e")
                .contains("\\u0026amp;");
        assertThat(html.split("</script>", -1)).as("three script elements, closed once each").hasSize(4);
    }

    @Test
    void theSameRunWritesTheSameBytes() throws IOException {
        Path a = report("a.html", ROOT.resolve("samples/orders.csv"), "--zone", "Europe/Moscow");
        Path b = report("b.html", ROOT.resolve("samples/orders.csv"), "--zone", "Europe/Moscow");
        assertThat(Files.mismatch(a, b)).isEqualTo(-1L);
    }
}
