package io.ordertriage.cli.io;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fast reading of plain ISO date-times ({@code Values.plainIso}) against the formatters it stands
 * in for: on 200,000 generated values, valid and not (impossible days and hours, 24:00, offsets beyond
 * ±18:00, fractions of every length, lower-case letters, a space for the T, years 0000 and 9999), both
 * give the same instant or the same error message.
 */
class ValuesFastIsoTest {
    private static final ZoneId ZONE = ZoneId.of("Europe/Moscow");

    @Test
    void theFastPathReadsEveryValueAsTheFormattersDo() {
        Values fast = new Values(ZONE, List.of());
        Values slow = new Values(ZONE, List.of());
        slow.fastIso = false;
        Values fastWithPattern = new Values(ZONE, List.of("dd.MM.yyyy HH:mm"));
        Values slowWithPattern = new Values(ZONE, List.of("dd.MM.yyyy HH:mm"));
        slowWithPattern.fastIso = false;
        Random random = new Random(11);
        int fastAccepted = 0;
        for (int n = 0; n < 200_000; n++) {
            String v = value(random);
            String expected = read(slow, v);
            assertThat(read(fast, v)).as(v).isEqualTo(expected);
            assertThat(read(fastWithPattern, v)).as(v).isEqualTo(read(slowWithPattern, v));
            if (!expected.startsWith("!")) {
                fastAccepted++;
            }
        }
        assertThat(fastAccepted).as("values that are real instants").isGreaterThan(50_000);
    }

    private static String read(Values values, String v) {
        try {
            Instant i = values.instant(v);
            return i.toString();
        } catch (Values.BadValue e) {
            return "!" + e.getMessage();
        }
    }

    private static String value(Random r) {
        StringBuilder b = new StringBuilder();
        int year = r.nextInt(20) == 0 ? (r.nextBoolean() ? 0 : 9999) : 1990 + r.nextInt(60);
        b.append(String.format("%04d-%02d-%02d", year, 1 + r.nextInt(r.nextInt(10) == 0 ? 13 : 12),
                1 + r.nextInt(r.nextInt(10) == 0 ? 32 : 28)));
        b.append("TTt  ".charAt(r.nextInt(5)));
        b.append(String.format("%02d:%02d", r.nextInt(r.nextInt(20) == 0 ? 25 : 24), r.nextInt(r.nextInt(20) == 0 ? 61 : 60)));
        if (r.nextInt(8) != 0) {
            b.append(String.format(":%02d", r.nextInt(r.nextInt(20) == 0 ? 61 : 60)));
        }
        if (r.nextInt(3) == 0) {
            b.append('.');
            int digits = r.nextInt(11);
            for (int i = 0; i < digits; i++) {
                b.append((char) ('0' + r.nextInt(10)));
            }
        }
        switch (r.nextInt(8)) {
            case 0, 1 -> b.append('Z');
            case 2 -> b.append('z');
            case 3, 4 -> b.append(String.format("%c%02d:%02d", r.nextBoolean() ? '+' : '-', r.nextInt(20), r.nextInt(4) * 15));
            case 5 -> b.append(String.format("+%02d", r.nextInt(19)));
            case 6 -> b.append("+03:00:00");
            default -> { }
        }
        if (r.nextInt(30) == 0) {
            b.insert(r.nextInt(b.length()), "x");
        }
        return b.toString();
    }
}
