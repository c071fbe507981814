package io.ordertriage.cli.io;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.ordertriage.RuleStats;
import io.ordertriage.model.Finding;
import io.ordertriage.model.TriageResult;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import java.io.IOException;
import java.io.Writer;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Writes results as CSV (a work queue for a spreadsheet), JSON Lines or a JSON array (rulebook §8). */
public final class ResultWriter {
    public enum Format { CSV, JSONL, JSON, HTML }

    /** The CSV work queue's columns: those of rulebook §1-§10, then the contact (§17) and the acknowledged codes (§18). */
    public static final List<String> CSV_HEADER = List.of("priority", "order_id", "created_at", "verdict", "codes",
            "actions", "skus", "normal_combination", "details", "phone", "whatsapp", "recipient_phone",
            "recipient_whatsapp", "acknowledged");

    private static final ObjectMapper JSON = new ObjectMapper()
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
            .disable(SerializationFeature.FLUSH_AFTER_WRITE_VALUE);
    private static final ObjectWriter PRETTY = JSON.writerWithDefaultPrettyPrinter();

    private final Format format;
    private final ZoneId zone;
    private final boolean bom;
    private final DateTimeFormatter localTime;

    /**
     * @param zone the zone CSV date-times are written in (spreadsheets do not read offsets)
     * @param bom  start CSV output with a UTF-8 byte order mark, so that Excel reads it as UTF-8
     */
    public ResultWriter(Format format, ZoneId zone, boolean bom) {
        this.format = format;
        this.zone = zone;
        this.bom = bom;
        this.localTime = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT).withZone(zone);
    }

    /**
     * The text of one result's record in this format, as {@link #writeRecords} writes it: a CSV record
     * with its line end, a JSON Lines line, or the pretty-printed object of the JSON array. Thread-safe,
     * so that results can be turned into text where they are classified.
     */
    public String record(TriageResult r) throws IOException {
        return record(null, r);
    }

    /** As {@link #record(TriageResult)}; the HTML report also shows the order's city and store. */
    public String record(io.ordertriage.model.Order order, TriageResult r) throws IOException {
        return switch (format) {
            case CSV -> csvRecord(r);
            case JSONL -> JSON.writeValueAsString(json(r)) + "\n";
            case JSON -> PRETTY.writeValueAsString(json(r));
            case HTML -> io.ordertriage.cli.report.HtmlReport.record(order, r, zone);
        };
    }

    /**
     * Writes records made by {@link #record}, in the order given, with what the format puts around them;
     * a file's writer should encode UTF-8.
     */
    public void writeRecords(Iterator<String> records, Writer w) throws IOException {
        switch (format) {
            case CSV -> {
                if (bom) {
                    w.write('\uFEFF');
                }
                CSVPrinter p = new CSVPrinter(w, SPREADSHEET);
                p.printRecord(CSV_HEADER);
                p.flush();
                while (records.hasNext()) {
                    w.write(records.next());
                }
            }
            case JSONL -> {
                while (records.hasNext()) {
                    w.write(records.next());
                }
            }
            case HTML -> throw new IllegalStateException("the HTML report is written by HtmlReport.write, with the run's summary");
            case JSON -> {
                // what Jackson's default pretty printer makes of the array: "[ {...}, {...} ]", "[ ]" when empty
                w.write('[');
                boolean first = true;
                while (records.hasNext()) {
                    w.write(first ? " " : ", ");
                    w.write(records.next());
                    first = false;
                }
                w.write(" ]\n");
            }
        }
        w.flush();
    }

    private String csvRecord(TriageResult r) throws IOException {
        StringBuilder out = new StringBuilder(256);
        CSVPrinter p = new CSVPrinter(out, SPREADSHEET);
        Set<String> actions = new LinkedHashSet<>();
        List<String> codes = new ArrayList<>();
        Set<String> skus = new LinkedHashSet<>();
        List<String> details = new ArrayList<>();
        Set<String> acknowledged = new LinkedHashSet<>();
        for (Finding f : r.findings()) {
            codes.add(f.code());
            if (f.acknowledged()) {
                acknowledged.add(f.code());
            }
            actions.add(f.action().name());
            if (f.sku() != null) {
                skus.add(f.sku());
            }
            details.add(f.code() + (f.sku() == null ? "" : " " + f.sku()) + ": " + f.message());
        }
        p.printRecord(r.priority() == null ? null : r.priority().name(), safe(r.orderId()),
                localTime.format(r.createdAt()), r.verdict().name(), blankToNull(String.join("; ", codes)),
                blankToNull(String.join("; ", actions)), safe(String.join("; ", skus)),
                r.normalCombination(), safe(String.join(" | ", details)), safe(r.contact().phone()),
                safe(r.contact().whatsapp()), safe(r.contact().recipientPhone()), safe(r.contact().recipientWhatsapp()),
                blankToNull(String.join("; ", acknowledged)));
        return out.toString();
    }

    /**
     * Every text cell is quoted and an empty one is left bare: a spreadsheet keeps quoted text as
     * written, and {@link #safe} has already defused formulas.
     */
    private static final CSVFormat SPREADSHEET = CSVFormat.RFC4180.builder().setRecordSeparator("\r\n")
            .setQuoteMode(org.apache.commons.csv.QuoteMode.ALL_NON_NULL).get();

    private static String blankToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    /**
     * A text cell that a spreadsheet would run as a formula ({@code = + - @}, tab, CR or LF first)
     * gets a leading apostrophe (OWASP "CSV Injection"); the printer quotes it as needed.
     */
    public static String safe(String s) {
        if (s == null || s.isEmpty()) {
            return null;
        }
        char c = s.charAt(0);
        return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r' || c == '\n' ? "'" + s : s;
    }

    /** The JSON object of one result: {@link TriageResult#toJsonObject()}. */
    public static Map<String, Object> json(TriageResult r) {
        return r.toJsonObject();
    }

    /**
     * Writes rejects as CSV: lines, order id, field, value, reason; every text cut to a readable length
     * ({@link Values#shorten}: a 6 MB cell is shown as its first 200 characters and its length).
     */
    /** {@code --rule-stats}: one row per rule the engine ran, by package then rule, those that never fired included. */
    public static void writeRuleStats(List<RuleStats.Entry> entries, Writer w) throws IOException {
        CSVPrinter p = new CSVPrinter(w, SPREADSHEET);
        p.printRecord("package", "rule", "orders", "firings");
        for (RuleStats.Entry e : entries) {
            p.printRecord(safe(e.packageName()), safe(e.rule()), e.orders(), e.firings());
        }
        p.flush();
    }

    public static void writeRejects(List<Reject> rejects, Writer w) throws IOException {
        CSVPrinter p = new CSVPrinter(w, SPREADSHEET);
        p.printRecord("lines", "order_id", "field", "value", "reason");
        for (Reject r : rejects) {
            p.printRecord(r.lines(), safe(Values.shorten(r.orderId())), safe(Values.shorten(r.field())),
                    safe(r.value()), safe(r.reason()));
        }
        p.flush();
    }
}
