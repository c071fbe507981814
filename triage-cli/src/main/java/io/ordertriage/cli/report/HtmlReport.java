package io.ordertriage.cli.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.WriterOutput;
import io.ordertriage.cli.io.Reject;
import io.ordertriage.model.Finding;
import io.ordertriage.model.LineResolution;
import io.ordertriage.model.Order;
import io.ordertriage.model.Priority;
import io.ordertriage.model.TriageResult;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code classify --format html}: one self-contained HTML file. The page is rendered by jte from a
 * template compiled at build time (typed parameters, escaping by context); the work queue is one
 * JSON array in a data block, streamed into the page, which the page's script renders a page at
 * a time. A Content-Security-Policy allows only the page's own script and style (by their hashes)
 * and no request of any kind.
 */
public final class HtmlReport {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TemplateEngine TEMPLATES = TemplateEngine.createPrecompiled(ContentType.Html);
    private static final String CSS = resource("report.css");
    private static final String JS = resource("report.js");
    private static final String CSP = "default-src 'none'; script-src '" + sha256(JS) + "'; style-src '" + sha256(CSS)
            + "'; img-src data:; base-uri 'none'; form-action 'none'";

    /**
     * What the run was, for the top of the report.
     *
     * @param written        the orders in the work queue (attention orders, or all with --all)
     * @param packs          rule name to its pack's key, for the findings-by-pack chart
     * @param cancelledByReason cancelled orders by reason key, "(none)" for none
     */
    public record Run(String input, String inputName, String inputDescription, String asOf, ZoneId zone, String mapping,
                      String rules, boolean extraRules, List<String> settings, long read, long classified, long rejected,
                      Map<Priority, Long> attention, long written, long acknowledged, List<Reject> rejects,
                      Map<String, String> packs, long cancelled, Map<String, Long> cancelledByReason,
                      Map<String, Long> cancelledByRole, String version) {
    }

    private HtmlReport() {
    }

    /**
     * One order's entry of the work queue: compact JSON, safe inside the page's data block. Thread-safe.
     */
    public static String record(Order order, TriageResult r, ZoneId zone) throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", r.orderId());
        if (r.priority() != null) {
            m.put("p", r.priority().name());
        }
        if (r.normalCombination() != null) {
            m.put("n", r.normalCombination());
        }
        putText(m, "city", order == null ? null : order.city());
        putText(m, "store", order == null ? null : order.store());
        m.put("t", r.createdAt().toString());
        m.put("local", LOCAL.withZone(zone).format(r.createdAt()));
        m.put("day", DAY.withZone(zone).format(r.createdAt()));
        List<Map<String, Object>> findings = new ArrayList<>();
        for (Finding f : r.findings()) {
            Map<String, Object> fm = new LinkedHashMap<>();
            fm.put("c", f.code());
            fm.put("p", f.priority().name());
            fm.put("a", f.action().name());
            putText(fm, "sku", f.sku());
            fm.put("r", f.rule());
            fm.put("m", f.message());
            if (f.acknowledged()) {
                fm.put("ack", true);
            }
            findings.add(fm);
        }
        if (!findings.isEmpty()) {
            m.put("f", findings);
        }
        List<Map<String, Object>> basket = new ArrayList<>();
        for (LineResolution l : r.basket()) {
            Map<String, Object> lm = new LinkedHashMap<>();
            lm.put("sku", l.sku());
            lm.put("d", l.decision().name());
            putText(lm, "sub", l.substituteSku());
            basket.add(lm);
        }
        if (!basket.isEmpty()) {
            m.put("b", basket);
        }
        putText(m, "ph", r.contact().phone());
        putText(m, "wa", r.contact().whatsapp());
        putText(m, "rph", r.contact().recipientPhone());
        putText(m, "rwa", r.contact().recipientWhatsapp());
        return forScript(JSON.writeValueAsString(m));
    }

    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd", Locale.ROOT);

    private static void putText(Map<String, Object> m, String key, String value) {
        if (value != null && !value.isEmpty()) {
            m.put(key, value);
        }
    }

    /** Writes the report; {@code records} are {@link #record} texts in work-queue order. */
    public static void write(Writer w, Run run, Iterator<String> records) throws IOException {
        Map<String, Object> data = new LinkedHashMap<>();
        List<Map<String, String>> rejects = new ArrayList<>();
        for (Reject r : run.rejects()) {
            Map<String, String> rm = new LinkedHashMap<>();
            rm.put("lines", r.lines());
            rm.put("id", r.orderId());
            rm.put("field", r.field());
            rm.put("value", r.value());
            rm.put("reason", r.reason());
            rejects.add(rm);
        }
        data.put("rejects", rejects);
        // sorted maps: the same run writes the same bytes
        data.put("packs", new java.util.TreeMap<>(run.packs()));
        data.put("cancelled", run.cancelled());
        data.put("cancelledByReason", new java.util.TreeMap<>(run.cancelledByReason()));
        data.put("cancelledByRole", new java.util.TreeMap<>(run.cancelledByRole()));
        List<ReportModel.PriorityCount> priorities = new ArrayList<>();
        long attention = 0;
        for (Priority p : Priority.values()) {
            if (!p.needsAttention()) {
                continue;
            }
            long n = run.attention().getOrDefault(p, 0L);
            priorities.add(new ReportModel.PriorityCount(p.name(), n));
            attention += n;
        }
        ReportModel model = new ReportModel(run.input(), run.inputName(), run.inputDescription(), run.asOf(),
                run.zone().getId(), run.mapping(), run.rules(), run.extraRules(),
                run.settings().isEmpty() ? null : String.join(", ", run.settings()), run.read(), run.classified(),
                run.rejected(), attention, run.written(), priorities, run.acknowledged(), run.version(), CSP, CSS, JS,
                forScript(JSON.writeValueAsString(data)), output -> {
                    output.writeContent("[");
                    boolean first = true;
                    while (records.hasNext()) {
                        if (!first) {
                            output.writeContent(",\n");
                        }
                        output.writeContent(records.next());
                        first = false;
                    }
                    output.writeContent("]");
                });
        try {
            TEMPLATES.render("report.jte", model, new WriterOutput(w));
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        w.flush();
    }

    /**
     * JSON made safe inside a script element: no {@code </script>}, no HTML comment or CDATA opener,
     * no line separators that old parsers take for line ends; the JSON means the same.
     */
    static String forScript(String json) {
        StringBuilder b = null;
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            String esc = switch (c) {
                case '<' -> "\\u003c";
                case '>' -> "\\u003e";
                case '&' -> "\\u0026";
                case '\u2028' -> "\\u2028";
                case '\u2029' -> "\\u2029";
                default -> null;
            };
            if (esc != null && b == null) {
                b = new StringBuilder(json.length() + 16).append(json, 0, i);
            }
            if (b != null) {
                if (esc != null) {
                    b.append(esc);
                } else {
                    b.append(c);
                }
            }
        }
        return b == null ? json : b.toString();
    }

    private static String resource(String name) {
        try (InputStream in = HtmlReport.class.getResourceAsStream("/io/ordertriage/cli/report/" + name)) {
            if (in == null) {
                throw new IllegalStateException("the report's " + name + " is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sha256(String text) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return "sha256-" + Base64.getEncoder().encodeToString(d);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
