package io.ordertriage.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.Select;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.ordertriage.cli.Cli.ROOT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

/**
 * The HTML report in a real browser: Debian's headless Chromium driven through Selenium over the
 * report of the bundled sample, and over a report of hostile values. The browser is installed by
 * {@code .ci/ensure-browser}, which the build runs before the integration tests; this test fails,
 * never skips, when it is missing.
 */
class ReportBrowserIT {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path OUT = Path.of("target/report-it");
    private static final ObjectMapper JSON = new ObjectMapper();

    private static ChromeDriver browser;
    private static Path sample;
    private static Path hostile;
    private static String summary;
    private static final List<JsonNode> attention = new ArrayList<>();

    @BeforeAll
    static void reportsAndBrowser() throws IOException {
        Files.createDirectories(OUT);
        String[] run = {"--prices", ROOT.resolve("samples/prices.csv").toString(), "--delivery-terms",
                ROOT.resolve("samples/delivery-terms.csv").toString(), "--ack", ROOT.resolve("samples/acks.csv").toString(),
                "--as-of", "2026-03-10T09:00:00Z", "--zone", "Europe/Moscow"};
        sample = OUT.resolve("sample.html");
        Cli.Result r = Cli.run(concat(new String[]{"classify", ROOT.resolve("samples/orders.csv").toString(), "--format", "html",
                "-o", sample.toString()}, run)).expectExit(0);
        summary = r.err().lines().filter(l -> l.contains(" orders read: ")).findFirst().orElseThrow();
        Path jsonl = OUT.resolve("sample.jsonl");
        Cli.run(concat(new String[]{"classify", ROOT.resolve("samples/orders.csv").toString(), "--format", "jsonl",
                "-o", jsonl.toString()}, run)).expectExit(0);
        for (String line : Files.readAllLines(jsonl)) {
            attention.add(JSON.readTree(line));
        }

        Path orders = Files.writeString(OUT.resolve("hostile.csv"), """
                order_id,created_at,city,store,order_status,payment_status,customer_phone,sku,qty
                "<img src=x onerror=alert(1)>",2026-03-10T08:00:00Z,"<script>alert(2)</script>","</script><script>alert(3)</script>",CANCELLED,PAID,"javascript:alert(4)",X,1
                "=HYPERLINK(""http://example.com"",""click"")",2026-03-10T08:00:00Z,"<svg onload=alert(5)>","' onmouseover='alert(6)",CANCELLED,PAID,,"<b>bold</b>",1
                "{{7*7}}",2026-03-10T08:00:00Z,"&lt;amp&gt;",S,CANCELLED,PAID,,Y,1
                bad,not a date,Moscow,S,NEW,PAID,,Z,1
                """);
        hostile = OUT.resolve("hostile.html");
        Cli.run("classify", orders.toString(), "--as-of", "2026-03-10T09:00:00Z", "--format", "html", "-o", hostile.toString())
                .expectExit(0);

        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            fail("Debian's chromium and chromium-driver are needed (" + CHROMIUM + ", " + CHROMEDRIVER + "): "
                    + ".ci/ensure-browser installs them, and the build runs it before the integration tests");
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--window-size=1300,2200", "--user-data-dir=" + Files.createTempDirectory("triage-chromium"));
        options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    private static String[] concat(String[] a, String[] b) {
        String[] out = new String[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static void open(Path report) {
        browser.get(report.toAbsolutePath().toUri().toString());
        assertThat(browser.findElement(By.tagName("body")).getAttribute("class")).as("the page's script ran").contains("ready");
    }

    private static String text(String id) {
        return browser.findElement(By.id(id)).getText();
    }

    private static List<WebElement> rows() {
        return browser.findElements(By.cssSelector("#queue-body tr.order"));
    }

    @Test
    void theSummaryFiguresAreTheClisAndAScreenshotIsTaken() throws IOException {
        open(sample);
        // triage: 300 orders read: 300 classified, 0 rejected; attention 95 (P1 15, P2 43, P3 37); ...
        Matcher m = Pattern.compile("(\\d+) orders read: (\\d+) classified, (\\d+) rejected; attention (\\d+) \\(P1 (\\d+), P2 (\\d+), P3 (\\d+)\\)")
                .matcher(summary);
        assertThat(m.find()).as(summary).isTrue();
        assertThat(text("n-read")).isEqualTo(m.group(1));
        assertThat(text("n-classified")).isEqualTo(m.group(2));
        assertThat(text("n-rejected")).isEqualTo(m.group(3));
        assertThat(text("n-attention")).isEqualTo(m.group(4));
        assertThat(text("n-P1")).isEqualTo(m.group(5));
        assertThat(text("n-P2")).isEqualTo(m.group(6));
        assertThat(text("n-P3")).isEqualTo(m.group(7));
        assertThat(text("count")).isEqualTo(m.group(4) + " of " + m.group(4) + " orders");
        assertThat(text("run-input")).endsWith("samples/orders.csv");
        assertThat(browser.findElements(By.cssSelector("#chart-codes svg rect.bar"))).isNotEmpty();
        File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), Path.of("target/report-sample.png"), StandardCopyOption.REPLACE_EXISTING);
        assertThat(Files.size(Path.of("target/report-sample.png"))).isPositive();
    }

    @Test
    void filteringByACodeLeavesOnlyItsOrdersAndTheCountsFollow() {
        open(sample);
        String code = "CANCELLED_BUT_PAID";
        long expected = attention.stream().filter(o -> codesOf(o).contains(code)).count();
        assertThat(expected).isPositive();
        new Select(browser.findElement(By.id("f-code"))).selectByValue(code);
        assertThat(rows()).hasSize((int) expected);
        assertThat(rows()).allSatisfy(r -> assertThat(r.findElement(By.cssSelector("td.codes")).getText()).contains(code));
        assertThat(text("count")).isEqualTo(expected + " of " + attention.size() + " orders");
        long p1 = attention.stream().filter(o -> codesOf(o).contains(code) && "P1".equals(o.path("priority").asText())).count();
        assertThat(text("count-P1")).isEqualTo("P1 " + p1);

        browser.findElement(By.id("f-clear")).click();
        assertThat(text("count")).isEqualTo(attention.size() + " of " + attention.size() + " orders");
    }

    private static List<String> codesOf(JsonNode order) {
        List<String> codes = new ArrayList<>();
        order.path("findings").forEach(f -> codes.add(f.path("code").asText()));
        return codes;
    }

    @Test
    void sortingByPriorityPutsP1First() {
        open(sample);
        browser.findElement(By.cssSelector("th[data-sort=id]")).click();
        assertThat(rows().get(0).findElement(By.cssSelector("td.id")).getText())
                .isEqualTo(attention.stream().map(o -> o.path("orderId").asText()).sorted().findFirst().orElseThrow());
        browser.findElement(By.cssSelector("th[data-sort=priority]")).click();
        List<String> priorities = rows().stream().map(r -> r.findElement(By.cssSelector("td.prio")).getText()).toList();
        assertThat(priorities.get(0)).isEqualTo("P1");
        assertThat(priorities).isSorted();
        browser.findElement(By.cssSelector("th[data-sort=priority]")).click();
        assertThat(rows().get(0).findElement(By.cssSelector("td.prio")).getText()).isEqualTo("P3");
    }

    @Test
    void expandingAnOrderShowsTheRulesThatRaisedItsFindings() {
        open(sample);
        WebElement first = rows().get(0);
        String id = first.findElement(By.cssSelector("td.id")).getText();
        JsonNode order = attention.stream().filter(o -> o.path("orderId").asText().equals(id)).findFirst().orElseThrow();
        first.findElement(By.cssSelector("button.expand")).click();
        String details = browser.findElement(By.cssSelector("#queue-body tr.details")).getText();
        order.path("findings").forEach(f -> assertThat(details).contains("rule: " + f.path("rule").asText())
                .contains(f.path("message").asText()));
    }

    @Test
    void aReportOf50000AttentionOrdersKeepsOnlyAPageInThePage() throws IOException {
        StringBuilder csv = new StringBuilder("order_id,created_at,city,order_status,payment_status\n");
        int failed = 0;
        for (int i = 0; i < 50_000; i++) {
            boolean f = i % 3 == 0;
            failed += f ? 1 : 0;
            csv.append(String.format("B-%05d,2026-03-0%dT08:00:00Z,%s,%s%n", i, 1 + i % 9, i % 2 == 0 ? "Moscow" : "Kazan",
                    f ? "NEW,FAILED" : "CANCELLED,PAID"));
        }
        Path orders = Files.writeString(OUT.resolve("big.csv"), csv);
        Path big = OUT.resolve("big.html");
        Cli.run("classify", orders.toString(), "--as-of", "2026-03-10T09:00:00Z", "--format", "html", "-o", big.toString(),
                "--set", "timers.enabled=false").expectExit(0);
        open(big);
        assertThat(text("count")).isEqualTo("50000 of 50000 orders");
        assertThat(browser.findElements(By.cssSelector("#queue-body tr"))).hasSize(100);
        assertThat(text("page")).isEqualTo("page 1 of 500");
        new Select(browser.findElement(By.id("f-code"))).selectByValue("PAYMENT_FAILED");
        assertThat(text("count")).isEqualTo(failed + " of 50000 orders");
        assertThat(text("count-P2")).isEqualTo("P2 " + failed);
        assertThat(rows()).hasSize(100).allSatisfy(r -> assertThat(r.findElement(By.cssSelector("td.codes")).getText())
                .isEqualTo("PAYMENT_FAILED"));
        browser.findElement(By.id("next")).click();
        assertThat(text("page")).isEqualTo("page 2 of " + (failed + 99) / 100);
    }

    @Test
    void hostileValuesShowAsTextAndRunNoScript() {
        open(hostile);
        assertThatThrownBy(() -> browser.switchTo().alert()).isInstanceOf(NoAlertPresentException.class);
        List<String> ids = rows().stream().map(r -> r.findElement(By.cssSelector("td.id")).getText()).toList();
        assertThat(ids).contains("<img src=x onerror=alert(1)>", "=HYPERLINK(\"http://example.com\",\"click\")", "{{7*7}}");
        assertThat(browser.findElements(By.cssSelector("#queue-body img, #queue-body script, #queue-body svg, #queue-body b"))).isEmpty();
        String table = browser.findElement(By.id("queue-table")).getText();
        assertThat(table).contains("<script>alert(2)</script>", "</script><script>alert(3)</script>", "<svg onload=alert(5)>",
                "&lt;amp&gt;");
        assertThat(browser.getTitle()).isEqualTo("Triage of hostile.csv, as of 2026-03-10T09:00:00Z");
        for (WebElement a : browser.findElements(By.cssSelector("#queue-body a"))) {
            assertThat(a.getAttribute("href")).matches("(tel:|https://wa\\.me/).*");
        }
        browser.findElement(By.id("tab-rejects")).click();
        assertThat(browser.findElement(By.id("rejects-body")).getText()).contains("created_at").contains("not a date");
        List<LogEntry> errors = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.WARNING.intValue()).toList();
        assertThat(errors).as("console warnings and errors").isEmpty();
        assertThatThrownBy(() -> browser.switchTo().alert()).isInstanceOf(NoAlertPresentException.class);
    }
}
