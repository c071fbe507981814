package io.ordertriage.cli.io;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
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
    // strict: 31.02.2026 is an error, not the 28th
    private static final DateTimeFormatter RU = DateTimeFormatter.ofPattern("dd.MM.uuuu HH:mm[:ss]", Locale.ROOT)
            .withResolverStyle(ResolverStyle.STRICT);
    private static final DateTimeFormatter ISO_DATE = DateTimeFormatter.ISO_LOCAL_DATE;
    private static final DateTimeFormatter RU_DATE = DateTimeFormatter.ofPattern("dd.MM.uuuu", Locale.ROOT)
            .withResolverStyle(ResolverStyle.STRICT);

    private final ZoneId zone;
    private final List<DateTimeFormatter> formats;
    private final List<String> patterns;

    public Values(ZoneId zone, List<String> mappingPatterns) {
        this.zone = zone;
        this.patterns = List.copyOf(mappingPatterns);
        List<DateTimeFormatter> f = new ArrayList<>();
        for (String p : mappingPatterns) {
            f.add(DateTimeFormatter.ofPattern(p, Locale.ROOT));
        }
        f.addAll(List.of(ISO, RU));
        this.formats = List.copyOf(f);
    }

    /** A value that does not parse: the message says what was expected. */
    public static final class BadValue extends Exception {
        public BadValue(String message) {
            super(message, null, false, false);
        }
    }

    public Instant instant(String s) throws BadValue {
        String v = s.strip();
        for (DateTimeFormatter f : formats) {
            try {
                TemporalAccessor t = f.parseBest(v, OffsetDateTime::from, ZonedDateTime::from, LocalDateTime::from);
                if (t instanceof OffsetDateTime o) {
                    return o.toInstant();
                }
                if (t instanceof ZonedDateTime z) {
                    return z.toInstant();
                }
                return ((LocalDateTime) t).atZone(zone).toInstant();
            } catch (DateTimeParseException e) {
                // try the next form
            }
        }
        for (DateTimeFormatter f : List.of(ISO_DATE, RU_DATE)) {
            try {
                return LocalDate.parse(v, f).atStartOfDay(zone).toInstant();
            } catch (DateTimeParseException e) {
                // try the next form
            }
        }
        try {
            return Instant.parse(v);
        } catch (DateTimeException e) {
            List<String> accepted = new ArrayList<>(patterns);
            accepted.addAll(BUILT_IN_DATE_FORMS);
            throw new BadValue("not a date-time; expected " + String.join(", ", accepted));
        }
    }

    /**
     * A date (rulebook §1: {@code delivery_date}): {@code yyyy-MM-dd}, {@code dd.MM.yyyy}, or a
     * date-time in any accepted form, which keeps its date in the evaluation zone (a value with an
     * offset is first moved into the zone).
     */
    public LocalDate date(String s) throws BadValue {
        String v = s.strip();
        for (DateTimeFormatter f : List.of(ISO_DATE, RU_DATE)) {
            try {
                return LocalDate.parse(v, f);
            } catch (DateTimeParseException e) {
                // try the next form
            }
        }
        for (int i = 0; i < patterns.size(); i++) {
            try {
                TemporalAccessor t = formats.get(i).parseBest(v, OffsetDateTime::from, ZonedDateTime::from,
                        LocalDateTime::from, LocalDate::from);
                if (t instanceof LocalDate d) {
                    return d;
                }
                if (t instanceof LocalDateTime l) {
                    return l.toLocalDate();
                }
                break; // with an offset or zone: below, moved into the evaluation zone
            } catch (DateTimeParseException e) {
                // try the next form
            }
        }
        try {
            return instant(v).atZone(zone).toLocalDate();
        } catch (BadValue e) {
            List<String> accepted = new ArrayList<>(List.of("yyyy-MM-dd", "dd.MM.yyyy"));
            accepted.addAll(patterns);
            accepted.addAll(BUILT_IN_DATE_FORMS.subList(0, 3));
            throw new BadValue("not a date; expected " + String.join(", ", accepted)
                    + " (a date-time keeps its date in the evaluation zone)");
        }
    }

    private static final List<String> TRUE = List.of("true", "1", "yes", "y", "да");
    private static final List<String> FALSE = List.of("false", "0", "no", "n", "нет");

    public static boolean bool(String s) throws BadValue {
        String v = s.strip().toLowerCase(Locale.ROOT);
        if (TRUE.contains(v)) {
            return true;
        }
        if (FALSE.contains(v)) {
            return false;
        }
        throw new BadValue("not a boolean; expected true/false, 1/0, yes/no, y/n or да/нет");
    }

    /** Decimal with {@code .} or {@code ,} as the separator; spaces (also no-break) group thousands. */
    public static BigDecimal decimal(String s) throws BadValue {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != ' ' && c != '\u00A0' && c != '\u202F' && c != '\t') {
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
        try {
            BigDecimal d = new BigDecimal(v);
            if (d.signum() < 0) {
                throw new BadValue("must not be negative");
            }
            return d;
        } catch (NumberFormatException e) {
            throw new BadValue("not a decimal; expected a number such as 1234.50 or 1 234,50");
        }
    }

    public static int positiveInt(String s) throws BadValue {
        try {
            int n = Integer.parseInt(s.strip());
            if (n < 1) {
                throw new BadValue("must be a whole number of at least 1");
            }
            return n;
        } catch (NumberFormatException e) {
            throw new BadValue("not a whole number; expected 1 or more");
        }
    }

    public static <E extends Enum<E>> E enumValue(Class<E> type, String s) throws BadValue {
        String v = s.strip().toUpperCase(Locale.ROOT).replace(' ', '_').replace('-', '_');
        for (E e : type.getEnumConstants()) {
            if (e.name().equals(v)) {
                return e;
            }
        }
        throw new BadValue("expected one of " + Arrays.toString(type.getEnumConstants()).replace("[", "").replace("]", ""));
    }

}
