package io.ordertriage.model;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Prices by city, store and sku (rulebook §1, "Price list"). The <em>city reference price</em> of a
 * sku is the maximum of its prices over the stores of that city; a sku with no price in a city is not
 * in that city's assortment. Cities are matched ignoring case and surrounding white space; skus
 * exactly, after trimming. Immutable once built.
 */
public final class PriceList {
    private final Map<String, Map<String, BigDecimal>> referenceByCity;
    private final int rows;

    private PriceList(Map<String, Map<String, BigDecimal>> referenceByCity, int rows) {
        this.referenceByCity = referenceByCity;
        this.rows = rows;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The city reference price of {@code sku}, or empty when the sku is not in the city's assortment. */
    public Optional<BigDecimal> referencePrice(String city, String sku) {
        return Optional.ofNullable(referencePriceOrNull(city, sku));
    }

    /** As {@link #referencePrice} but {@code null} for "not in the assortment" (also for a null city). */
    public BigDecimal referencePriceOrNull(String city, String sku) {
        if (city == null || sku == null) {
            return null;
        }
        Map<String, BigDecimal> skus = referenceByCity.get(cityKey(city));
        return skus == null ? null : skus.get(sku.trim());
    }

    /**
     * The city reference prices of {@code city} by sku (skus trimmed), empty when the city has no
     * prices or is null: look a city up once for all the lines of an order.
     */
    public Map<String, BigDecimal> cityPrices(String city) {
        if (city == null) {
            return Map.of();
        }
        return referenceByCity.getOrDefault(cityKey(city), Map.of());
    }

    /** How many price rows were added. */
    public int rows() {
        return rows;
    }

    /** How many distinct cities have prices. */
    public int cities() {
        return referenceByCity.size();
    }

    private static String cityKey(String city) {
        return city.trim().toLowerCase(Locale.ROOT);
    }

    /** Collects price rows; not thread-safe. */
    public static final class Builder {
        private final Map<String, Map<String, BigDecimal>> byCity = new HashMap<>();
        private int rows;

        private Builder() {
        }

        /**
         * Adds one row; the store only matters in that the maximum is taken over all rows of a city.
         *
         * @throws IllegalArgumentException for a blank city or sku, or a price that is negative or outside
         *                                  {@link Amounts#BOUNDS the bounds of an amount}
         */
        public Builder add(String city, String store, String sku, BigDecimal price) {
            if (city == null || city.isBlank()) {
                throw new IllegalArgumentException("price row for sku " + sku + ": city is required");
            }
            if (sku == null || sku.isBlank()) {
                throw new IllegalArgumentException("price row in " + city + ": sku is required");
            }
            Objects.requireNonNull(price, "price");
            if (price.signum() < 0) {
                throw new IllegalArgumentException("price of " + sku + " in " + city + " must not be negative, got " + price);
            }
            Amounts.requireWithinBounds(price, "price of " + sku + " in " + city);
            byCity.computeIfAbsent(cityKey(city), c -> new HashMap<>()).merge(sku.trim(), price, BigDecimal::max);
            rows++;
            return this;
        }

        public PriceList build() {
            // HashMap (wrapped read-only) rather than Map.copyOf: lookups run for every line classified,
            // and String keys with cached hashes find their bucket at once
            Map<String, Map<String, BigDecimal>> copy = new HashMap<>();
            byCity.forEach((c, m) -> copy.put(c, Collections.unmodifiableMap(new HashMap<>(m))));
            return new PriceList(Collections.unmodifiableMap(copy), rows);
        }
    }
}
