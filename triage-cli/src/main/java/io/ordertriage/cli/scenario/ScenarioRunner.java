package io.ordertriage.cli.scenario;

import io.ordertriage.RuleCompilationException;
import io.ordertriage.RulePack;
import io.ordertriage.RuleProblem;
import io.ordertriage.RuleStats;
import io.ordertriage.TriageEngine;
import io.ordertriage.TriageException;
import io.ordertriage.TriageSettings;
import io.ordertriage.cli.RunOptions;
import io.ordertriage.cli.io.AcknowledgementsReader;
import io.ordertriage.cli.io.DeliveryTermsReader;
import io.ordertriage.cli.io.InputException;
import io.ordertriage.cli.io.Mapping;
import io.ordertriage.cli.io.OrderReader;
import io.ordertriage.cli.io.PriceListReader;
import io.ordertriage.cli.io.Reject;
import io.ordertriage.cli.io.SourceOrder;
import io.ordertriage.cli.io.TextInput;
import io.ordertriage.cli.io.Values;
import io.ordertriage.model.Finding;
import io.ordertriage.model.LineDecision;
import io.ordertriage.model.LineResolution;
import io.ordertriage.model.Order;
import io.ordertriage.model.TriageResult;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Runs one scenario: reads its orders and reference tables as {@code classify} would (the same
 * readers, so a value means in a scenario what it means in an export), classifies each order with
 * an engine set up as the scenario says, and compares what came with what was expected.
 */
final class ScenarioRunner {

    /** What one scenario came to. */
    record Outcome(Scenario scenario, Status status, List<String> details, long nanos) {
    }

    enum Status { PASS, FAIL }

    private ScenarioRunner() {
    }

    /**
     * What an engine is built from, so that scenarios set up alike share one (building one takes
     * about 0.1 s on the pre-built rules, a second or more when extra rules are compiled).
     */
    record EngineKey(List<Path> rules, TriageSettings settings, ZoneId zone, String prices, String deliveryTerms, String acks) {
    }

    /** An engine and what counts its firings, or why it could not be built. */
    record Built(TriageEngine engine, RuleStats stats, TriageException failure) {
    }

    /** A reference table as written: its file, or its rows' values. */
    private static String tableKey(Scenario.Table t) {
        if (t == null) {
            return "";
        }
        if (t.file() != null) {
            return "file:" + t.file();
        }
        StringBuilder b = new StringBuilder("rows:");
        for (Map<String, Yaml.Value> row : t.rows()) {
            row.forEach((k, v) -> b.append(k).append('=').append(v.content()).append('\u0001'));
            b.append('\u0002');
        }
        return b.toString();
    }

    private static Built build(Scenario sc, Scenario.Setup su, TriageSettings settings, ZoneId zone, Values values,
                               List<Path> temporary) throws Yaml.Malformed, IOException {
        TriageEngine.Builder b = TriageEngine.builder().clock(java.time.Clock.fixed(Instant.EPOCH, zone)).settings(settings);
        if (su.prices() != null) {
            b.priceList(read(sc, su.prices(), "prices", temporary, in -> PriceListReader.read(in)));
        }
        if (su.deliveryTerms() != null) {
            b.deliveryTerms(read(sc, su.deliveryTerms(), "delivery_terms", temporary, in -> DeliveryTermsReader.read(in)));
        }
        if (su.acks() != null) {
            io.ordertriage.model.Acknowledgements acks = read(sc, su.acks(), "acks", temporary, in -> AcknowledgementsReader.read(in, values));
            b.acknowledgements(acks);
        }
        for (Path r : su.rules()) {
            b.addRules(r);
        }
        RuleStats stats = new RuleStats();
        b.ruleStats(stats);
        try {
            return new Built(b.build(), stats, null);
        } catch (TriageException e) {   // RuleCompilationException included
            return new Built(null, null, e);
        }
    }

    static Outcome run(Scenario sc, Map<EngineKey, Built> engines) throws Yaml.Malformed, IOException {
        long start = System.nanoTime();
        Scenario.Setup su = sc.setup();
        ZoneId zone = zone(sc, su.zone());
        Instant asOf = instant(su.asOf(), zone);
        Set<RulePack> explicit = new HashSet<>();
        TriageSettings settings = TriageSettings.defaults();
        for (Map.Entry<String, Yaml.Value> e : su.settings().entrySet()) {
            String value = e.getValue().text("setting " + e.getKey());
            try {
                settings = settings.with(e.getKey(), value);
            } catch (IllegalArgumentException | ArithmeticException | DateTimeException x) {
                throw e.getValue().fail("settings: " + x.getMessage());
            }
            for (RulePack p : RulePack.values()) {
                if (e.getKey().equalsIgnoreCase(p.key() + ".enabled")) {
                    explicit.add(p);
                }
            }
        }

        List<Path> temporary = new ArrayList<>();
        try {
            Values values = new Values(zone, List.of());
            Read orders = orders(sc, values, temporary);
            settings = RunOptions.packsForColumns(settings, orders.supplied(), explicit, new ArrayList<>());
            EngineKey key = new EngineKey(su.rules(), settings, zone, tableKey(su.prices()), tableKey(su.deliveryTerms()),
                    tableKey(su.acks()));
            Built built = engines.get(key);
            if (built == null) {
                built = build(sc, su, settings, zone, values, temporary);
                engines.put(key, built);
            }
            if (built.failure() != null) {
                if (built.failure() instanceof RuleCompilationException e) {
                    StringBuilder m = new StringBuilder("scenario \"" + sc.name() + "\": its rules do not compile:");
                    for (RuleProblem p : e.problems()) {
                        m.append("\n      ").append(p);
                    }
                    throw new Yaml.Malformed(sc.file(), sc.line(), m.toString());
                }
                throw new Yaml.Malformed(sc.file(), sc.line(), "scenario \"" + sc.name() + "\": " + built.failure().getMessage());
            }
            TriageEngine engine = built.engine();
            RuleStats stats = built.stats();

            List<String> details = new ArrayList<>();
            for (Scenario.Expectation x : sc.expect()) {
                Order order = orders.byId().get(x.orderId());
                if (order == null) {
                    throw new Yaml.Malformed(sc.file(), x.line(), "expect: no order \"" + x.orderId()
                            + "\" among the scenario's orders (" + String.join(", ", orders.byId().keySet()) + ")");
                }
                Map<String, Long> before = firings(stats);
                TriageResult r = engine.classifyAll(List.of(order), asOf).get(0);
                List<String> diffs = compare(x, r);
                if (!diffs.isEmpty()) {
                    for (String d : diffs) {
                        details.add("order " + x.orderId() + ": " + d);
                    }
                    details.add("order " + x.orderId() + ": rules fired: " + fired(before, firings(stats)));
                }
            }
            return new Outcome(sc, details.isEmpty() ? Status.PASS : Status.FAIL, List.copyOf(details), System.nanoTime() - start);
        } finally {
            for (Path p : temporary) {
                Files.deleteIfExists(p);
            }
        }
    }

    // ---- comparing ------------------------------------------------------------------------------

    static List<String> compare(Scenario.Expectation x, TriageResult r) {
        List<String> d = new ArrayList<>();
        List<String> codes = r.findings().stream().map(Finding::code).toList();
        if (x.verdict() != null && !x.verdict().equals(r.verdict().name())) {
            d.add("verdict: expected " + x.verdict() + ", got " + r.verdict() + " " + codes);
        }
        String priority = r.priority() == null ? "NONE" : r.priority().name();
        if (x.priority() != null && !x.priority().equals(priority)) {
            d.add("priority: expected " + show(x.priority()) + ", got " + show(priority) + " " + codes);
        }
        String normal = r.normalCombination() == null ? "none" : r.normalCombination();
        if (x.normal() != null && !x.normal().equalsIgnoreCase(normal)) {
            d.add("normal combination: expected " + x.normal() + ", got " + normal);
        }
        if (x.codes() != null) {
            List<String> missing = x.codes().stream().filter(c -> !codes.contains(c)).toList();
            if (!missing.isEmpty()) {
                d.add("codes: expected " + missing + " among the findings, got " + codes);
            }
        }
        if (x.notCodes() != null) {
            List<String> present = x.notCodes().stream().filter(codes::contains).toList();
            if (!present.isEmpty()) {
                d.add("codes: expected no " + present + ", got " + codes);
            }
        }
        if (x.onlyCodes() != null && !new TreeSet<>(x.onlyCodes()).equals(new TreeSet<>(codes))) {
            d.add("codes: expected exactly " + new TreeSet<>(x.onlyCodes()) + ", got " + new TreeSet<>(codes));
        }
        if (x.findings() != null) {
            List<String> want = x.findings().stream().sorted().toList();
            List<String> got = r.findings().stream().map(f -> f.code() + (f.sku() == null ? "" : " " + f.sku())).sorted().toList();
            if (!want.equals(got)) {
                d.add("findings: expected exactly " + want + ", got " + got);
            }
        }
        if (x.basket() != null) {
            List<String> want = x.basket().stream().map(ScenarioRunner::normaliseBasket).toList();
            List<String> got = r.basket().stream().map(ScenarioRunner::basketEntry).toList();
            if (!want.equals(got)) {
                d.add("basket: expected " + want + ", got " + got);
            }
        }
        return d;
    }

    private static String show(String priority) {
        return priority.equals("NONE") ? "none" : priority;
    }

    static String basketEntry(LineResolution l) {
        return l.sku() + ": " + l.decision() + (l.decision() == LineDecision.SUBSTITUTE ? " " + l.substituteSku() : "");
    }

    private static String normaliseBasket(String s) {
        int colon = s.indexOf(':');
        String[] rest = s.substring(colon + 1).strip().split("\\s+");
        return s.substring(0, colon).strip() + ": " + rest[0].toUpperCase(Locale.ROOT) + (rest.length > 1 ? " " + rest[1] : "");
    }

    private static Map<String, Long> firings(RuleStats stats) {
        Map<String, Long> m = new HashMap<>();
        for (RuleStats.Entry e : stats.entries()) {
            m.put(e.rule(), e.firings());
        }
        return m;
    }

    private static String fired(Map<String, Long> before, Map<String, Long> after) {
        List<String> names = new ArrayList<>();
        after.forEach((rule, n) -> {
            if (n > before.getOrDefault(rule, 0L)) {
                names.add(rule);
            }
        });
        names.sort(null);
        return names.isEmpty() ? "none" : String.join("; ", names);
    }

    // ---- reading --------------------------------------------------------------------------------

    private record Read(Map<String, Order> byId, Set<String> supplied) {
    }

    /** Scenario orders are in the canonical columns of rulebook §1. */
    private static final Mapping CANONICAL = canonical();

    private static Mapping canonical() {
        try {
            return Mapping.load("canonical");
        } catch (Exception e) {
            throw new IllegalStateException("the canonical mapping is built in", e);
        }
    }

    /** The scenario's orders, read by the CLI's reader with the canonical mapping. */
    private static Read orders(Scenario sc, Values values, List<Path> temporary) throws Yaml.Malformed, IOException {
        Scenario.Orders o = sc.orders();
        Mapping canonical = CANONICAL;
        Path file;
        String display;
        Map<Integer, Integer> yamlLineOfRow = new HashMap<>();
        if (o.file() != null) {
            file = o.file();
            display = o.file().toString();
            if (!Files.isRegularFile(file)) {
                throw new Yaml.Malformed(sc.file(), o.line(), "orders: no file " + file);
            }
        } else {
            file = Files.createTempFile("triage-scenario-", ".csv");
            temporary.add(file);
            display = sc.file();
            writeInline(o, file, yamlLineOfRow);
        }
        List<SourceOrder> read = new ArrayList<>();
        List<List<Reject>> rejected = new ArrayList<>();
        OrderReader.Sink sink = new OrderReader.Sink() {
            @Override
            public void order(SourceOrder order) {
                read.add(order);
            }

            @Override
            public void rejected(List<Reject> problems) {
                rejected.add(problems);
            }
        };
        Set<String> supplied;
        try {
            TextInput in = TextInput.open(file, display, "UTF-8", ',');
            supplied = canonical.suppliedFields(OrderReader.header(in, canonical));
            OrderReader reader = new OrderReader(canonical, values);
            try {
                reader.read(in, false, sink, n -> { });
            } catch (OrderReader.NotContiguousException e) {
                read.clear();
                rejected.clear();
                reader.read(in, true, sink, n -> { });
            }
        } catch (InputException | OrderReader.NotContiguousException e) {
            throw new Yaml.Malformed(sc.file(), o.line(), "orders: " + e.getMessage());
        }
        if (!rejected.isEmpty()) {
            Reject first = rejected.get(0).get(0);
            if (o.file() != null) {
                throw new Yaml.Malformed(sc.file(), o.line(), "orders: " + first.describe(display));
            }
            int row = firstLine(first.lines());
            throw new Yaml.Malformed(sc.file(), yamlLineOfRow.getOrDefault(row, o.line()), "orders: "
                    + first.describe("").replaceFirst("^:[^:]*: ", ""));
        }
        Map<String, Order> byId = new LinkedHashMap<>();
        for (SourceOrder s : read) {
            if (byId.put(s.order().orderId(), s.order()) != null) {
                throw new Yaml.Malformed(sc.file(), o.line(), "orders: two orders with order_id \"" + s.order().orderId() + "\"");
            }
        }
        return new Read(byId, supplied);
    }

    private static int firstLine(String lines) {
        StringBuilder digits = new StringBuilder();
        for (char c : lines.toCharArray()) {
            if (!Character.isDigit(c)) {
                break;
            }
            digits.append(c);
        }
        return digits.isEmpty() ? 0 : Integer.parseInt(digits.toString());
    }

    /** Inline orders as a canonical CSV: one row per line (one row for an order without lines). */
    private static void writeInline(Scenario.Orders o, Path file, Map<Integer, Integer> yamlLineOfRow)
            throws Yaml.Malformed, IOException {
        Set<String> columns = new LinkedHashSet<>();
        List<Map<String, Yaml.Value>> orders = new ArrayList<>();
        for (Yaml.Value v : o.inline()) {
            Map<String, Yaml.Value> fields = new LinkedHashMap<>(o.defaults());
            fields.putAll(v.map("an order", null));
            orders.add(fields);
            fields.keySet().stream().filter(k -> !k.equals("lines")).forEach(columns::add);
            if (fields.containsKey("lines")) {
                for (Yaml.Value l : fields.get("lines").list("lines")) {
                    columns.addAll(l.map("a line", null).keySet());
                }
            }
        }
        List<String> header = Mapping.ALL_FIELDS.stream().filter(columns::contains).toList();
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
             CSVPrinter csv = new CSVPrinter(w, CSVFormat.DEFAULT.builder().setRecordSeparator("\n").get())) {
            csv.printRecord(header);
            int row = 2;
            for (int i = 0; i < orders.size(); i++) {
                Map<String, Yaml.Value> fields = orders.get(i);
                List<Yaml.Value> lines = fields.containsKey("lines") ? fields.get("lines").list("lines") : List.of();
                if (lines.isEmpty()) {
                    csv.printRecord(cells(header, fields, Map.of()));
                    yamlLineOfRow.put(row++, o.inline().get(i).line());
                }
                for (Yaml.Value l : lines) {
                    csv.printRecord(cells(header, fields, l.map("a line", null)));
                    yamlLineOfRow.put(row++, l.line());
                }
            }
        }
    }

    private static List<String> cells(List<String> header, Map<String, Yaml.Value> order, Map<String, Yaml.Value> line)
            throws Yaml.Malformed {
        List<String> cells = new ArrayList<>(header.size());
        for (String h : header) {
            Yaml.Value v = line.containsKey(h) ? line.get(h) : order.get(h);
            String text = v == null ? "" : v.text(h);
            if (text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0) {
                throw v.fail(h + ": a value on several lines; orders' values are one line each");
            }
            cells.add(text);
        }
        return cells;
    }

    private static final Map<String, List<String>> EMPTY_TABLE_HEADERS = Map.of(
            "prices", List.of("city", "store", "sku", "price"),
            "delivery_terms", List.of("locality", "days"),
            "acks", List.of("order_id", "code", "until", "note"));

    private interface TableReader<T> {
        T read(TextInput in) throws InputException;
    }

    private static <T> T read(Scenario sc, Scenario.Table t, String what, List<Path> temporary, TableReader<T> reader)
            throws Yaml.Malformed, IOException {
        Path file = t.file();
        String display = file != null ? file.toString() : sc.file() + ":" + t.line() + " (" + what + ")";
        if (file == null) {
            file = Files.createTempFile("triage-scenario-", ".csv");
            temporary.add(file);
            Set<String> columns = new LinkedHashSet<>();
            t.rows().forEach(r -> columns.addAll(r.keySet()));
            if (columns.isEmpty()) {
                // an empty table (prices: []): its header alone
                columns.addAll(EMPTY_TABLE_HEADERS.get(what));
            }
            try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
                 CSVPrinter csv = new CSVPrinter(w, CSVFormat.DEFAULT.builder().setRecordSeparator("\n").get())) {
                csv.printRecord(columns);
                for (Map<String, Yaml.Value> r : t.rows()) {
                    List<String> cells = new ArrayList<>();
                    for (String c : columns) {
                        cells.add(r.containsKey(c) ? r.get(c).text(c) : "");
                    }
                    csv.printRecord(cells);
                }
            }
        } else if (!Files.isRegularFile(file)) {
            throw new Yaml.Malformed(sc.file(), t.line(), what + ": no file " + file);
        }
        try {
            return reader.read(TextInput.open(file, display, "UTF-8", ','));
        } catch (InputException e) {
            throw new Yaml.Malformed(sc.file(), t.line(), what + ": " + e.getMessage());
        }
    }

    private static ZoneId zone(Scenario sc, Yaml.Value v) throws Yaml.Malformed {
        if (v == null) {
            return ZoneOffset.UTC;
        }
        String z = v.text("zone").strip();
        try {
            return ZoneId.of(z);
        } catch (DateTimeException e) {
            throw v.fail("zone \"" + z + "\": unknown; expected a region such as Europe/Moscow or an offset such as +03:00");
        }
    }

    /** The scenario's as_of, read as the CLI reads --as-of. */
    private static Instant instant(Yaml.Value v, ZoneId zone) throws Yaml.Malformed {
        try {
            return RunOptions.instant("as_of", v.text("as_of"), zone);
        } catch (io.ordertriage.cli.UsageException e) {
            throw v.fail(e.getMessage());
        }
    }
}
