package io.ordertriage.facts;

import java.time.Duration;

/** Formats durations for finding messages: {@code 1h 05m}, {@code 12m 30s}, {@code 3d 4h}. */
public final class Durations {
    private Durations() {
    }

    public static String human(Duration d) {
        if (d == null) {
            return "?";
        }
        if (d.isNegative()) {
            return "-" + human(d.negated());
        }
        long s = d.getSeconds();
        long days = s / 86_400, hours = s % 86_400 / 3_600, minutes = s % 3_600 / 60, seconds = s % 60;
        if (days > 0) {
            return days + "d " + hours + "h";
        }
        if (hours > 0) {
            return hours + "h " + twoDigits(minutes) + "m";
        }
        if (minutes > 0) {
            return minutes + "m " + twoDigits(seconds) + "s";
        }
        return seconds + "s";
    }

    /** {@code 05} for 5 (String.format costs a microsecond a call, and findings' messages call this often). */
    private static String twoDigits(long n) {
        return n < 10 ? "0" + n : Long.toString(n);
    }
}
