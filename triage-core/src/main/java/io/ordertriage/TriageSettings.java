package io.ordertriage;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The tunables of the default rules: the timer thresholds of rulebook §4 and which packs run.
 * Immutable; every {@code with…} returns a changed copy.
 *
 * <pre>
 * TriageSettings s = TriageSettings.defaults()
 *         .withPaymentTimeout(Duration.ofMinutes(45))
 *         .with("pricing.enabled", "false");
 * </pre>
 *
 * <p>Rule files read these through the global {@code settings}, never from literals.
 *
 * @param confirmationTimeout CONFIRMATION_OVERDUE fires when more than this has passed since created_at
 * @param paymentTimeout      PAYMENT_OVERDUE fires when more than this has passed since created_at
 * @param refundTimeout       REFUND_OVERDUE fires when more than this has passed since updated_at
 * @param deliveryGrace       DELIVERY_LATE fires when more than this has passed since estimated_delivery_at
 * @param enabledPacks        the default packs that run
 */
public record TriageSettings(Duration confirmationTimeout, Duration paymentTimeout, Duration refundTimeout,
                             Duration deliveryGrace, Set<RulePack> enabledPacks) {

    /** The keys {@link #with(String, String)} accepts, with what each means. */
    public static final Map<String, String> KEYS;

    static {
        Map<String, String> keys = new LinkedHashMap<>();
        keys.put("confirmation.timeout", "supplier confirmation timeout (default PT10M)");
        keys.put("payment.timeout", "payment timeout (default PT30M)");
        keys.put("refund.timeout", "refund timeout (default PT72H)");
        keys.put("delivery.grace", "time allowed past the estimated delivery (default PT0S)");
        for (RulePack p : RulePack.values()) {
            keys.put(p.key() + ".enabled", "whether the " + p.key() + " rules run (default true)");
        }
        KEYS = Map.copyOf(keys);
    }

    private static final Pattern SHORT_DURATION = Pattern.compile("(\\d+)\\s*(s|m|h|d)", Pattern.CASE_INSENSITIVE);

    public TriageSettings {
        confirmationTimeout = nonNegative("confirmation.timeout", confirmationTimeout);
        paymentTimeout = nonNegative("payment.timeout", paymentTimeout);
        refundTimeout = nonNegative("refund.timeout", refundTimeout);
        deliveryGrace = nonNegative("delivery.grace", deliveryGrace);
        Objects.requireNonNull(enabledPacks, "enabledPacks");
        enabledPacks = enabledPacks.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(enabledPacks));
    }

    /** The rulebook's defaults: 10 minutes, 30 minutes, 72 hours, no delivery grace, every pack on. */
    public static TriageSettings defaults() {
        return new TriageSettings(Duration.ofMinutes(10), Duration.ofMinutes(30), Duration.ofHours(72),
                Duration.ZERO, EnumSet.allOf(RulePack.class));
    }

    public TriageSettings withConfirmationTimeout(Duration d) {
        return new TriageSettings(d, paymentTimeout, refundTimeout, deliveryGrace, enabledPacks);
    }

    public TriageSettings withPaymentTimeout(Duration d) {
        return new TriageSettings(confirmationTimeout, d, refundTimeout, deliveryGrace, enabledPacks);
    }

    public TriageSettings withRefundTimeout(Duration d) {
        return new TriageSettings(confirmationTimeout, paymentTimeout, d, deliveryGrace, enabledPacks);
    }

    public TriageSettings withDeliveryGrace(Duration d) {
        return new TriageSettings(confirmationTimeout, paymentTimeout, refundTimeout, d, enabledPacks);
    }

    /** A copy with {@code pack} switched on or off. */
    public TriageSettings withPack(RulePack pack, boolean enabled) {
        EnumSet<RulePack> packs = enabledPacks.isEmpty() ? EnumSet.noneOf(RulePack.class) : EnumSet.copyOf(enabledPacks);
        if (enabled) {
            packs.add(pack);
        } else {
            packs.remove(pack);
        }
        return new TriageSettings(confirmationTimeout, paymentTimeout, refundTimeout, deliveryGrace, packs);
    }

    public boolean isEnabled(RulePack pack) {
        return enabledPacks.contains(pack);
    }

    /**
     * A copy with one setting changed by name, as the CLI's {@code --set KEY=VALUE} does. Durations
     * are ISO-8601 ({@code PT45M}) or a number with a unit ({@code 45m}, {@code 2h}, {@code 90s},
     * {@code 3d}); switches are {@code true} or {@code false}.
     *
     * @throws IllegalArgumentException naming the key or value and what would be accepted
     */
    public TriageSettings with(String key, String value) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        String k = key.trim().toLowerCase(Locale.ROOT);
        switch (k) {
            case "confirmation.timeout": return withConfirmationTimeout(parseDuration(k, value));
            case "payment.timeout": return withPaymentTimeout(parseDuration(k, value));
            case "refund.timeout": return withRefundTimeout(parseDuration(k, value));
            case "delivery.grace": return withDeliveryGrace(parseDuration(k, value));
            default:
                if (k.endsWith(".enabled") && KEYS.containsKey(k)) {
                    return withPack(RulePack.fromKey(k.substring(0, k.length() - ".enabled".length())),
                            parseSwitch(k, value));
                }
                throw new IllegalArgumentException("unknown setting \"" + key + "\"; expected one of "
                        + KEYS.keySet().stream().sorted().toList());
        }
    }

    private static boolean parseSwitch(String key, String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        if (v.equals("true") || v.equals("false")) {
            return Boolean.parseBoolean(v);
        }
        throw new IllegalArgumentException("setting " + key + ": \"" + value + "\" is not a switch; expected true or false");
    }

    private static Duration parseDuration(String key, String value) {
        String v = value.trim();
        Matcher m = SHORT_DURATION.matcher(v);
        Duration d;
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            d = switch (m.group(2).toLowerCase(Locale.ROOT)) {
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
        } else {
            try {
                d = Duration.parse(v.toUpperCase(Locale.ROOT));
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("setting " + key + ": \"" + value
                        + "\" is not a duration; expected ISO-8601 such as PT45M or a number with a unit such as 45m, 2h, 90s, 3d");
            }
        }
        return nonNegative(key, d);
    }

    private static Duration nonNegative(String key, Duration d) {
        Objects.requireNonNull(d, key);
        if (d.isNegative()) {
            throw new IllegalArgumentException("setting " + key + " must not be negative, got " + d);
        }
        return d;
    }
}
