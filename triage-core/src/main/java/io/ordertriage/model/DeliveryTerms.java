package io.ordertriage.model;

import java.util.Collections;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The delivery promise per locality (rulebook §11): the number of whole days (of 24 hours) from
 * handover to the delivery service until arrival in that locality. Localities match like cities in
 * the price list, ignoring case and surrounding white space. Immutable once built.
 */
public final class DeliveryTerms {
    private final Map<String, Integer> daysByLocality;

    private DeliveryTerms(Map<String, Integer> daysByLocality) {
        this.daysByLocality = daysByLocality;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The promised days to {@code locality}, or {@code null} when it has no row (or is null). */
    public Integer daysTo(String locality) {
        return locality == null ? null : daysByLocality.get(key(locality));
    }

    /** How many localities have a promise. */
    public int localities() {
        return daysByLocality.size();
    }

    private static String key(String locality) {
        return locality.trim().toLowerCase(Locale.ROOT);
    }

    /** Collects rows; not thread-safe. A locality given twice fails, naming both values. */
    public static final class Builder {
        private final Map<String, Integer> days = new HashMap<>();

        private Builder() {
        }

        /**
         * @throws IllegalArgumentException for a blank locality, negative days, or a locality already
         *                                  added with other days
         */
        public Builder add(String locality, int days) {
            if (locality == null || locality.isBlank()) {
                throw new IllegalArgumentException("locality is required");
            }
            if (days < 0) {
                throw new IllegalArgumentException("days to " + locality.strip() + " must not be negative, got " + days);
            }
            Integer before = this.days.putIfAbsent(key(locality), days);
            if (before != null && before != days) {
                throw new IllegalArgumentException("locality " + locality.strip() + " is given twice, with "
                        + before + " and " + days + " days");
            }
            return this;
        }

        public DeliveryTerms build() {
            return new DeliveryTerms(Collections.unmodifiableMap(new HashMap<>(days)));
        }
    }
}
