package io.ordertriage;

import java.util.Arrays;
import java.util.Locale;

/**
 * The default rule packs, one per rulebook section, each a DRL package that settings can switch off.
 */
public enum RulePack {
    /** §3 normal status combinations and status diagnoses. */
    STATUS("status"),
    /** §4 SLA timers. */
    TIMERS("timers"),
    /** §5 18+ goods on an unverified customer. */
    AGE("age"),
    /** §6 city pricing and assortment; runs only when the engine has a price list. */
    PRICING("pricing"),
    /** §7 substitution, key items and the resolved basket. */
    SUBSTITUTION("substitution"),
    /** §11 delivery scheduling: handover, arrival against the delivery terms, agreed delivery dates. */
    DELIVERY("delivery"),
    /** §12 stage deadlines. */
    STAGES("stages"),
    /** §13 the pickup counter. */
    PICKUP("pickup"),
    /** §14 recipients other than the buyer. */
    RECIPIENT("recipient"),
    /** §15 cancellation reasons by role. */
    CANCELLATION("cancellation"),
    /** §16 money: re-pricing, the pre-order discount, combo sets. */
    MONEY("money"),
    /** §17 contacts: PHONE_UNUSABLE (the contact links of every result do not depend on it). */
    CONTACTS("contacts");

    /** The packs of rulebook part two (§11–§17). */
    public static final java.util.Set<RulePack> PART_TWO = java.util.Collections.unmodifiableSet(
            java.util.EnumSet.range(DELIVERY, CONTACTS));

    /** The package every default rule pack lives under. */
    public static final String BASE_PACKAGE = "io.ordertriage.rules";

    private final String key;

    RulePack(String key) {
        this.key = key;
    }

    /** The name used in settings keys ({@code pricing.enabled}) and in the DRL package. */
    public String key() {
        return key;
    }

    /** The DRL package of the pack's rules, for example {@code io.ordertriage.rules.pricing}. */
    public String packageName() {
        return BASE_PACKAGE + "." + key;
    }

    /** The pack named {@code key} (case-insensitive). */
    public static RulePack fromKey(String key) {
        for (RulePack p : values()) {
            if (p.key.equalsIgnoreCase(key)) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown rule pack \"" + key + "\"; expected one of "
                + Arrays.stream(values()).map(RulePack::key).toList());
    }

    @Override
    public String toString() {
        return key.toLowerCase(Locale.ROOT);
    }
}
