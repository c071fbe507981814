package io.ordertriage.cli.scenario;

import io.ordertriage.cli.io.Mapping;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Reads a scenario file (YAML; the format is taught in docs/rules.md). */
final class ScenarioFile {
    private static final List<String> SHARED = List.of("description", "as_of", "zone", "settings", "prices",
            "delivery_terms", "acks", "rules", "orders", "order_defaults");
    private static final List<String> FILE_KEYS = with(SHARED, "scenarios");
    private static final List<String> SCENARIO_KEYS = with(List.of("name"), SHARED, List.of("expect"));
    private static final List<String> EXPECT_KEYS = List.of("verdict", "priority", "normal", "codes", "not_codes",
            "only_codes", "findings", "basket");
    private static final Set<String> VERDICTS = Set.of("OK", "ATTENTION");
    private static final Set<String> PRIORITIES = Set.of("P1", "P2", "P3", "NONE");

    private ScenarioFile() {
    }

    static List<Scenario> read(Path path, String display) throws Yaml.Malformed, IOException {
        Yaml.Value root = Yaml.load(path, display);
        Map<String, Yaml.Value> top = root.map("a scenario file", FILE_KEYS);
        Yaml.Value list = top.get("scenarios");
        if (list == null) {
            throw root.fail("no \"scenarios\": a scenario file has a list of scenarios (docs/rules.md)");
        }
        Path dir = path.toAbsolutePath().getParent();
        List<Scenario> out = new ArrayList<>();
        Set<String> names = new java.util.HashSet<>();
        for (Yaml.Value s : list.list("scenarios")) {
            Map<String, Yaml.Value> own = s.map("a scenario", SCENARIO_KEYS);
            Yaml.Value name = own.get("name");
            if (name == null) {
                throw s.fail("a scenario without a \"name\"; give each scenario a name that says what it shows");
            }
            String n = name.text("name").strip();
            if (n.isEmpty()) {
                throw name.fail("a scenario's name is empty");
            }
            if (!names.add(n)) {
                throw name.fail("a second scenario named \"" + n + "\" in this file; names identify scenarios in reports");
            }
            out.add(scenario(display, dir, s.line(), n, top, own));
        }
        if (out.isEmpty()) {
            throw list.fail("\"scenarios\" is empty");
        }
        return out;
    }

    private static Scenario scenario(String file, Path dir, int line, String name, Map<String, Yaml.Value> top,
                                     Map<String, Yaml.Value> own) throws Yaml.Malformed {
        Yaml.Value asOf = pick("as_of", top, own);
        if (asOf == null) {
            throw new Yaml.Malformed(file, line, "scenario \"" + name + "\" has no as_of (here or at the top of the file): "
                    + "rules that look at time need a fixed evaluation instant, e.g. as_of: 2026-03-10T12:00:00Z");
        }
        Map<String, Yaml.Value> settings = new LinkedHashMap<>();
        for (Yaml.Value v : new Yaml.Value[]{top.get("settings"), own.get("settings")}) {
            if (v != null) {
                settings.putAll(v.map("settings", null));
            }
        }
        List<Path> rules = new ArrayList<>();
        Yaml.Value r = pick("rules", top, own);
        if (r != null) {
            for (String p : r.texts("rules")) {
                rules.add(dir.resolve(p).normalize());
            }
        }
        Scenario.Setup setup = new Scenario.Setup(asOf, pick("zone", top, own), settings,
                table(dir, pick("prices", top, own)), table(dir, pick("delivery_terms", top, own)),
                table(dir, pick("acks", top, own)), rules);

        Yaml.Value orders = pick("orders", top, own);
        if (orders == null) {
            throw new Yaml.Malformed(file, line, "scenario \"" + name + "\" has no orders: a list of orders, or a CSV file");
        }
        Map<String, Yaml.Value> defaults = new LinkedHashMap<>();
        for (Yaml.Value v : new Yaml.Value[]{top.get("order_defaults"), own.get("order_defaults")}) {
            if (v != null) {
                for (Map.Entry<String, Yaml.Value> e : v.map("order_defaults", Mapping.ORDER_FIELDS).entrySet()) {
                    defaults.put(e.getKey(), e.getValue());
                }
            }
        }
        Scenario.Orders o = orders.isText()
                ? new Scenario.Orders(dir.resolve(orders.text("orders")).normalize(), null, defaults, orders.line())
                : new Scenario.Orders(null, orders.list("orders"), defaults, orders.line());
        if (o.inline() != null) {
            for (Yaml.Value order : o.inline()) {
                Map<String, Yaml.Value> fields = order.map("an order", with(Mapping.ORDER_FIELDS, "lines"));
                if (fields.containsKey("lines")) {
                    for (Yaml.Value l : fields.get("lines").list("lines")) {
                        l.map("a line", Mapping.LINE_FIELDS);
                    }
                }
            }
        }

        Yaml.Value expect = own.get("expect");
        if (expect == null) {
            throw new Yaml.Malformed(file, line, "scenario \"" + name + "\" has no expect: what to expect of each order, by its order_id");
        }
        List<Scenario.Expectation> expectations = new ArrayList<>();
        for (Map.Entry<String, Yaml.Value> e : expect.map("expect", null).entrySet()) {
            expectations.add(expectation(e.getKey(), e.getValue()));
        }
        if (expectations.isEmpty()) {
            throw expect.fail("\"expect\" is empty: say what to expect of at least one order");
        }
        return new Scenario(file, line, name, setup, o, List.copyOf(expectations));
    }

    private static Scenario.Expectation expectation(String orderId, Yaml.Value v) throws Yaml.Malformed {
        Map<String, Yaml.Value> m = v.map("the expectation of order " + orderId, EXPECT_KEYS);
        if (m.isEmpty()) {
            throw v.fail("nothing expected of order " + orderId + "; expected any of " + String.join(", ", EXPECT_KEYS));
        }
        String verdict = upper(m.get("verdict"), "verdict");
        if (verdict != null && !VERDICTS.contains(verdict)) {
            throw m.get("verdict").fail("verdict \"" + verdict + "\"; expected OK or ATTENTION");
        }
        String priority = upper(m.get("priority"), "priority");
        if (priority != null && !PRIORITIES.contains(priority)) {
            throw m.get("priority").fail("priority \"" + priority + "\"; expected P1, P2, P3 or none");
        }
        String normal = m.get("normal") == null ? null : m.get("normal").text("normal").strip();
        List<String> basket = texts(m.get("basket"), "basket");
        if (basket != null) {
            for (int i = 0; i < basket.size(); i++) {
                String b = basket.get(i).strip();
                if (!b.matches("[^:]+:\\s*(KEEP|REMOVE|SUBSTITUTE\\s+\\S+)")) {
                    throw m.get("basket").fail("basket entry \"" + b + "\"; expected SKU: KEEP, SKU: REMOVE or SKU: SUBSTITUTE OTHER-SKU");
                }
            }
        }
        List<String> findings = texts(m.get("findings"), "findings");
        if (findings != null) {
            findings = findings.stream().map(f -> f.strip().replaceAll("\\s+", " ")).toList();
            for (String f : findings) {
                if (!f.matches("[^ ]+( [^ ]+)?")) {
                    throw m.get("findings").fail("findings entry \"" + f + "\"; expected CODE, or CODE SKU for a line's finding");
                }
            }
        }
        return new Scenario.Expectation(orderId, v.line(), verdict, priority, normal, texts(m.get("codes"), "codes"),
                texts(m.get("not_codes"), "not_codes"), texts(m.get("only_codes"), "only_codes"), findings, basket);
    }

    private static Scenario.Table table(Path dir, Yaml.Value v) throws Yaml.Malformed {
        if (v == null) {
            return null;
        }
        if (v.isText()) {
            return new Scenario.Table(dir.resolve(v.text("a table")).normalize(), null, v.line());
        }
        List<Map<String, Yaml.Value>> rows = new ArrayList<>();
        for (Yaml.Value row : v.list("a table")) {
            rows.add(row.map("a row", null));
        }
        return new Scenario.Table(null, rows, v.line());
    }

    private static Yaml.Value pick(String key, Map<String, Yaml.Value> top, Map<String, Yaml.Value> own) {
        return own.containsKey(key) ? own.get(key) : top.get(key);
    }

    private static String upper(Yaml.Value v, String what) throws Yaml.Malformed {
        return v == null ? null : v.text(what).strip().toUpperCase(Locale.ROOT);
    }

    private static List<String> texts(Yaml.Value v, String what) throws Yaml.Malformed {
        if (v == null) {
            return null;
        }
        if (v.isText() && v.text(what).isBlank()) {
            return List.of();
        }
        return v.texts(what).stream().map(String::strip).toList();
    }

    @SafeVarargs
    private static List<String> with(List<String>... parts) {
        List<String> all = new ArrayList<>();
        for (List<String> p : parts) {
            all.addAll(p);
        }
        return List.copyOf(all);
    }

    private static List<String> with(List<String> base, String more) {
        return with(base, List.of(more));
    }
}
