package io.ordertriage.cli.io;

import io.ordertriage.model.Amounts;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Parses canonical field values as rulebook §1 allows them. Every failure is a {@link BadValue}
 * naming what would have been accepted. Instances hold the run's zone and date patterns; not
 * thread-safe (they cache the last date-time parsed per call site).
 */
public final class Values {
    /** The built-in date-time forms, tried after a mapping's own patterns. */
    public static final List<String> BUILT_IN_DATE_FORMS = List.of(
            "ISO-8601 with or without an offset (2026-03-10T12:00:00+03:00, 2026-03-10T12:00)",
            "yyyy-MM-dd HH:mm[:ss]", "dd.MM.yyyy HH:mm[:ss]", "yyyy-MM-dd", "dd.MM.yyyy");

    private static final DateTimeFormatter ISO = new DateTimeFormatterBuilder()
            .parseCaseInsensitive()
            .append(DateTimeFormatter.ISO_LOCAL_DATE)
            .optionalStart().appendLiteral('T').optionalEnd()
            .optionalStart().appendLiteral(' ').optionalEnd()
            .append(DateTimeFormatter.ISO_LOCAL_TIME)
            .optionalStart().appendOffsetId().optionalEnd()
            .toFormatter(Locale.ROOT)
            .withResolverStyle(ResolverStyle.STRICT);
    // every form strict (uuuu, not yyyy, which a strict resolver cannot place without an era): 31.02.2026,
    // 2026-02-29 and 24:00 are errors, never moved to the 28th, to March or to the next day
    private static final DateTimeFormatter RU = DateTimeFormatter.ofPattern("dd.MM.uuuu HH:mm[:ss]", Locale.ROOT)
            .withResolverStyle(ResolverStyle.STRICT);
    private static final DateTimeFormatter ISO_DATE = DateTimeFormatter.ISO_LOCAL_DATE.withResolverStyle(ResolverStyle.STRICT);
    private static final DateTimeFormatter RU_DATE = DateTimeFormatter.ofPattern("dd.MM.uuuu", Locale.ROOT)
            .withResolverStyle(ResolverStyle.STRICT);

    /** A year outside this range is out of range (four-digit years: every later computation stays in range). */
    static final int MIN_YEAR = 1;
    static final int MAX_YEAR = 9999;

    private final ZoneId zone;
    private final List<DateTimeFormatter> formats;
    /** False only in the test that checks {@link #plainIso} against the formatters it stands in for. */
    boolean fastIso = true;
    private final List<String> patterns;

    /**
     * @param mappingPatterns {@link DateTimeFormatter} patterns tried before the built-in forms; they are read
     *                        strictly ({@code yyyy} as {@code uuuu}), so that an impossible date is an error
     * @throws IllegalArgumentException naming the pattern when one is not a valid pattern
     */
    public Values(ZoneId zone, List<String> mappingPatterns) {
        this.zone = zone;
        this.patterns = List.copyOf(mappingPatterns);
        List<DateTimeFormatter> f = new ArrayList<>();
        for (String p : mappingPatterns) {
            try {
                f.add(DateTimeFormatter.ofPattern(strictYears(p), Locale.ROOT).withResolverStyle(ResolverStyle.STRICT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("date format \"" + p + "\" is not a java.time pattern: " + e.getMessage(), e);
            }
        }
        f.addAll(List.of(ISO, RU));
        this.formats = List.copyOf(f);
    }

    /**
     * {@code pattern} with the year-of-era letter {@code y} read as the proleptic year {@code u} outside quoted
     * text: a strict resolver needs an era for {@code yyyy} (and would reject every date), not for {@code uuuu}.
     * A pattern that names the era ({@code G}) is left as it is.
     */
    static String strictYears(String pattern) {
        StringBuilder b = new StringBuilder(pattern.length());
        boolean quoted = false;
        boolean era = false;
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '\'') {
                quoted = !quoted;
            } else if (!quoted && c == 'G') {
                era = true;
            }
            b.append(!quoted && c == 'y' ? 'u' : c);
        }
        return era ? pattern : b.toString();
    }

    /** A value that does not parse: the message says what was expected. */
    public static final class BadValue extends Exception {
        public BadValue(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * Remembers the first "the text has the form but names no real date or time" failure (February 30, 24:00)
     * among the forms tried, to say so rather than "not a date-time" when no form accepts the value.
     */
    private static final class Impossible {
        String reason;

        void note(DateTimeParseException e) {
            // a parse failure has no cause; a resolve failure has the DateTimeException that says what is impossible
            // ("Unable to convert" only says the form lacks a time, and is not about the value)
            Throwable c = e.getCause();
            if (reason == null && c instanceof DateTimeException && c.getMessage() != null
                    && !c.getMessage().startsWith("Unable to convert")) {
                reason = c.getMessage();
            }
        }
    }

    public Instant instant(String s) throws BadValue {
        String v = strip(s);
        Impossible impossible = new Impossible();
        Instant i = parseInstant(v, impossible);
        if (i != null) {
            return i;
        }
        if (impossible.reason != null) {
            throw new BadValue(noSuch("date or time", impossible.reason));
        }
        List<String> accepted = new ArrayList<>(patterns);
        accepted.addAll(BUILT_IN_DATE_FORMS);
        throw new BadValue("not a date-time; expected " + String.join(", ", accepted));
    }

    private static String noSuch(String what, String reason) {
        return "no such " + what + " (" + reason + "); an impossible date is rejected, never moved to a real one";
    }

    /** The instant of {@code v} in the first form that accepts it, or null (noting an impossible date). */
    private Instant parseInstant(String v, Impossible impossible) throws BadValue {
        for (DateTimeFormatter f : formats) {
            if (f == ISO && fastIso) {
                Instant fast = plainIso(v);
                if (fast != null) {
                    return fast;
                }
            }
            try {
                TemporalAccessor t = f.parseBest(v, OffsetDateTime::from, ZonedDateTime::from, LocalDateTime::from);
                if (t instanceof OffsetDateTime o) {
                    return year(o.getYear(), o.toInstant());
                }
                if (t instanceof ZonedDateTime z) {
                    return year(z.getYear(), z.toInstant());
                }
                LocalDateTime l = (LocalDateTime) t;
                return year(l.getYear(), l.atZone(zone).toInstant());
            } catch (DateTimeParseException e) {
                impossible.note(e);
            }
        }
        for (DateTimeFormatter f : List.of(ISO_DATE, RU_DATE)) {
            try {
                LocalDate d = LocalDate.parse(v, f);
                return year(d.getYear(), d.atStartOfDay(zone).toInstant());
            } catch (DateTimeParseException e) {
                impossible.note(e);
            }
        }
        try {
            Instant i = Instant.parse(v);
            return year(i.atOffset(ZoneOffset.UTC).getYear(), i);
        } catch (DateTimeParseException e) {
            impossible.note(e);
            return null;
        } catch (DateTimeException e) {
            return null;
        }
    }

    /**
     * The commonest form of all, {@code 2026-03-10T12:00:00[.fraction][Z|+03:00]} (what the canonical
     * export and most systems write), read without {@link DateTimeFormatter#parseBest}: with the optional
     * sections of {@link #ISO} it took half of a whole run's reading time. Only strings of exactly this shape
     * are taken here, and java.time still decides (a date or offset that does not exist falls through to the
     * formatter, which then says why); anything else returns null and goes the general way. It stands in the
     * place of {@link #ISO} in the order of forms, and accepts a subset of what ISO accepts, with the same
     * result.
     */
    private Instant plainIso(String v) throws BadValue {
        int n = v.length();
        if (n < 19 || !digits(v, 0, 4) || v.charAt(4) != '-' || !digits(v, 5, 7) || v.charAt(7) != '-'
                || !digits(v, 8, 10) || "Tt ".indexOf(v.charAt(10)) < 0 || !digits(v, 11, 13) || v.charAt(13) != ':'
                || !digits(v, 14, 16) || v.charAt(16) != ':' || !digits(v, 17, 19)) {
            return null;
        }
        int i = 19;
        int nanos = 0;
        if (i < n && v.charAt(i) == '.') {
            int start = ++i;
            while (i < n && i - start < 9 && digits(v, i, i + 1)) {
                nanos = nanos * 10 + (v.charAt(i) - '0');
                i++;
            }
            if (i == start || (i < n && digits(v, i, i + 1))) {
                return null;    // no digit, or more than nine: the formatter decides
            }
            for (int k = i - start; k < 9; k++) {
                nanos *= 10;
            }
        }
        ZoneOffset offset;
        if (i == n) {
            offset = null;
        } else if (i == n - 1 && (v.charAt(i) == 'Z' || v.charAt(i) == 'z')) {
            offset = ZoneOffset.UTC;
        } else if (i == n - 6 && (v.charAt(i) == '+' || v.charAt(i) == '-') && digits(v, i + 1, i + 3)
                && v.charAt(i + 3) == ':' && digits(v, i + 4, i + 6)) {
            int hours = number(v, i + 1, i + 3);
            int minutes = number(v, i + 4, i + 6);
            try {
                offset = v.charAt(i) == '-' ? ZoneOffset.ofHoursMinutes(-hours, -minutes)
                        : ZoneOffset.ofHoursMinutes(hours, minutes);
            } catch (DateTimeException e) {
                return null;    // beyond ±18:00: the formatter says so
            }
        } else {
            return null;
        }
        LocalDateTime local;
        try {
            local = LocalDateTime.of(number(v, 0, 4), number(v, 5, 7), number(v, 8, 10), number(v, 11, 13),
                    number(v, 14, 16), number(v, 17, 19), nanos);
        } catch (DateTimeException e) {
            return null;    // no such date or time: the formatter says which
        }
        return year(local.getYear(), offset == null ? local.atZone(zone).toInstant() : local.toInstant(offset));
    }

    private static boolean digits(String v, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = v.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static int number(String v, int from, int to) {
        int x = 0;
        for (int i = from; i < to; i++) {
            x = x * 10 + (v.charAt(i) - '0');
        }
        return x;
    }

    /** {@code value} when {@code year} is a four-digit year (so that no later computation leaves the calendar's range). */
    private static <T> T year(int year, T value) throws BadValue {
        if (year < MIN_YEAR || year > MAX_YEAR) {
            throw new BadValue("year " + year + " is out of range; expected a year from " + MIN_YEAR + " to " + MAX_YEAR);
        }
        return value;
    }

    /**
     * A date (rulebook §1: {@code delivery_date}): {@code yyyy-MM-dd}, {@code dd.MM.yyyy}, or a
     * date-time in any accepted form, which keeps its date in the evaluation zone (a value with an
     * offset is first moved into the zone).
     */
    public LocalDate date(String s) throws BadValue {
        String v = strip(s);
        Impossible impossible = new Impossible();
        for (DateTimeFormatter f : List.of(ISO_DATE, RU_DATE)) {
            try {
                LocalDate d = LocalDate.parse(v, f);
                return year(d.getYear(), d);
            } catch (DateTimeParseException e) {
                impossible.note(e);
            }
        }
        for (int i = 0; i < patterns.size(); i++) {
            try {
                TemporalAccessor t = formats.get(i).parseBest(v, OffsetDateTime::from, ZonedDateTime::from,
                        LocalDateTime::from, LocalDate::from);
                if (t instanceof LocalDate d) {
                    return year(d.getYear(), d);
                }
                if (t instanceof LocalDateTime l) {
                    return year(l.getYear(), l.toLocalDate());
                }
                break; // with an offset or zone: below, moved into the evaluation zone
            } catch (DateTimeParseException e) {
                impossible.note(e);
            }
        }
        Instant at = parseInstant(v, impossible);
        if (at != null) {
            return at.atZone(zone).toLocalDate();
        }
        if (impossible.reason != null) {
            throw new BadValue(noSuch("date", impossible.reason));
        }
        List<String> accepted = new ArrayList<>(List.of("yyyy-MM-dd", "dd.MM.yyyy"));
        accepted.addAll(patterns);
        accepted.addAll(BUILT_IN_DATE_FORMS.subList(0, 3));
        throw new BadValue("not a date; expected " + String.join(", ", accepted)
                + " (a date-time keeps its date in the evaluation zone)");
    }

    private static final List<String> TRUE = List.of("true", "1", "yes", "y", "да");
    private static final List<String> FALSE = List.of("false", "0", "no", "n", "нет");

    public static boolean bool(String s) throws BadValue {
        String v = strip(s).toLowerCase(Locale.ROOT);
        if (TRUE.contains(v)) {
            return true;
        }
        if (FALSE.contains(v)) {
            return false;
        }
        throw new BadValue("not a boolean; expected true/false, 1/0, yes/no, y/n or да/нет");
    }

    /** Longer than this (without spaces) a decimal cannot be within {@link Amounts#BOUNDS}, and is not parsed at all. */
    private static final int DECIMAL_MAX_LENGTH = 64;
    /** A number as {@link BigDecimal} reads it, after the separator is made a point. */
    private static final Pattern DECIMAL = Pattern.compile("\\+?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
    private static final String DECIMAL_BOUNDS = "expected a number with " + Amounts.BOUNDS + ", such as 1234.50 "
            + "(exponent notation such as 1.5E+3 only within those bounds)";

    /**
     * Decimal with {@code .} or {@code ,} as the separator; spaces (also no-break) group thousands. The value
     * must be within {@link Amounts#BOUNDS} (as the model requires of every amount): {@code 1E+999999999} is out
     * of range, not a number to compute with. A value with more than six decimal places that are only trailing
     * zeros loses them ({@code 11.000000000} is 11); exponent notation is written out ({@code 1.5E+3} is 1500).
     */
    public static BigDecimal decimal(String s) throws BadValue {
        StringBuilder b = new StringBuilder(Math.min(s.length(), DECIMAL_MAX_LENGTH + 1));
        for (int i = 0; i < s.length() && b.length() <= DECIMAL_MAX_LENGTH; i++) {
            char c = s.charAt(i);
            if (!isSpace(c)) {
                b.append(c);
            }
        }
        String v = b.toString();
        int comma = v.indexOf(',');
        if (comma >= 0) {
            if (v.indexOf('.') >= 0 || v.indexOf(',', comma + 1) >= 0) {
                throw new BadValue("not a decimal; expected one decimal separator, . or , (as in 1234.50 or 1 234,50)");
            }
            v = v.replace(',', '.');
        }
        boolean negative = v.startsWith("-");
        String unsigned = negative ? v.substring(1) : v;
        if (b.length() > DECIMAL_MAX_LENGTH) {
            // only the first characters were collected: too long to be within the bounds, if a number at all
            boolean numeric = unsigned.chars().allMatch(c -> c >= '0' && c <= '9' || c == '.' || c == 'e' || c == 'E'
                    || c == '+' || c == '-');
            throw new BadValue(numeric ? "out of range; " + DECIMAL_BOUNDS
                    : "not a decimal; expected a number such as 1234.50 or 1 234,50");
        }
        if (!DECIMAL.matcher(unsigned).matches()) {
            throw new BadValue("not a decimal; expected a number such as 1234.50 or 1 234,50");
        }
        BigDecimal d;
        try {
            d = new BigDecimal(v);
        } catch (NumberFormatException e) {
            // the form of a number, but an exponent beyond what a BigDecimal holds
            throw new BadValue("out of range; " + DECIMAL_BOUNDS);
        }
        if (d.signum() < 0) {
            throw new BadValue("must not be negative");
        }
        if (d.signum() == 0) {
            // 0E-2147483647 is zero too, and must not be rescaled digit by digit
            return d.scale() >= 0 && d.scale() <= Amounts.MAX_DECIMAL_PLACES ? d : BigDecimal.ZERO;
        }
        if (d.scale() > Amounts.MAX_DECIMAL_PLACES) {
            // at most 64 digits: stripping zeros is cheap, and what is left decides (never setScale on 1E-2147483647)
            BigDecimal stripped = d.stripTrailingZeros();
            if (stripped.scale() > Amounts.MAX_DECIMAL_PLACES) {
                throw new BadValue((long) stripped.precision() - stripped.scale() <= Amounts.MAX_INTEGER_DIGITS
                        && stripped.scale() < 1000
                        ? "more than " + Amounts.MAX_DECIMAL_PLACES + " decimal places; " + DECIMAL_BOUNDS
                        : "out of range; " + DECIMAL_BOUNDS);
            }
            d = stripped;
        }
        if (!Amounts.withinBounds(d)) {
            throw new BadValue("out of range; " + DECIMAL_BOUNDS);
        }
        return d.scale() < 0 ? d.setScale(0) : d;
    }

    public static int positiveInt(String s) throws BadValue {
        try {
            int n = Integer.parseInt(strip(s));
            if (n < 1) {
                throw new BadValue("must be a whole number of at least 1");
            }
            return n;
        } catch (NumberFormatException e) {
            throw new BadValue("not a whole number; expected 1 or more");
        }
    }

    public static <E extends Enum<E>> E enumValue(Class<E> type, String s) throws BadValue {
        StringBuilder b = new StringBuilder();
        String v = strip(s);
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            b.append(c == '-' || isSpace(c) ? '_' : c);
        }
        String name = b.toString().toUpperCase(Locale.ROOT);
        for (E e : type.getEnumConstants()) {
            if (e.name().equals(name)) {
                return e;
            }
        }
        throw new BadValue("expected one of " + Arrays.toString(type.getEnumConstants()).replace("[", "").replace("]", ""));
    }

    // ---- white space and long values -------------------------------------------------------------

    /**
     * White space as a person sees it: {@link Character#isWhitespace} and the no-break spaces
     * (U+00A0, U+2007, U+202F) that it leaves out, which spreadsheets and web exports put around values.
     */
    public static boolean isSpace(char c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c);
    }

    /** {@code s} without white space ({@link #isSpace}, no-break spaces included) at either end. */
    public static String strip(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && isSpace(s.charAt(start))) {
            start++;
        }
        while (end > start && isSpace(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(start, end);
    }

    /** How many characters of a value messages show (the summary, standard error, the rejects file). */
    public static final int SHOWN = 200;
    /** A longer text is cut to its first {@link #SHOWN} characters; up to this length it is shown whole. */
    private static final int SHOWN_WHOLE = SHOWN + 40;

    /**
     * {@code s} when it is short enough to read, else its first {@value #SHOWN} characters and
     * {@code "… (N characters)"}: a 6 MB cell must not make a 6 MB message. Idempotent; null stays null.
     */
    public static String shorten(String s) {
        return shorten(s, SHOWN);
    }

    /** As {@link #shorten(String)}, keeping {@code keep} characters. */
    public static String shorten(String s, int keep) {
        if (s == null || s.length() <= keep + 40) {
            return s;
        }
        int cut = Character.isHighSurrogate(s.charAt(keep - 1)) ? keep - 1 : keep;
        return s.substring(0, cut) + "… (" + s.codePointCount(0, s.length()) + " characters)";
    }

    /**
     * A message that quotes values ({@code rows disagree on city: "…" (line 2) vs "…" (line 3)}) with each
     * quoted part {@link #shorten shortened} (when the quotes pair up), and the whole cut at ten times that.
     */
    public static String shortenQuoted(String s) {
        if (s == null || s.length() <= SHOWN_WHOLE) {
            return s;
        }
        if (s.chars().filter(c -> c == '"').count() % 2 != 0) {
            // quotes that do not pair up (a value that holds one): which parts are values cannot be told
            return shorten(s, 10 * SHOWN);
        }
        StringBuilder b = new StringBuilder();
        int from = 0;
        boolean inside = false;
        while (from <= s.length()) {
            int q = s.indexOf('"', from);
            int to = q < 0 ? s.length() : q;
            String part = s.substring(from, to);
            b.append(inside ? shorten(part) : part);
            if (q < 0) {
                break;
            }
            b.append('"');
            inside = !inside;
            from = q + 1;
        }
        return shorten(b.toString(), 10 * SHOWN);
    }
}
