package io.ordertriage.cli.io;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * How one source's export becomes canonical orders (rulebook §1): which column feeds each
 * canonical field, how source labels translate, what the source lacks. Loaded from YAML; see
 * {@code docs/cli.md} for the format and the built-in presets.
 *
 * @param name        a label for messages
 * @param encoding    the source's usual encoding, used unless {@code --encoding} is given; null to detect
 * @param delimiter   the source's delimiter, used unless {@code --delimiter} is given; null to detect
 * @param zone        zone for date-times without an offset, used unless {@code --zone} is given; null for the run's
 * @param fields      canonical field → the source columns that may hold it; the first listed column that is
 *                    present in the file and non-blank on a row gives the value
 * @param values      canonical field → source label → canonical value, for fields read through {@code fields}
 *                    (labels match ignoring case and surrounding space); a non-blank label missing from a
 *                    field's map rejects the order
 * @param derive      source columns whose value sets one or more canonical fields at once
 * @param constants   canonical field → value for fields the source lacks (used when the row leaves it blank)
 * @param dateFormats extra date-time patterns ({@link java.time.format.DateTimeFormatter}) tried before the built-in ones
 * @param distinctFrom canonical field → source columns that name the buyer: a value read for the field is kept
 *                    only when one of those columns is non-blank on the same row and none of them holds the same
 *                    value (compared on letters and digits only, ignoring case); for example a shipping name is a
 *                    recipient only when it is not the billing name
 * @param skipTitleBlock when true, rows above the header are a title block (a report's name, its period):
 *                    the header is the first row that names one of the order_id columns (at most
 *                    {@value #MAX_TITLE_ROWS} rows are skipped looking for it)
 * @param skipRows    patterns ({@link java.util.regex.Pattern}, matched against the whole value, ignoring case) for
 *                    rows that are not orders, such as a totals row: a row whose first non-blank value matches one is
 *                    skipped, and counted
 */
public record Mapping(String name, String encoding, String delimiter, String zone,
                      Map<String, List<String>> fields, Map<String, Map<String, String>> values,
                      List<Derivation> derive, Map<String, String> constants, List<String> dateFormats,
                      Map<String, List<String>> distinctFrom, boolean skipTitleBlock, List<String> skipRows) {

    /** How many rows a title block may have before the header. */
    public static final int MAX_TITLE_ROWS = 50;

    /** Canonical field names (rulebook §1), order-level then line-level. */
    public static final List<String> ORDER_FIELDS = List.of("order_id", "created_at", "updated_at", "city", "store",
            "order_status", "payment_status", "confirmation_status", "age_verified", "customer_phone",
            "estimated_delivery_at",
            // part two (§11-§18)
            "fulfilment", "status_changed_at", "shipped_at", "locality", "arrived_at", "delivery_date",
            "pickup_checkin_at", "recipient_name", "recipient_phone", "cancel_reason", "cancelled_by",
            "paid_amount", "discount", "promo");
    public static final List<String> LINE_FIELDS = List.of("sku", "qty", "unit_price", "adult_only", "key_item",
            "line_group", "available", "substitute_sku", "substitute_available", "combo_id");
    public static final List<String> ALL_FIELDS;

    static {
        List<String> all = new ArrayList<>(ORDER_FIELDS);
        all.addAll(LINE_FIELDS);
        ALL_FIELDS = List.copyOf(all);
    }

    /** The built-in mappings, by name. */
    public static final List<String> BUILT_IN = List.of("canonical", "shopify", "olist");

    /**
     * A source column whose labels set canonical fields.
     *
     * @param column  the source column
     * @param values  label → (canonical field → canonical value); labels match ignoring case and
     *                surrounding space; a non-blank label missing here rejects the order
     * @param present canonical field → value, set whenever the column is non-blank, whatever its label
     *                (for example a "Cancelled at" timestamp means CANCELLED); applied after {@code values}
     */
    public record Derivation(String column, Map<String, Map<String, String>> values, Map<String, String> present) {
        public Derivation {
            Objects.requireNonNull(column, "derive: column is required");
            values = values == null ? Map.of() : lowerKeys(values);
            present = present == null ? Map.of() : Map.copyOf(present);
        }
    }

    public Mapping {
        name = name == null ? "custom" : name;
        fields = fields == null ? Map.of() : copyLists(fields);
        values = values == null ? Map.of() : lowerInnerKeys(values);
        derive = derive == null ? List.of() : List.copyOf(derive);
        constants = constants == null ? Map.of() : Map.copyOf(constants);
        dateFormats = dateFormats == null ? List.of() : List.copyOf(dateFormats);
        distinctFrom = distinctFrom == null ? Map.of() : copyLists(distinctFrom);
        skipRows = skipRows == null ? List.of() : List.copyOf(skipRows);
    }

    /** {@link #skipRows} compiled (the mapping was validated when loaded). */
    public List<java.util.regex.Pattern> skipRowPatterns() {
        return skipRows.stream()
                .map(p -> java.util.regex.Pattern.compile(p, java.util.regex.Pattern.CASE_INSENSITIVE
                        | java.util.regex.Pattern.UNICODE_CASE))
                .toList();
    }

    private static Map<String, List<String>> copyLists(Map<String, List<String>> m) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        m.forEach((k, v) -> out.put(k, v == null ? List.of() : List.copyOf(v)));
        return out;
    }

    private static <V> Map<String, V> lowerKeys(Map<String, V> m) {
        Map<String, V> out = new LinkedHashMap<>();
        m.forEach((k, v) -> out.put(label(k), v));
        return out;
    }

    private static Map<String, Map<String, String>> lowerInnerKeys(Map<String, Map<String, String>> m) {
        Map<String, Map<String, String>> out = new LinkedHashMap<>();
        m.forEach((k, v) -> out.put(k, v == null ? Map.of() : lowerKeys(v)));
        return out;
    }

    /** How labels are compared: trimmed, lower case. */
    public static String label(String s) {
        return s == null ? "" : s.strip().toLowerCase(Locale.ROOT);
    }

    /** The built-in mapping {@code name}, or the mapping file at {@code nameOrFile}. */
    public static Mapping load(String nameOrFile) throws MappingException {
        if (BUILT_IN.contains(nameOrFile)) {
            String resource = "/io/ordertriage/cli/mappings/" + nameOrFile + ".yaml";
            try (InputStream in = Mapping.class.getResourceAsStream(resource)) {
                return parse(Objects.requireNonNull(in, resource), nameOrFile);
            } catch (IOException e) {
                throw new MappingException("cannot read built-in mapping " + nameOrFile + ": " + e.getMessage());
            }
        }
        Path file = Path.of(nameOrFile);
        try (InputStream in = Files.newInputStream(file)) {
            return parse(in, file.toString());
        } catch (NoSuchFileException e) {
            throw new MappingException("mapping \"" + nameOrFile + "\" is neither a built-in mapping " + BUILT_IN
                    + " nor an existing file");
        } catch (IOException e) {
            throw new MappingException("cannot read mapping file " + nameOrFile + ": " + e.getMessage());
        }
    }

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    static Mapping parse(InputStream in, String source) throws MappingException {
        Mapping m;
        try {
            m = YAML.readValue(in, Mapping.class);
        } catch (UnrecognizedPropertyException e) {
            throw new MappingException(source + ": unknown key \"" + e.getPropertyName()
                    + "\"; expected one of " + e.getKnownPropertyIds());
        } catch (JsonMappingException e) {
            throw new MappingException(source + ":" + line(e) + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new MappingException(source + ": not a valid YAML mapping: " + e.getMessage());
        }
        if (m == null) {
            throw new MappingException(source + ": the mapping file is empty");
        }
        m.validate(source);
        return m;
    }

    private static int line(JsonMappingException e) {
        return e.getLocation() == null ? 0 : e.getLocation().getLineNr();
    }

    private void validate(String source) throws MappingException {
        List<String> problems = new ArrayList<>();
        checkFields(fields.keySet(), "fields", problems);
        checkFields(values.keySet(), "values", problems);
        checkFields(constants.keySet(), "constants", problems);
        checkFields(distinctFrom.keySet(), "distinctFrom", problems);
        for (Derivation d : derive) {
            d.values().values().forEach(v -> checkFields(v.keySet(), "derive " + d.column(), problems));
            checkFields(d.present().keySet(), "derive " + d.column() + " present", problems);
        }
        for (String p : skipRows) {
            try {
                java.util.regex.Pattern.compile(p);
            } catch (java.util.regex.PatternSyntaxException e) {
                problems.add("skipRows: \"" + p + "\" is not a valid pattern (" + e.getDescription() + " at index "
                        + e.getIndex() + ")");
            }
        }
        if (!fields.containsKey("order_id")) {
            problems.add("fields: order_id is required: name the column that identifies an order");
        }
        if (!problems.isEmpty()) {
            throw new MappingException(source + ": " + String.join("; ", problems));
        }
    }

    private static void checkFields(Iterable<String> names, String where, List<String> problems) {
        for (String n : names) {
            if (!ALL_FIELDS.contains(n)) {
                problems.add(where + ": unknown canonical field \"" + n + "\"; expected one of " + ALL_FIELDS);
            }
        }
    }

    /** The source columns of the order key. */
    public List<String> orderKeyColumns() {
        return fields.get("order_id");
    }

    /**
     * The canonical fields an input with this header supplies: those with a column present (any
     * case), a constant, or a derivation whose column is present and that can set them.
     */
    public java.util.Set<String> suppliedFields(List<String> header) {
        java.util.Set<String> present = new java.util.HashSet<>();
        header.forEach(h -> present.add(label(h.replace("\uFEFF", ""))));
        java.util.Set<String> supplied = new java.util.LinkedHashSet<>();
        fields.forEach((field, columns) -> {
            if (columns.stream().anyMatch(c -> present.contains(label(c)))) {
                supplied.add(field);
            }
        });
        supplied.addAll(constants.keySet());
        for (Derivation d : derive) {
            if (present.contains(label(d.column()))) {
                supplied.addAll(d.present().keySet());
                d.values().values().forEach(m -> supplied.addAll(m.keySet()));
            }
        }
        return supplied;
    }


    /** A mapping that cannot be used, with what is wrong. */
    public static final class MappingException extends Exception {
        public MappingException(String message) {
            super(message);
        }
    }
}
