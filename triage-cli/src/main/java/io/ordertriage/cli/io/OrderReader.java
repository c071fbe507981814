package io.ordertriage.cli.io;

import io.ordertriage.model.CancellationRole;
import io.ordertriage.model.ConfirmationStatus;
import io.ordertriage.model.Fulfilment;
import io.ordertriage.model.Order;
import io.ordertriage.model.OrderLine;
import io.ordertriage.model.OrderStatus;
import io.ordertriage.model.PaymentStatus;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.LongConsumer;
import java.util.regex.Pattern;

/**
 * Reads a delimited export into canonical orders through a {@link Mapping} (rulebook §1, §9).
 *
 * <p>Rows of one order that are contiguous are grouped while streaming, so memory does not grow
 * with the file. When an order's rows turn out not to be contiguous, {@link #read} throws
 * {@link NotContiguousException} before anything of that order was passed on twice; the caller
 * then reads again with {@code grouped = true}, which holds every row until the end.
 *
 * <p>Every order ends either in {@link Sink#order} or in {@link Sink#rejected}. The text goes through a
 * {@link RecordScanner} on its way to Commons CSV: it gives every record its physical lines and cuts a quoted
 * value that is never closed at the end of its line, so that it cannot swallow the rest of the file. A row with
 * another number of fields than the header is not trusted for its order id: the {@link Grouper} decides its order
 * from its neighbours. Invisible format characters are removed from every value, and a repeated header is skipped
 * ({@link #warnings()}).
 */
public final class OrderReader {
    private static final int F_ORDER_ID = Mapping.ALL_FIELDS.indexOf("order_id");
    private static final int FIELDS = Mapping.ALL_FIELDS.size();
    /** The canonical fields an input must supply (rulebook §1). */
    public static final List<String> REQUIRED = List.of("order_id", "created_at", "order_status", "payment_status");

    /** Receives what was read. */
    public interface Sink {
        void order(SourceOrder order);

        /** One order (or orphan row) rejected, with every problem found in it. */
        void rejected(List<Reject> problems);
    }

    /** The rows of an order were not contiguous: read again with {@code grouped = true}. */
    public static final class NotContiguousException extends Exception {
        public NotContiguousException(String orderId, int line) {
            super("rows of order " + orderId + " are not contiguous (again at line " + line + ")", null, false, false);
        }
    }

    private final Mapping mapping;
    private long skipped;
    private final Values values;
    private final Map<String, Integer> unmapped = new TreeMap<>();
    private final List<String> warnings = new ArrayList<>();
    /** Values that had invisible format characters removed, in the current read. */
    private long cleanedValues;

    public OrderReader(Mapping mapping, Values values) {
        this.mapping = mapping;
        this.values = values;
    }

    /** Distinct values no mapping or enum accepted, as {@code field "value"} → count. */
    public Map<String, Integer> unmapped() {
        return unmapped;
    }

    /**
     * What the last {@link #read} wants the user to know about the input itself, one sentence each: quoted
     * values never closed, the header repeated inside the file, a file cut short, invisible characters removed.
     */
    /** Rows of the last read that were not orders by the mapping's own word: a title block, rows matching skipRows. */
    public long skipped() {
        return skipped;
    }

    public List<String> warnings() {
        return warnings;
    }

    /**
     * Reads the whole input.
     *
     * @param progress told the number of bytes read so far, now and then
     */
    public void read(TextInput input, boolean grouped, Sink sink, LongConsumer progress)
            throws InputException, NotContiguousException {
        unmapped.clear();
        warnings.clear();
        skipped = 0;
        cleanedValues = 0;
        try (InputStream raw = Files.newInputStream(input.file());
             CountingInputStream counted = new CountingInputStream(raw);
             DecodingReader decoded = input.open(counted, true);
             RecordScanner scanner = new RecordScanner(decoded, input.delimiter());
             CSVParser parser = CSVParser.parse(scanner, format(input))) {
            Iterator<CSVRecord> it = parser.iterator();
            if (!it.hasNext()) {
                throw new InputException(input.displayName() + ": the file is empty; expected a header row");
            }
            CSVRecord headerRecord = it.next();
            RecordScanner.Span headerSpan = span(scanner);
            if (mapping.skipTitleBlock()) {
                int titleRows = 0;
                while (!namesOrderKey(headerRecord, mapping)) {
                    if (!it.hasNext() || ++titleRows > Mapping.MAX_TITLE_ROWS) {
                        throw new InputException(input.displayName() + ": no header row in the first "
                                + Math.min(titleRows, Mapping.MAX_TITLE_ROWS) + " rows: expected a row naming "
                                + String.join(" or ", mapping.orderKeyColumns()) + " (mapping " + mapping.name()
                                + " skips a title block above the header)");
                    }
                    headerRecord = it.next();
                    headerSpan = span(scanner);
                }
                if (titleRows > 0) {
                    skipped += titleRows;
                    warnings.add("a title block of " + titleRows + (titleRows == 1 ? " row" : " rows")
                            + " above the header (line " + headerSpan.firstLine() + ") skipped, not read as orders");
                }
            }
            Columns columns = resolve(input.displayName(), headerRecord);
            Grouper grouper = new Grouper(grouped, sink);
            List<Integer> repeatedHeader = new ArrayList<>(0);
            List<Integer> skippedRows = new ArrayList<>(0);
            List<Pattern> skipPatterns = mapping.skipRowPatterns();
            long recordsSinceProgress = 0;
            while (it.hasNext()) {
                CSVRecord record = it.next();
                RecordScanner.Span span = span(scanner);
                if (repeatsHeader(record, columns)) {
                    repeatedHeader.add(span.firstLine());
                } else if (!skipPatterns.isEmpty() && skipsRow(record, skipPatterns)) {
                    skippedRows.add(span.firstLine());
                } else {
                    grouper.add(mapRow(record, columns, span));
                }
                if (++recordsSinceProgress == 4096) {
                    recordsSinceProgress = 0;
                    progress.accept(counted.count());
                }
            }
            grouper.finish();
            progress.accept(counted.count());
            if (scanner.runaways() > 0) {
                warnings.add(scanner.runaways() + (scanner.runaways() == 1 ? " quoted value was" : " quoted values were")
                        + " never closed (line " + scanner.runawayLines() + "): each row is rejected as ending on the line its"
                        + " quote opened on, and reading went on at the next line");
            }
            if (!skippedRows.isEmpty()) {
                skipped += skippedRows.size();
                warnings.add(skippedRows.size() + (skippedRows.size() == 1 ? " row" : " rows") + " matching the mapping's"
                        + " skipRows (line" + (skippedRows.size() == 1 ? " " : "s ") + join(skippedRows)
                        + ") skipped, not read as orders");
            }
            if (!repeatedHeader.isEmpty()) {
                warnings.add("the header is repeated on line" + (repeatedHeader.size() == 1 ? " " : "s ")
                        + join(repeatedHeader) + " (exports put one after another?): skipped, not read as orders");
            }
            if (decoded.truncatedAt() >= 0) {
                warnings.add("the file ends in the middle of a " + input.charset().name() + " character (byte offset "
                        + decoded.truncatedAt() + "): it looks cut short; its last row is rejected");
            }
            if (cleanedValues > 0) {
                warnings.add("invisible characters (byte order marks, zero-width spaces, direction marks) removed from "
                        + cleanedValues + (cleanedValues == 1 ? " value" : " values"));
            }
        } catch (UncheckedIOException e) {
            throw decodingOrRead(input, e.getCause());
        } catch (IOException e) {
            throw decodingOrRead(input, e);
        }
    }

    private static CSVFormat format(TextInput input) {
        return CSVFormat.RFC4180.builder()
                .setDelimiter(input.delimiter())
                .setIgnoreEmptyLines(true)
                .setTrailingData(true)
                .setLenientEof(true)
                .get();
    }

    /** The lines of the record Commons CSV just returned. */
    private static RecordScanner.Span span(RecordScanner scanner) {
        RecordScanner.Span span = scanner.nextSpan();
        if (span == null) {
            throw new IllegalStateException("the record scanner is out of step with the CSV parser");
        }
        return span;
    }

    private static String join(List<Integer> lines) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < lines.size() && i < 10; i++) {
            b.append(i == 0 ? "" : ", ").append(lines.get(i));
        }
        return lines.size() > 10 ? b.append(" and ").append(lines.size() - 10).append(" more").toString() : b.toString();
    }

    private static InputException decodingOrRead(TextInput input, IOException e) {
        if (e instanceof DecodingReader.UndecodableException u) {
            return new InputException(input.displayName() + (u.line > 0 ? ":" + u.line : "") + ": " + u.getMessage()
                    + "; name the encoding with --encoding, for example --encoding windows-1251", e);
        }
        if (e instanceof CharacterCodingException) {
            return new InputException(input.displayName() + ": bytes that are not valid " + input.charset().name()
                    + " (" + e.getMessage() + "); name the encoding with --encoding, for example --encoding windows-1251", e);
        }
        return new InputException(input.displayName() + ": cannot read: " + e.getMessage(), e);
    }

    // ---- columns ---------------------------------------------------------------------------------

    /**
     * Where each canonical field and derivation reads from; {@code distinctColumns[f]} are the columns a
     * value of field {@code f} must differ from (null when the mapping names none).
     */
    private record Columns(int width, int[][] fieldColumns, int[] derivationColumns, int[][] distinctColumns,
                           List<String> header) {
    }

    /**
     * The header of {@code input}, as the names of its columns (an empty list for an empty file), to
     * learn before reading which canonical fields it supplies ({@link Mapping#suppliedFields}).
     */
    public static List<String> header(TextInput input) throws InputException {
        return header(input, null);
    }

    /**
     * As {@link #header(TextInput)}, below the title block when {@code mapping} skips one: the first
     * row naming one of its order key columns (the first row when none among the first rows does; the
     * read then says what is wrong).
     */
    public static List<String> header(TextInput input, Mapping mapping) throws InputException {
        try (InputStream raw = Files.newInputStream(input.file());
             DecodingReader decoded = input.open(raw, true);
             RecordScanner scanner = new RecordScanner(decoded, input.delimiter());
             CSVParser parser = CSVParser.parse(scanner, format(input))) {
            Iterator<CSVRecord> it = parser.iterator();
            List<String> header = new ArrayList<>();
            if (it.hasNext()) {
                CSVRecord first = it.next();
                CSVRecord record = first;
                if (mapping != null && mapping.skipTitleBlock()) {
                    for (int rows = 0; !namesOrderKey(record, mapping) && rows < Mapping.MAX_TITLE_ROWS && it.hasNext(); rows++) {
                        record = it.next();
                    }
                    if (!namesOrderKey(record, mapping)) {
                        record = first;
                    }
                }
                record.forEach(h -> header.add(cleanStatic(h)));
            }
            return header;
        } catch (UncheckedIOException e) {
            throw decodingOrRead(input, e.getCause());
        } catch (IOException e) {
            throw decodingOrRead(input, e);
        }
    }

    private Columns resolve(String file, CSVRecord headerRecord) throws InputException {
        List<String> header = new ArrayList<>();
        for (String h : headerRecord) {
            header.add(cleanStatic(h));
        }
        Map<String, Integer> index = new HashMap<>();
        for (int i = header.size() - 1; i >= 0; i--) {
            index.put(header.get(i).toLowerCase(java.util.Locale.ROOT), i);
        }
        int[][] fieldColumns = new int[FIELDS][];
        for (int f = 0; f < FIELDS; f++) {
            List<String> names = mapping.fields().getOrDefault(Mapping.ALL_FIELDS.get(f), List.of());
            fieldColumns[f] = names.stream().map(n -> index.get(n.strip().toLowerCase(java.util.Locale.ROOT)))
                    .filter(Objects::nonNull).mapToInt(Integer::intValue).toArray();
        }
        int[] derivationColumns = new int[mapping.derive().size()];
        for (int d = 0; d < derivationColumns.length; d++) {
            derivationColumns[d] = index.getOrDefault(mapping.derive().get(d).column().strip().toLowerCase(java.util.Locale.ROOT), -1);
        }
        List<String> missing = new ArrayList<>();
        for (String field : REQUIRED) {
            int f = Mapping.ALL_FIELDS.indexOf(field);
            boolean supplied = fieldColumns[f].length > 0 || mapping.constants().containsKey(field);
            List<String> lookedFor = new ArrayList<>(mapping.fields().getOrDefault(field, List.of()));
            for (int d = 0; d < derivationColumns.length; d++) {
                Mapping.Derivation der = mapping.derive().get(d);
                boolean sets = der.present().containsKey(field)
                        || der.values().values().stream().anyMatch(m -> m.containsKey(field));
                if (sets) {
                    lookedFor.add(der.column());
                    supplied |= derivationColumns[d] >= 0;
                }
            }
            if (!supplied) {
                missing.add(field + (lookedFor.isEmpty() ? " (the mapping names no column for it)"
                        : " (looked for " + String.join(" or ", lookedFor.stream().map(s -> "\"" + s + "\"").toList()) + ")"));
            }
        }
        if (!missing.isEmpty()) {
            throw new InputException(file + ": missing required column" + (missing.size() > 1 ? "s" : "") + " for mapping "
                    + mapping.name() + ": " + String.join(", ", missing) + "; the header has " + header);
        }
        int[][] distinctColumns = new int[FIELDS][];
        mapping.distinctFrom().forEach((field, names) -> distinctColumns[Mapping.ALL_FIELDS.indexOf(field)] = names.stream()
                .map(n -> index.get(n.strip().toLowerCase(java.util.Locale.ROOT)))
                .filter(Objects::nonNull).mapToInt(Integer::intValue).toArray());
        return new Columns(header.size(), fieldColumns, derivationColumns, distinctColumns, header);
    }

    // ---- rows ------------------------------------------------------------------------------------

    /**
     * A row in canonical terms: raw canonical values (null when blank) and any problem found mapping it.
     * A {@code broken} row (another number of fields than the header) has no values: its order is decided
     * by the {@link Grouper} from its neighbours, with {@code candidate} (what its order_id column holds, or
     * null), {@code held} (that, said for a message), {@code shifted} (with one or two fields too many, the
     * fields right after the order_id column, where an extra delimiter before it pushed the id; else none);
     * {@code blank} when every field is blank.
     */
    record Row(int firstLine, int lastLine, String[] values, List<Reject> problems, Set<String> unmappedFields,
               boolean broken, String candidate, String held, String[] shifted, boolean blank) {
        Row(int firstLine, int lastLine, String[] values, List<Reject> problems, Set<String> unmappedFields) {
            this(firstLine, lastLine, values, problems, unmappedFields, false, null, null, null, false);
        }

        String orderId() {
            return values[F_ORDER_ID];
        }
    }

    /** Whether {@code record} names one of the order key's columns: the header below a title block. */
    private static boolean namesOrderKey(CSVRecord record, Mapping mapping) {
        for (String value : record) {
            String v = cleanStatic(value);
            for (String column : mapping.orderKeyColumns()) {
                if (v.equalsIgnoreCase(column)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Whether the first non-blank value of {@code record} matches one of the mapping's skipRows. */
    private static boolean skipsRow(CSVRecord record, List<Pattern> patterns) {
        for (String value : record) {
            String v = cleanStatic(value).strip();
            if (!v.isEmpty()) {
                for (Pattern p : patterns) {
                    if (p.matcher(v).matches()) {
                        return true;
                    }
                }
                return false;
            }
        }
        return false;
    }

    /** Whether {@code record} is the header again (exports put one after another), compared as the header was read. */
    private boolean repeatsHeader(CSVRecord record, Columns columns) {
        if (record.size() != columns.width()) {
            return false;
        }
        List<String> header = columns.header();
        for (int i = 0; i < header.size(); i++) {
            if (!cleanStatic(record.get(i)).equalsIgnoreCase(header.get(i))) {
                return false;
            }
        }
        return true;
    }

    private Row mapRow(CSVRecord record, Columns columns, RecordScanner.Span span) {
        int first = span.firstLine();
        int last = span.lastLine();
        String[] v = new String[FIELDS];
        List<Reject> problems = new ArrayList<>(0);
        if (span.problem() != null) {
            // a quoted value never closed, or the row the file was cut in: the row is rejected with its order.
            // With the header's number of fields the value at fault is the last one, so the order id is sound;
            // with another, the row is broken (below). The value at fault: where the quote opened, else the last.
            int at = span.column() >= 0 ? span.column() : record.size() == columns.width() ? record.size() - 1 : -1;
            String column = at >= 0 && at < columns.header().size() ? columns.header().get(at) : "";
            String value = at >= 0 && at < record.size() ? shorten(clean(record.get(at))) : "";
            problems.add(new Reject(range(first, last), "", column, value, span.problem()));
        }
        if (record.size() != columns.width()) {
            // nothing of a broken row can be trusted, its order id neither: the Grouper decides its order
            int[] idCols = columns.fieldColumns()[F_ORDER_ID];
            String candidate = null;
            String held = "it is too short to have an order_id column";
            if (idCols.length > 0 && idCols[0] < record.size()) {
                String id = clean(record.get(idCols[0]));
                candidate = id.isEmpty() ? null : id;
                held = candidate == null ? "its order_id column is empty" : "its order_id column holds \"" + shorten(candidate) + "\"";
            }
            boolean blank = true;
            for (int i = 0; i < record.size() && blank; i++) {
                blank = clean(record.get(i)).isEmpty();
            }
            int extra = record.size() - columns.width();
            String[] shifted = new String[0];
            if (idCols.length > 0 && extra >= 1 && extra <= 2) {
                shifted = new String[Math.max(0, Math.min(extra, record.size() - 1 - idCols[0]))];
                for (int k = 0; k < shifted.length; k++) {
                    shifted[k] = clean(record.get(idCols[0] + 1 + k));
                }
            }
            if (problems.isEmpty()) { // else the field count is the cut's doing, which the problem tells
                problems.add(new Reject(range(first, last), "", "", "", "row has " + record.size() + " fields but the header has "
                        + columns.width() + "; is a delimiter or a quote inside an unquoted value?"));
            }
            return new Row(first, last, v, problems, Set.copyOf(Mapping.ALL_FIELDS), true, candidate, held, shifted, blank);
        }
        if (!problems.isEmpty()) {
            int[] idCols = columns.fieldColumns()[F_ORDER_ID];
            for (int c : idCols) {
                String id = clean(record.get(c));
                if (!id.isEmpty()) {
                    v[F_ORDER_ID] = id;
                    break;
                }
            }
            return new Row(first, last, v, problems, Set.copyOf(Mapping.ALL_FIELDS));
        }
        Set<String> unmappedFields = new HashSet<>(0);
        for (int f = 0; f < FIELDS; f++) {
            for (int c : columns.fieldColumns()[f]) {
                String s = clean(record.get(c));
                if (!s.isEmpty()) {
                    v[f] = s;
                    break;
                }
            }
        }
        for (int f = 0; f < FIELDS; f++) {
            int[] others = columns.distinctColumns()[f];
            if (others != null && v[f] != null) {
                v[f] = distinct(v[f], record, others);
            }
        }
        for (Map.Entry<String, Map<String, String>> e : mapping.values().entrySet()) {
            int f = Mapping.ALL_FIELDS.indexOf(e.getKey());
            if (v[f] != null) {
                String mapped = e.getValue().get(Mapping.label(v[f]));
                if (mapped == null) {
                    problems.add(unmappedValue(range(first, last), e.getKey(), v[f], e.getValue().keySet()));
                    unmappedFields.add(e.getKey());
                    v[f] = null;
                } else {
                    v[f] = mapped;
                }
            }
        }
        for (int d = 0; d < columns.derivationColumns().length; d++) {
            int c = columns.derivationColumns()[d];
            if (c < 0) {
                continue;
            }
            String raw = clean(record.get(c));
            if (raw.isEmpty()) {
                continue;
            }
            Mapping.Derivation der = mapping.derive().get(d);
            if (!der.values().isEmpty()) {
                Map<String, String> sets = der.values().get(Mapping.label(raw));
                if (sets == null) {
                    problems.add(unmappedValue(range(first, last), der.column(), raw, der.values().keySet()));
                    der.values().values().forEach(m -> unmappedFields.addAll(m.keySet()));
                } else {
                    sets.forEach((field, value) -> v[Mapping.ALL_FIELDS.indexOf(field)] = value);
                }
            }
            der.present().forEach((field, value) -> v[Mapping.ALL_FIELDS.indexOf(field)] = value);
        }
        for (Map.Entry<String, String> e : mapping.constants().entrySet()) {
            int f = Mapping.ALL_FIELDS.indexOf(e.getKey());
            if (v[f] == null) {
                v[f] = e.getValue();
            }
        }
        return new Row(first, last, v, problems, unmappedFields);
    }

    /**
     * {@code s} without invisible format characters (Unicode category Cf: byte order marks, zero-width
     * spaces and joiners, direction marks, word joiners, soft hyphens) and without surrounding whitespace.
     */
    private String clean(String s) {
        if (hasFormat(s)) {
            cleanedValues++;
            return removeFormat(s);
        }
        return s.strip();
    }

    /** As {@link #clean}, without counting: for the header. */
    private static String cleanStatic(String s) {
        return hasFormat(s) ? removeFormat(s) : s.strip();
    }

    private static boolean hasFormat(String s) {
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= '\u00AD' && isFormat(s, i, c)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isFormat(String s, int i, char c) {
        return Character.getType(c) == Character.FORMAT
                || Character.isHighSurrogate(c) && Character.getType(s.codePointAt(i)) == Character.FORMAT;
    }

    private static String removeFormat(String s) {
        StringBuilder b = new StringBuilder(s.length());
        s.codePoints().filter(cp -> Character.getType(cp) != Character.FORMAT).forEach(b::appendCodePoint);
        return b.toString().strip();
    }

    /** A value as echoed in a message: at most 60 characters. */
    private static String shorten(String s) {
        return s.length() <= 60 ? s : s.substring(0, 57) + "...";
    }

    /**
     * {@code value} when one of the {@code others} columns is non-blank on the row and none of them holds
     * the same value (letters and digits compared, ignoring case), else null: see {@link Mapping#distinctFrom()}.
     */
    private String distinct(String value, CSVRecord record, int[] others) {
        String key = identity(value);
        boolean named = false;
        for (int c : others) {
            String o = clean(record.get(c));
            if (o.isEmpty()) {
                continue;
            }
            named = true;
            if (identity(o).equals(key)) {
                return null;
            }
        }
        return named ? value : null;
    }

    private static String identity(String s) {
        StringBuilder b = new StringBuilder(s.length());
        s.codePoints().filter(Character::isLetterOrDigit).map(Character::toLowerCase).forEach(b::appendCodePoint);
        return b.toString();
    }

    private Reject unmappedValue(String lines, String field, String value, Set<String> known) {
        unmapped.merge(field + " \"" + value + "\"", 1, Integer::sum);
        return new Reject(lines, "", field, value, "no mapping for this value; the mapping " + mapping.name()
                + " knows " + known + ": add it to the mapping");
    }

    // ---- grouping --------------------------------------------------------------------------------

    /**
     * Groups rows into orders while streaming, and decides the order of each broken row (one whose number
     * of fields differs from the header's), whose order id cannot be trusted by position:
     * <ol>
     * <li>when what its order_id column holds is the id of the order of the row just before or just after
     *     it (the nearest rows with an order id, broken rows aside), it is a row of that order, which is
     *     rejected whole with it;</li>
     * <li>else, when the row has one or two fields too many and the id of exactly one of those two orders is
     *     in the one or two columns right after the order_id column (pushed there by an extra delimiter before
     *     it), likewise;</li>
     * <li>else it is rejected on its own, with no order id (counted once, like a row without an order id),
     *     and the orders just before and after it are rejected whole too, since it may be a row of either:
     *     no order is classified without one of its rows.</li>
     * </ol>
     * A broken row whose fields are all blank holds nothing of an order: it is rejected on its own only. At most
     * {@value #PENDING_LIMIT} broken rows in a row wait for the next order (memory stays bounded): then they are
     * decided from the order before them, and the next order is rejected when one of them could not be.
     */
    private final class Grouper {
        private static final int PENDING_LIMIT = 1000;
        private final boolean grouped;
        private final Sink sink;
        private final Set<String> done = new HashSet<>();
        private final LinkedHashMap<String, List<Row>> all = new LinkedHashMap<>();
        private String currentId;
        private List<Row> current = new ArrayList<>();
        /** The order of the last row with an order id. */
        private String lastId;
        /** Broken rows since the last row with an order id, waiting for the next one. */
        private final List<Row> pending = new ArrayList<>(0);
        /** Order id → the broken rows next to it whose order could not be told. */
        private final Map<String, List<Row>> suspects = new HashMap<>();
        /** A broken row decided early whose order could not be told: the next order is rejected too. */
        private Row suspectNext;

        Grouper(boolean grouped, Sink sink) {
            this.grouped = grouped;
            this.sink = sink;
        }

        void add(Row row) throws NotContiguousException {
            if (row.broken()) {
                if (row.blank()) {
                    sink.rejected(row.problems());
                } else {
                    pending.add(row);
                    if (pending.size() == PENDING_LIMIT) {
                        settle(null, true);
                    }
                }
                return;
            }
            String id = row.orderId();
            if (id == null) {
                List<Reject> problems = new ArrayList<>(row.problems());
                if (problems.isEmpty()) {
                    problems.add(new Reject(rowLines(row), "", "order_id", "", "order_id is required; the row belongs to no order"));
                }
                sink.rejected(problems);
                return;
            }
            if (suspectNext != null) {
                suspects.computeIfAbsent(id, k -> new ArrayList<>(1)).add(suspectNext);
                suspectNext = null;
            }
            List<Row> before = pending.isEmpty() ? List.of() : settle(id);
            if (grouped) {
                List<Row> rows = all.computeIfAbsent(id, k -> new ArrayList<>());
                rows.addAll(before);
                rows.add(row);
                lastId = id;
                return;
            }
            if (!id.equals(currentId)) {
                flush();
                if (!done.add(id)) {
                    throw new NotContiguousException(id, row.firstLine());
                }
                currentId = id;
            }
            current.addAll(before);
            current.add(row);
            lastId = id;
        }

        /**
         * Decides the order of every pending broken row, now that the next order ({@code next}, or null at the
         * end) is known: a row of the previous order joins it at once; the rows of the next one are returned.
         */
        private List<Row> settle(String next) {
            return settle(next, false);
        }

        /**
         * As {@link #settle(String)}; with {@code early}, the next order is not known yet (too many broken rows in
         * a row wait): a row is decided from the order before it alone, and when one cannot be told, the next
         * order, whatever it is, is rejected too.
         */
        private List<Row> settle(String next, boolean early) {
            String previous = lastId;
            List<Row> toNext = new ArrayList<>(0);
            // consecutive rows whose order cannot be told and whose order_id columns hold the same text are one reject
            List<Reject> run = new ArrayList<>(0);
            String runCandidate = null;
            for (Row b : pending) {
                String owner = owner(b, previous, next);
                if (owner != null || b.candidate() == null || !b.candidate().equals(runCandidate)) {
                    if (!run.isEmpty()) {
                        sink.rejected(run);
                        run = new ArrayList<>(1);
                    }
                    runCandidate = null;
                }
                if (owner == null) {
                    List<String> neighbours = new ArrayList<>(2);
                    if (previous != null) {
                        neighbours.add(previous);
                    }
                    if (next != null && !next.equals(previous)) {
                        neighbours.add(next);
                    }
                    String whom;
                    if (early) {
                        whom = neighbours.isEmpty() ? "the first order after these broken rows is"
                                : "the order before it, " + neighbours.get(0) + ", and the first order after these broken rows are";
                    } else if (neighbours.isEmpty()) {
                        whom = "";
                    } else {
                        whom = neighbours.size() == 1 ? "the order next to it, " + neighbours.get(0) + ", is"
                                : "the orders next to it, " + neighbours.get(0) + " and " + neighbours.get(1) + ", are";
                    }
                    String why = "which order the row belongs to cannot be told (" + b.held()
                            + (neighbours.isEmpty() && !early ? "; no row with an order id is next to it)"
                            : (b.candidate() == null ? "" : ", the id of neither the order before it nor the one after it")
                            + "), so " + whom + " rejected too");
                    for (Reject p : b.problems()) {
                        run.add(new Reject(p.lines(), "", p.field(), p.value(), p.reason().endsWith("?")
                                ? p.reason() + " W" + why.substring(1) : p.reason() + "; " + why));
                    }
                    runCandidate = b.candidate();
                    neighbours.forEach(n -> suspects.computeIfAbsent(n, k -> new ArrayList<>(1)).add(b));
                    if (early) {
                        suspectNext = b;
                    }
                } else if (owner.equals(previous)) {
                    (grouped ? all.get(previous) : current).add(b);
                } else {
                    toNext.add(b);
                }
            }
            if (!run.isEmpty()) {
                sink.rejected(run);
            }
            pending.clear();
            return toNext;
        }

        /** The order a broken row belongs to, of {@code previous} and {@code next}; null when that cannot be told. */
        private String owner(Row b, String previous, String next) {
            String c = b.candidate();
            if (c != null && c.equals(previous)) {
                return previous;
            }
            if (c != null && c.equals(next)) {
                return next;
            }
            boolean hasPrevious = previous != null && contains(b.shifted(), previous);
            boolean hasNext = next != null && !next.equals(previous) && contains(b.shifted(), next);
            if (hasPrevious != hasNext) {
                return hasPrevious ? previous : next;
            }
            return null;
        }

        private static boolean contains(String[] cells, String id) {
            for (String cell : cells) {
                if (cell.equals(id)) {
                    return true;
                }
            }
            return false;
        }

        private void flush() {
            if (currentId != null) {
                emit(currentId, current);
                current = new ArrayList<>();
                currentId = null;
            }
        }

        void finish() {
            if (!pending.isEmpty()) {
                settle(null);
            }
            flush();
            all.forEach(this::emit);
            all.clear();
        }

        private void emit(String id, List<Row> rows) {
            List<Reject> problems = new ArrayList<>();
            SourceOrder order = build(id, rows, problems);
            List<Row> near = suspects.isEmpty() ? null : suspects.remove(id);
            if (near != null) {
                String shown = lines(near);
                boolean one = near.size() == 1;
                problems.add(new Reject(lines(rows), id, "", "", "not classified: the broken row" + (one ? " on line " + shown
                        + " is next to this order and may be one of its rows" : "s on lines " + shown
                        + " are next to this order and may be among its rows") + " (which order "
                        + (one ? "it belongs" : "they belong") + " to cannot be told)"));
            }
            if (problems.isEmpty()) {
                sink.order(order);
            } else {
                sink.rejected(problems);
            }
        }
    }

    // ---- building an order -----------------------------------------------------------------------

    private static final int F_CREATED = Mapping.ALL_FIELDS.indexOf("created_at");
    private static final int F_UPDATED = Mapping.ALL_FIELDS.indexOf("updated_at");
    private static final int F_CITY = Mapping.ALL_FIELDS.indexOf("city");
    private static final int F_STORE = Mapping.ALL_FIELDS.indexOf("store");
    private static final int F_ORDER_STATUS = Mapping.ALL_FIELDS.indexOf("order_status");
    private static final int F_PAYMENT_STATUS = Mapping.ALL_FIELDS.indexOf("payment_status");
    private static final int F_CONFIRMATION = Mapping.ALL_FIELDS.indexOf("confirmation_status");
    private static final int F_AGE = Mapping.ALL_FIELDS.indexOf("age_verified");
    private static final int F_PHONE = Mapping.ALL_FIELDS.indexOf("customer_phone");
    private static final int F_ETA = Mapping.ALL_FIELDS.indexOf("estimated_delivery_at");
    private static final int F_SKU = Mapping.ALL_FIELDS.indexOf("sku");
    private static final int F_QTY = Mapping.ALL_FIELDS.indexOf("qty");
    private static final int F_PRICE = Mapping.ALL_FIELDS.indexOf("unit_price");
    private static final int F_ADULT = Mapping.ALL_FIELDS.indexOf("adult_only");
    private static final int F_KEY = Mapping.ALL_FIELDS.indexOf("key_item");
    private static final int F_GROUP = Mapping.ALL_FIELDS.indexOf("line_group");
    private static final int F_AVAILABLE = Mapping.ALL_FIELDS.indexOf("available");
    private static final int F_SUBSTITUTE = Mapping.ALL_FIELDS.indexOf("substitute_sku");
    private static final int F_SUBSTITUTE_AVAILABLE = Mapping.ALL_FIELDS.indexOf("substitute_available");
    private static final int F_COMBO = Mapping.ALL_FIELDS.indexOf("combo_id");
    private static final int F_FULFILMENT = Mapping.ALL_FIELDS.indexOf("fulfilment");
    private static final int F_STATUS_CHANGED = Mapping.ALL_FIELDS.indexOf("status_changed_at");
    private static final int F_SHIPPED = Mapping.ALL_FIELDS.indexOf("shipped_at");
    private static final int F_LOCALITY = Mapping.ALL_FIELDS.indexOf("locality");
    private static final int F_ARRIVED = Mapping.ALL_FIELDS.indexOf("arrived_at");
    private static final int F_DELIVERY_DATE = Mapping.ALL_FIELDS.indexOf("delivery_date");
    private static final int F_CHECKIN = Mapping.ALL_FIELDS.indexOf("pickup_checkin_at");
    private static final int F_RECIPIENT_NAME = Mapping.ALL_FIELDS.indexOf("recipient_name");
    private static final int F_RECIPIENT_PHONE = Mapping.ALL_FIELDS.indexOf("recipient_phone");
    private static final int F_CANCEL_REASON = Mapping.ALL_FIELDS.indexOf("cancel_reason");
    private static final int F_CANCELLED_BY = Mapping.ALL_FIELDS.indexOf("cancelled_by");
    private static final int F_PAID = Mapping.ALL_FIELDS.indexOf("paid_amount");
    private static final int F_DISCOUNT = Mapping.ALL_FIELDS.indexOf("discount");
    private static final int F_PROMO = Mapping.ALL_FIELDS.indexOf("promo");

    /** Parses one field of one row; records a problem and returns null when it does not parse. */
    @FunctionalInterface
    private interface Parser<T> {
        T parse(String s) throws Values.BadValue;
    }

    private final class OrderBuild {
        final String id;
        final List<Row> rows;
        final List<Reject> problems;
        final String allLines;

        OrderBuild(String id, List<Row> rows, List<Reject> problems) {
            this.id = id;
            this.rows = rows;
            this.problems = problems;
            this.allLines = lines(rows);
        }

        <T> T parse(Row row, int field, Parser<T> parser) {
            String s = row.values()[field];
            if (s == null) {
                return null;
            }
            try {
                return parser.parse(s);
            } catch (Values.BadValue e) {
                String name = Mapping.ALL_FIELDS.get(field);
                if (e.getMessage().startsWith("expected one of")) {
                    unmapped.merge(name + " \"" + s + "\"", 1, Integer::sum);
                    problems.add(new Reject(rowLines(row), id, name, s, "unknown " + name + "; " + e.getMessage()));
                } else {
                    problems.add(new Reject(rowLines(row), id, name, s, e.getMessage()));
                }
                return null;
            }
        }

        /** The one value the order's rows give for an order-level field (blank rows do not count). */
        <T> T orderLevel(int field, Parser<T> parser, boolean required) {
            T found = null;
            Row foundRow = null;
            for (Row row : rows) {
                if (found != null && row.values()[field] != null && row.values()[field].equals(foundRow.values()[field])) {
                    continue;   // the text that gave the value already: the same value (most exports repeat it on every row)
                }
                T v = parse(row, field, parser);
                if (v == null) {
                    continue;
                }
                if (found == null) {
                    found = v;
                    foundRow = row;
                } else if (!same(found, v)) {
                    String name = Mapping.ALL_FIELDS.get(field);
                    problems.add(new Reject(allLines, id, name, row.values()[field], "rows of the order disagree on "
                            + name + ": \"" + foundRow.values()[field] + "\" (line " + foundRow.firstLine() + ") vs \""
                            + row.values()[field] + "\" (line " + row.firstLine() + ")"));
                    return found;
                }
            }
            String name = Mapping.ALL_FIELDS.get(field);
            if (found == null && required && rows.stream().allMatch(r -> r.values()[field] == null)
                    && rows.stream().noneMatch(r -> r.unmappedFields().contains(name))) {
                problems.add(new Reject(allLines, id, name, "", name + " is required but blank on every row of the order"));
            }
            return found;
        }

        private boolean same(Object a, Object b) {
            return a instanceof BigDecimal x && b instanceof BigDecimal y ? x.compareTo(y) == 0 : a.equals(b);
        }
    }

    private SourceOrder build(String id, List<Row> rows, List<Reject> problems) {
        for (Row row : rows) {
            for (Reject r : row.problems()) {
                problems.add(new Reject(r.lines(), id, r.field(), r.value(), r.reason()));
            }
        }
        OrderBuild b = new OrderBuild(id, rows, problems);
        Instant created = b.orderLevel(F_CREATED, values::instant, true);
        Instant updated = b.orderLevel(F_UPDATED, values::instant, false);
        String city = b.orderLevel(F_CITY, s -> s, false);
        String store = b.orderLevel(F_STORE, s -> s, false);
        OrderStatus os = b.orderLevel(F_ORDER_STATUS, s -> Values.enumValue(OrderStatus.class, s), true);
        PaymentStatus ps = b.orderLevel(F_PAYMENT_STATUS, s -> Values.enumValue(PaymentStatus.class, s), true);
        ConfirmationStatus cs = b.orderLevel(F_CONFIRMATION, s -> Values.enumValue(ConfirmationStatus.class, s), false);
        Boolean age = b.orderLevel(F_AGE, Values::bool, false);
        String phone = b.orderLevel(F_PHONE, s -> s, false);
        Instant eta = b.orderLevel(F_ETA, values::instant, false);
        Fulfilment fulfilment = b.orderLevel(F_FULFILMENT, s -> Values.enumValue(Fulfilment.class, s), false);
        Instant statusChanged = b.orderLevel(F_STATUS_CHANGED, values::instant, false);
        Instant shipped = b.orderLevel(F_SHIPPED, values::instant, false);
        String locality = b.orderLevel(F_LOCALITY, s -> s, false);
        Instant arrived = b.orderLevel(F_ARRIVED, values::instant, false);
        LocalDate deliveryDate = b.orderLevel(F_DELIVERY_DATE, values::date, false);
        Instant checkin = b.orderLevel(F_CHECKIN, values::instant, false);
        String recipientName = b.orderLevel(F_RECIPIENT_NAME, s -> s, false);
        String recipientPhone = b.orderLevel(F_RECIPIENT_PHONE, s -> s, false);
        String cancelReason = b.orderLevel(F_CANCEL_REASON, s -> s, false);
        CancellationRole cancelledBy = b.orderLevel(F_CANCELLED_BY, s -> Values.enumValue(CancellationRole.class, s), false);
        BigDecimal paid = b.orderLevel(F_PAID, Values::decimal, false);
        BigDecimal discount = b.orderLevel(F_DISCOUNT, Values::decimal, false);
        String promo = b.orderLevel(F_PROMO, s -> s, false);
        List<OrderLine> lines = new ArrayList<>();
        List<Integer> lineRows = new ArrayList<>();
        for (Row row : rows) {
            String sku = row.values()[F_SKU];
            if (sku == null) {
                continue;
            }
            Integer qty = b.parse(row, F_QTY, Values::positiveInt);
            BigDecimal price = b.parse(row, F_PRICE, Values::decimal);
            Boolean adult = b.parse(row, F_ADULT, Values::bool);
            Boolean key = b.parse(row, F_KEY, Values::bool);
            Boolean available = b.parse(row, F_AVAILABLE, Values::bool);
            Boolean subAvailable = b.parse(row, F_SUBSTITUTE_AVAILABLE, Values::bool);
            if (problems.isEmpty()) {
                lines.add(new OrderLine(sku, qty == null ? 1 : qty, price, Boolean.TRUE.equals(adult),
                        Boolean.TRUE.equals(key), row.values()[F_GROUP], available == null || available,
                        row.values()[F_SUBSTITUTE], Boolean.TRUE.equals(subAvailable), row.values()[F_COMBO]));
                lineRows.add(row.firstLine());
            }
        }
        if (!problems.isEmpty()) {
            return null;
        }
        Order order = new Order(id, created, updated, city, store, os, ps, cs, Boolean.TRUE.equals(age), phone, eta,
                fulfilment, statusChanged, shipped, locality, arrived, deliveryDate, checkin, recipientName,
                recipientPhone, cancelReason, cancelledBy, paid, discount, promo, lines);
        List<Integer> rowLines = rows.stream().map(Row::firstLine).toList();
        return new SourceOrder(order, rowLines, b.allLines, List.copyOf(lineRows));
    }

    private static String rowLines(Row r) {
        return range(r.firstLine(), r.lastLine());
    }

    /** {@code 12}, or {@code 12-14} for a row whose quoted cells span lines. */
    private static String range(int first, int last) {
        return first == last ? Integer.toString(first) : first + "-" + last;
    }

    /** {@code 3-5, 9} for rows on lines 3, 4, 5 and 9 (multi-line rows count with their last line). */
    static String lines(List<Row> rows) {
        StringBuilder b = new StringBuilder();
        int start = -1;
        int end = -1;
        for (Row r : rows) {
            if (start >= 0 && r.firstLine() == end + 1) {
                end = r.lastLine();
                continue;
            }
            if (start >= 0) {
                append(b, start, end);
            }
            start = r.firstLine();
            end = r.lastLine();
        }
        if (start >= 0) {
            append(b, start, end);
        }
        return b.toString();
    }

    private static void append(StringBuilder b, int start, int end) {
        if (b.length() > 0) {
            b.append(", ");
        }
        b.append(start);
        if (end != start) {
            b.append('-').append(end);
        }
    }
}
