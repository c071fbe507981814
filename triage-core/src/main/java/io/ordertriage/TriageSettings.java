package io.ordertriage;

import io.ordertriage.model.CancellationRole;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.Period;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The tunables of the default rules: every threshold and catalogue of the rulebook (§4, §11–§17)
 * and which packs run. Immutable; every {@code with…} returns a changed copy.
 *
 * <pre>
 * TriageSettings s = TriageSettings.defaults()
 *         .withPaymentTimeout(Duration.ofMinutes(45))
 *         .with("delivery.maxPostponement", "P21D")
 *         .with("pricing.enabled", "false");
 * </pre>
 *
 * <p>Rule files read these through {@code OrderFact.settings}, never from literals. {@link #KEYS}
 * lists every key {@link #with(String, String)} takes, with its default.
 */
public final class TriageSettings {

    /** The keys {@link #with(String, String)} accepts, with what each means and its default. */
    public static final Map<String, String> KEYS;

    static {
        Map<String, String> keys = new LinkedHashMap<>();
        keys.put("confirmation.timeout", "§4 supplier confirmation timeout (default PT10M)");
        keys.put("payment.timeout", "§4 payment timeout (default PT30M)");
        keys.put("refund.timeout", "§4 refund timeout (default PT72H)");
        keys.put("delivery.grace", "§4 time allowed past the estimated delivery (default PT0S)");
        keys.put("delivery.handoverTimeout", "§11 time from creation to handover to the delivery service (default PT48H)");
        keys.put("delivery.agreeTimeout", "§11 time from arrival to an agreed delivery date (default PT24H)");
        keys.put("delivery.maxPostponement", "§11 how far past the arrival date a delivery date may be (default P14D)");
        keys.put("stage.assembling", "§12 deadline of the ASSEMBLING stage, 0 switches it off (default PT2H)");
        keys.put("stage.ready", "§12 deadline of the READY stage of a delivery, 0 switches it off (default PT24H)");
        keys.put("stage.inDelivery", "§12 deadline of the IN_DELIVERY stage, 0 switches it off (default PT12H)");
        keys.put("pickup.queueTimeout", "§13 how long a checked-in customer may wait at the counter (default PT5M)");
        keys.put("pickup.readyTimeout", "§13 time from creation until a pickup order is READY (default PT30M)");
        keys.put("pickup.storagePeriod", "§13 how long a READY pickup order waits to be collected (default PT72H)");
        keys.put("cancellation.reasons", "§15 the cancellation catalogue, ROLE:REASON,REASON;ROLE:… (default: the rulebook's)");
        keys.put("money.tolerance", "§16 difference between paid and total that is tolerated (default 0.00)");
        keys.put("preorder.minWorkingDays", "§16 working days ahead that make a pre-order (default 10)");
        keys.put("preorder.promo", "§16 the promotion code of the pre-order discount (default PREORDER)");
        keys.put("calendar.holidays", "§16 dates that are not working days, comma-separated yyyy-MM-dd (default none)");
        keys.put("combo.size", "§16 lines in one combo set (default 3)");
        keys.put("contact.region", "§17 region for phone numbers without a country code, ISO 3166 (default RU)");
        for (RulePack p : RulePack.values()) {
            keys.put(p.key() + ".enabled", "whether the " + p.key() + " rules run (default true)");
        }
        KEYS = Collections.unmodifiableMap(keys);
    }

    /** The default cancellation catalogue of rulebook §15. */
    public static final Map<String, CancellationRole> DEFAULT_CANCELLATION_REASONS;

    static {
        Map<String, CancellationRole> m = new LinkedHashMap<>();
        for (String r : List.of("CUSTOMER_REFUSED", "CUSTOMER_UNREACHABLE", "DUPLICATE_ORDER", "PAYMENT_NOT_RECEIVED")) {
            m.put(r, CancellationRole.OPERATOR);
        }
        for (String r : List.of("OUT_OF_STOCK", "KEY_ITEM_OUT_OF_STOCK", "STORE_CANNOT_FULFIL")) {
            m.put(r, CancellationRole.ADMINISTRATOR);
        }
        for (String r : List.of("RECIPIENT_ABSENT", "REFUSED_AT_DOOR", "AGE_NOT_CONFIRMED", "ADDRESS_NOT_FOUND")) {
            m.put(r, CancellationRole.COURIER);
        }
        DEFAULT_CANCELLATION_REASONS = Collections.unmodifiableMap(m);
    }

    /** Every value of a settings object; mutable, used only while building one. */
    private static final class Draft implements Cloneable {
        Duration confirmationTimeout = Duration.ofMinutes(10);
        Duration paymentTimeout = Duration.ofMinutes(30);
        Duration refundTimeout = Duration.ofHours(72);
        Duration deliveryGrace = Duration.ZERO;
        Duration handoverTimeout = Duration.ofHours(48);
        Duration agreeTimeout = Duration.ofHours(24);
        Period maxPostponement = Period.ofDays(14);
        Duration stageAssembling = Duration.ofHours(2);
        Duration stageReady = Duration.ofHours(24);
        Duration stageInDelivery = Duration.ofHours(12);
        Duration pickupQueueTimeout = Duration.ofMinutes(5);
        Duration pickupReadyTimeout = Duration.ofMinutes(30);
        Duration pickupStoragePeriod = Duration.ofHours(72);
        Map<String, CancellationRole> cancellationReasons = DEFAULT_CANCELLATION_REASONS;
        BigDecimal moneyTolerance = new BigDecimal("0.00");
        int preorderMinWorkingDays = 10;
        String preorderPromo = "PREORDER";
        Set<LocalDate> holidays = Set.of();
        int comboSize = 3;
        String contactRegion = "RU";
        Set<RulePack> enabledPacks = EnumSet.allOf(RulePack.class);

        @Override
        protected Draft clone() {
            try {
                return (Draft) super.clone();
            } catch (CloneNotSupportedException e) {
                throw new AssertionError(e);
            }
        }
    }

    private static final TriageSettings DEFAULTS = new TriageSettings(new Draft());

    private final Duration confirmationTimeout;
    private final Duration paymentTimeout;
    private final Duration refundTimeout;
    private final Duration deliveryGrace;
    private final Duration handoverTimeout;
    private final Duration agreeTimeout;
    private final Period maxPostponement;
    private final Duration stageAssembling;
    private final Duration stageReady;
    private final Duration stageInDelivery;
    private final Duration pickupQueueTimeout;
    private final Duration pickupReadyTimeout;
    private final Duration pickupStoragePeriod;
    private final Map<String, CancellationRole> cancellationReasons;
    private final BigDecimal moneyTolerance;
    private final int preorderMinWorkingDays;
    private final String preorderPromo;
    private final Set<LocalDate> holidays;
    private final int comboSize;
    private final String contactRegion;
    private final Set<RulePack> enabledPacks;

    private TriageSettings(Draft d) {
        confirmationTimeout = nonNegative("confirmation.timeout", d.confirmationTimeout);
        paymentTimeout = nonNegative("payment.timeout", d.paymentTimeout);
        refundTimeout = nonNegative("refund.timeout", d.refundTimeout);
        deliveryGrace = nonNegative("delivery.grace", d.deliveryGrace);
        handoverTimeout = nonNegative("delivery.handoverTimeout", d.handoverTimeout);
        agreeTimeout = nonNegative("delivery.agreeTimeout", d.agreeTimeout);
        Objects.requireNonNull(d.maxPostponement, "delivery.maxPostponement");
        if (d.maxPostponement.isNegative()) {
            throw new IllegalArgumentException("setting delivery.maxPostponement must not be negative, got " + d.maxPostponement);
        }
        maxPostponement = d.maxPostponement;
        stageAssembling = nonNegative("stage.assembling", d.stageAssembling);
        stageReady = nonNegative("stage.ready", d.stageReady);
        stageInDelivery = nonNegative("stage.inDelivery", d.stageInDelivery);
        pickupQueueTimeout = nonNegative("pickup.queueTimeout", d.pickupQueueTimeout);
        pickupReadyTimeout = nonNegative("pickup.readyTimeout", d.pickupReadyTimeout);
        pickupStoragePeriod = nonNegative("pickup.storagePeriod", d.pickupStoragePeriod);
        cancellationReasons = Objects.requireNonNull(d.cancellationReasons, "cancellation.reasons");
        Objects.requireNonNull(d.moneyTolerance, "money.tolerance");
        if (d.moneyTolerance.signum() < 0) {
            throw new IllegalArgumentException("setting money.tolerance must not be negative, got " + d.moneyTolerance);
        }
        moneyTolerance = d.moneyTolerance;
        if (d.preorderMinWorkingDays < 0) {
            throw new IllegalArgumentException("setting preorder.minWorkingDays must not be negative, got " + d.preorderMinWorkingDays);
        }
        preorderMinWorkingDays = d.preorderMinWorkingDays;
        preorderPromo = promoKey(Objects.requireNonNull(d.preorderPromo, "preorder.promo"));
        if (preorderPromo == null) {
            throw new IllegalArgumentException("setting preorder.promo must not be blank");
        }
        holidays = Objects.requireNonNull(d.holidays, "calendar.holidays");
        if (d.comboSize < 1) {
            throw new IllegalArgumentException("setting combo.size must be at least 1, got " + d.comboSize);
        }
        comboSize = d.comboSize;
        contactRegion = Objects.requireNonNull(d.contactRegion, "contact.region").strip().toUpperCase(Locale.ROOT);
        Objects.requireNonNull(d.enabledPacks, "enabledPacks");
        enabledPacks = d.enabledPacks.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(d.enabledPacks));
    }

    private Draft draft() {
        Draft d = new Draft();
        d.confirmationTimeout = confirmationTimeout;
        d.paymentTimeout = paymentTimeout;
        d.refundTimeout = refundTimeout;
        d.deliveryGrace = deliveryGrace;
        d.handoverTimeout = handoverTimeout;
        d.agreeTimeout = agreeTimeout;
        d.maxPostponement = maxPostponement;
        d.stageAssembling = stageAssembling;
        d.stageReady = stageReady;
        d.stageInDelivery = stageInDelivery;
        d.pickupQueueTimeout = pickupQueueTimeout;
        d.pickupReadyTimeout = pickupReadyTimeout;
        d.pickupStoragePeriod = pickupStoragePeriod;
        d.cancellationReasons = cancellationReasons;
        d.moneyTolerance = moneyTolerance;
        d.preorderMinWorkingDays = preorderMinWorkingDays;
        d.preorderPromo = preorderPromo;
        d.holidays = holidays;
        d.comboSize = comboSize;
        d.contactRegion = contactRegion;
        d.enabledPacks = enabledPacks;
        return d;
    }

    private TriageSettings change(Consumer<Draft> change) {
        Draft d = draft();
        change.accept(d);
        return new TriageSettings(d);
    }

    /** The rulebook's defaults, every pack on. */
    public static TriageSettings defaults() {
        return DEFAULTS;
    }

    // ---- §4 -------------------------------------------------------------------------------------

    /** CONFIRMATION_OVERDUE fires when more than this has passed since created_at. */
    public Duration confirmationTimeout() { return confirmationTimeout; }
    /** PAYMENT_OVERDUE fires when more than this has passed since created_at. */
    public Duration paymentTimeout() { return paymentTimeout; }
    /** REFUND_OVERDUE fires when more than this has passed since updated_at. */
    public Duration refundTimeout() { return refundTimeout; }
    /** DELIVERY_LATE fires when more than this has passed since estimated_delivery_at. */
    public Duration deliveryGrace() { return deliveryGrace; }

    // ---- §11–§17 --------------------------------------------------------------------------------

    /** {@code delivery.handoverTimeout}: HANDOVER_OVERDUE after this much time since created_at. */
    public Duration handoverTimeout() { return handoverTimeout; }
    /** {@code delivery.agreeTimeout}: DELIVERY_DATE_NOT_AGREED after this much time since arrived_at. */
    public Duration agreeTimeout() { return agreeTimeout; }
    /** {@code delivery.maxPostponement}: the latest delivery date is the arrival date plus this. */
    public Period maxPostponement() { return maxPostponement; }
    /** {@code stage.assembling}; zero switches the check off. */
    public Duration stageAssembling() { return stageAssembling; }
    /** {@code stage.ready}; zero switches the check off. */
    public Duration stageReady() { return stageReady; }
    /** {@code stage.inDelivery}; zero switches the check off. */
    public Duration stageInDelivery() { return stageInDelivery; }
    /** {@code pickup.queueTimeout}: CUSTOMER_WAITING after this much time since the check-in. */
    public Duration pickupQueueTimeout() { return pickupQueueTimeout; }
    /** {@code pickup.readyTimeout}: PICKUP_NOT_READY after this much time since created_at. */
    public Duration pickupReadyTimeout() { return pickupReadyTimeout; }
    /** {@code pickup.storagePeriod}: PICKUP_NOT_COLLECTED after this much time in READY. */
    public Duration pickupStoragePeriod() { return pickupStoragePeriod; }

    /** {@code cancellation.reasons}: reason code (upper case) → the role it belongs to, in catalogue order. */
    public Map<String, CancellationRole> cancellationReasons() { return cancellationReasons; }

    /** The role a cancellation reason belongs to (matched ignoring case and surrounding space), or {@code null}. */
    public CancellationRole cancellationRole(String reason) {
        String key = reasonKey(reason);
        return key == null ? null : cancellationReasons.get(key);
    }

    /** {@code money.tolerance}: OVERPAID / UNDERPAID only when the difference exceeds it. */
    public BigDecimal moneyTolerance() { return moneyTolerance; }
    /** {@code preorder.minWorkingDays}. */
    public int preorderMinWorkingDays() { return preorderMinWorkingDays; }
    /** {@code preorder.promo}, trimmed and upper case. */
    public String preorderPromo() { return preorderPromo; }
    /** {@code calendar.holidays}: dates that are not working days. */
    public Set<LocalDate> holidays() { return holidays; }
    /** {@code combo.size}. */
    public int comboSize() { return comboSize; }
    /** {@code contact.region}: ISO 3166 region for phones without a country code, upper case. */
    public String contactRegion() { return contactRegion; }

    /** True when {@code date} is a working day: Monday to Friday and not a holiday. */
    public boolean isWorkingDay(LocalDate date) {
        return date.getDayOfWeek().getValue() <= 5 && !holidays.contains(date);
    }

    /** The default packs that run. */
    public Set<RulePack> enabledPacks() { return enabledPacks; }

    public boolean isEnabled(RulePack pack) {
        return enabledPacks.contains(pack);
    }

    /** How promotion codes compare: trimmed, upper case; {@code null} for blank. */
    public static String promoKey(String promo) {
        return promo == null || promo.isBlank() ? null : promo.strip().toUpperCase(Locale.ROOT);
    }

    /** How cancellation reasons compare: trimmed, upper case; {@code null} for blank. */
    public static String reasonKey(String reason) {
        return promoKey(reason);
    }

    // ---- changed copies -------------------------------------------------------------------------

    public TriageSettings withConfirmationTimeout(Duration d) { return change(x -> x.confirmationTimeout = d); }
    public TriageSettings withPaymentTimeout(Duration d) { return change(x -> x.paymentTimeout = d); }
    public TriageSettings withRefundTimeout(Duration d) { return change(x -> x.refundTimeout = d); }
    public TriageSettings withDeliveryGrace(Duration d) { return change(x -> x.deliveryGrace = d); }
    public TriageSettings withHandoverTimeout(Duration d) { return change(x -> x.handoverTimeout = d); }
    public TriageSettings withAgreeTimeout(Duration d) { return change(x -> x.agreeTimeout = d); }
    public TriageSettings withMaxPostponement(Period p) { return change(x -> x.maxPostponement = p); }
    public TriageSettings withStageAssembling(Duration d) { return change(x -> x.stageAssembling = d); }
    public TriageSettings withStageReady(Duration d) { return change(x -> x.stageReady = d); }
    public TriageSettings withStageInDelivery(Duration d) { return change(x -> x.stageInDelivery = d); }
    public TriageSettings withPickupQueueTimeout(Duration d) { return change(x -> x.pickupQueueTimeout = d); }
    public TriageSettings withPickupReadyTimeout(Duration d) { return change(x -> x.pickupReadyTimeout = d); }
    public TriageSettings withPickupStoragePeriod(Duration d) { return change(x -> x.pickupStoragePeriod = d); }
    public TriageSettings withMoneyTolerance(BigDecimal t) { return change(x -> x.moneyTolerance = t); }
    public TriageSettings withPreorderMinWorkingDays(int n) { return change(x -> x.preorderMinWorkingDays = n); }
    public TriageSettings withPreorderPromo(String promo) { return change(x -> x.preorderPromo = promo); }
    public TriageSettings withComboSize(int n) { return change(x -> x.comboSize = n); }

    /** A copy whose calendar has these holidays (and no others). */
    public TriageSettings withHolidays(Set<LocalDate> dates) {
        Set<LocalDate> copy = Collections.unmodifiableSet(new TreeSet<>(dates));
        return change(x -> x.holidays = copy);
    }

    /** A copy with this cancellation catalogue (reason → role; reasons are trimmed and upper-cased). */
    public TriageSettings withCancellationReasons(Map<String, CancellationRole> reasons) {
        Map<String, CancellationRole> copy = new LinkedHashMap<>();
        reasons.forEach((reason, role) -> {
            String key = reasonKey(reason);
            if (key == null) {
                throw new IllegalArgumentException("setting cancellation.reasons: a reason is blank");
            }
            CancellationRole before = copy.putIfAbsent(key, Objects.requireNonNull(role, "role of " + key));
            if (before != null && before != role) {
                throw new IllegalArgumentException("setting cancellation.reasons: reason " + key
                        + " belongs to both " + before + " and " + role + "; a reason belongs to one role");
            }
        });
        Map<String, CancellationRole> frozen = Collections.unmodifiableMap(copy);
        return change(x -> x.cancellationReasons = frozen);
    }

    /** A copy whose phone numbers without a country code are read in {@code region} (ISO 3166, for example RU). */
    public TriageSettings withContactRegion(String region) {
        if (region == null || !region.strip().matches("[A-Za-z]{2}")) {
            throw new IllegalArgumentException("setting contact.region: \"" + region
                    + "\" is not a region; expected a two-letter ISO 3166 code such as RU, KZ or DE");
        }
        return change(x -> x.contactRegion = region);
    }

    /** A copy with {@code pack} switched on or off. */
    public TriageSettings withPack(RulePack pack, boolean enabled) {
        EnumSet<RulePack> packs = enabledPacks.isEmpty() ? EnumSet.noneOf(RulePack.class) : EnumSet.copyOf(enabledPacks);
        if (enabled) {
            packs.add(pack);
        } else {
            packs.remove(pack);
        }
        return change(x -> x.enabledPacks = packs);
    }

    /** A copy with exactly these packs switched on. */
    public TriageSettings withPacks(Set<RulePack> packs) {
        EnumSet<RulePack> copy = packs.isEmpty() ? EnumSet.noneOf(RulePack.class) : EnumSet.copyOf(packs);
        return change(x -> x.enabledPacks = copy);
    }

    private static final Map<String, String> CANONICAL_KEYS;

    static {
        Map<String, String> m = new LinkedHashMap<>();
        KEYS.keySet().forEach(k -> m.put(k.toLowerCase(Locale.ROOT), k));
        CANONICAL_KEYS = Collections.unmodifiableMap(m);
    }

    /**
     * A copy with one setting changed by name, as the CLI's {@code --set KEY=VALUE} does; keys
     * match ignoring case. Durations are ISO-8601 ({@code PT45M}, {@code P2D}) or a number with a
     * unit ({@code 45m}, {@code 2h}, {@code 90s}, {@code 3d}); {@code delivery.maxPostponement} is a
     * number of days ({@code P21D} or {@code 21d}); switches are {@code true} or {@code false}.
     *
     * @throws IllegalArgumentException naming the key or value and what would be accepted
     */
    public TriageSettings with(String key, String value) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        String k = CANONICAL_KEYS.get(key.trim().toLowerCase(Locale.ROOT));
        if (k == null) {
            throw new IllegalArgumentException("unknown setting \"" + key + "\"; expected one of "
                    + KEYS.keySet().stream().sorted().toList());
        }
        switch (k) {
            case "confirmation.timeout": return withConfirmationTimeout(parseDuration(k, value));
            case "payment.timeout": return withPaymentTimeout(parseDuration(k, value));
            case "refund.timeout": return withRefundTimeout(parseDuration(k, value));
            case "delivery.grace": return withDeliveryGrace(parseDuration(k, value));
            case "delivery.handoverTimeout": return withHandoverTimeout(parseDuration(k, value));
            case "delivery.agreeTimeout": return withAgreeTimeout(parseDuration(k, value));
            case "delivery.maxPostponement": return withMaxPostponement(parseDays(k, value));
            case "stage.assembling": return withStageAssembling(parseDuration(k, value));
            case "stage.ready": return withStageReady(parseDuration(k, value));
            case "stage.inDelivery": return withStageInDelivery(parseDuration(k, value));
            case "pickup.queueTimeout": return withPickupQueueTimeout(parseDuration(k, value));
            case "pickup.readyTimeout": return withPickupReadyTimeout(parseDuration(k, value));
            case "pickup.storagePeriod": return withPickupStoragePeriod(parseDuration(k, value));
            case "cancellation.reasons": return withCancellationReasons(parseCatalogue(k, value));
            case "money.tolerance": return withMoneyTolerance(parseAmount(k, value));
            case "preorder.minWorkingDays": return withPreorderMinWorkingDays(parseCount(k, value, 0));
            case "preorder.promo": return withPreorderPromo(value);
            case "calendar.holidays": return withHolidays(parseDates(k, value));
            case "combo.size": return withComboSize(parseCount(k, value, 1));
            case "contact.region": return withContactRegion(value);
            default:
                return withPack(RulePack.fromKey(k.substring(0, k.length() - ".enabled".length())), parseSwitch(k, value));
        }
    }

    private static final Pattern SHORT_DURATION = Pattern.compile("(\\d+)\\s*(s|m|h|d)", Pattern.CASE_INSENSITIVE);

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
                        + "\" is not a duration; expected ISO-8601 such as PT45M or P2D, or a number with a unit such as 45m, 2h, 90s, 3d");
            }
        }
        return nonNegative(key, d);
    }

    private static final Pattern DAYS = Pattern.compile("P(\\d{1,5})D|(\\d{1,5})D?");

    private static Period parseDays(String key, String value) {
        Matcher m = DAYS.matcher(value.trim().toUpperCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("setting " + key + ": \"" + value
                    + "\" is not a number of days; expected ISO-8601 days such as P14D, or 14d");
        }
        return Period.ofDays(Integer.parseInt(m.group(1) != null ? m.group(1) : m.group(2)));
    }

    private static int parseCount(String key, String value, int min) {
        try {
            int n = Integer.parseInt(value.trim());
            if (n >= min) {
                return n;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new IllegalArgumentException("setting " + key + ": \"" + value + "\" is not a whole number of at least " + min);
    }

    private static BigDecimal parseAmount(String key, String value) {
        try {
            String v = value.trim().replace(',', '.');
            BigDecimal d = v.length() <= 64 ? new BigDecimal(v) : null;
            if (d != null && d.signum() >= 0 && io.ordertriage.model.Amounts.withinBounds(d)) {
                return d;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new IllegalArgumentException("setting " + key + ": \"" + value
                + "\" is not an amount; expected a non-negative decimal such as 0.00 or 0.5, with "
                + io.ordertriage.model.Amounts.BOUNDS);
    }

    private static final DateTimeFormatter RU_DATE = DateTimeFormatter.ofPattern("dd.MM.uuuu", Locale.ROOT)
            .withResolverStyle(java.time.format.ResolverStyle.STRICT);

    private static Set<LocalDate> parseDates(String key, String value) {
        Set<LocalDate> dates = new TreeSet<>();
        for (String part : value.split("[,;\\s]+")) {
            if (part.isBlank()) {
                continue;
            }
            try {
                dates.add(part.contains(".") ? LocalDate.parse(part, RU_DATE) : LocalDate.parse(part));
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("setting " + key + ": \"" + part
                        + "\" is not a date; expected yyyy-MM-dd or dd.MM.yyyy, comma-separated");
            }
        }
        return dates;
    }

    private static Map<String, CancellationRole> parseCatalogue(String key, String value) {
        Map<String, CancellationRole> out = new LinkedHashMap<>();
        for (String group : value.split(";")) {
            if (group.isBlank()) {
                continue;
            }
            int colon = group.indexOf(':');
            if (colon < 0) {
                throw new IllegalArgumentException("setting " + key + ": \"" + group.strip()
                        + "\" is not ROLE:REASON,REASON; for example OPERATOR:CUSTOMER_REFUSED,DUPLICATE_ORDER;COURIER:RECIPIENT_ABSENT");
            }
            String roleName = group.substring(0, colon).strip().toUpperCase(Locale.ROOT);
            CancellationRole role;
            try {
                role = CancellationRole.valueOf(roleName);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("setting " + key + ": unknown role \"" + roleName + "\"; expected one of "
                        + Arrays.toString(CancellationRole.values()));
            }
            for (String reason : group.substring(colon + 1).split(",")) {
                String r = reasonKey(reason);
                if (r == null) {
                    continue;
                }
                CancellationRole before = out.putIfAbsent(r, role);
                if (before != null && before != role) {
                    throw new IllegalArgumentException("setting " + key + ": reason " + r + " belongs to both " + before
                            + " and " + role + "; a reason belongs to one role");
                }
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("setting " + key + ": the catalogue is empty; expected ROLE:REASON,REASON;…");
        }
        return out;
    }

    private static Duration nonNegative(String key, Duration d) {
        Objects.requireNonNull(d, key);
        if (d.isNegative()) {
            throw new IllegalArgumentException("setting " + key + " must not be negative, got " + d);
        }
        return d;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof TriageSettings s)) {
            return false;
        }
        return confirmationTimeout.equals(s.confirmationTimeout) && paymentTimeout.equals(s.paymentTimeout)
                && refundTimeout.equals(s.refundTimeout) && deliveryGrace.equals(s.deliveryGrace)
                && handoverTimeout.equals(s.handoverTimeout) && agreeTimeout.equals(s.agreeTimeout)
                && maxPostponement.equals(s.maxPostponement) && stageAssembling.equals(s.stageAssembling)
                && stageReady.equals(s.stageReady) && stageInDelivery.equals(s.stageInDelivery)
                && pickupQueueTimeout.equals(s.pickupQueueTimeout) && pickupReadyTimeout.equals(s.pickupReadyTimeout)
                && pickupStoragePeriod.equals(s.pickupStoragePeriod) && cancellationReasons.equals(s.cancellationReasons)
                && moneyTolerance.compareTo(s.moneyTolerance) == 0 && preorderMinWorkingDays == s.preorderMinWorkingDays
                && preorderPromo.equals(s.preorderPromo) && holidays.equals(s.holidays) && comboSize == s.comboSize
                && contactRegion.equals(s.contactRegion) && enabledPacks.equals(s.enabledPacks);
    }

    @Override
    public int hashCode() {
        return Objects.hash(confirmationTimeout, paymentTimeout, refundTimeout, deliveryGrace, handoverTimeout,
                agreeTimeout, maxPostponement, stageAssembling, stageReady, stageInDelivery, pickupQueueTimeout,
                pickupReadyTimeout, pickupStoragePeriod, cancellationReasons, moneyTolerance.stripTrailingZeros(),
                preorderMinWorkingDays, preorderPromo, holidays, comboSize, contactRegion, enabledPacks);
    }

    @Override
    public String toString() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("confirmation.timeout", confirmationTimeout);
        m.put("payment.timeout", paymentTimeout);
        m.put("refund.timeout", refundTimeout);
        m.put("delivery.grace", deliveryGrace);
        m.put("delivery.handoverTimeout", handoverTimeout);
        m.put("delivery.agreeTimeout", agreeTimeout);
        m.put("delivery.maxPostponement", maxPostponement);
        m.put("stage.assembling", stageAssembling);
        m.put("stage.ready", stageReady);
        m.put("stage.inDelivery", stageInDelivery);
        m.put("pickup.queueTimeout", pickupQueueTimeout);
        m.put("pickup.readyTimeout", pickupReadyTimeout);
        m.put("pickup.storagePeriod", pickupStoragePeriod);
        m.put("money.tolerance", moneyTolerance);
        m.put("preorder.minWorkingDays", preorderMinWorkingDays);
        m.put("preorder.promo", preorderPromo);
        m.put("calendar.holidays", holidays);
        m.put("combo.size", comboSize);
        m.put("contact.region", contactRegion);
        m.put("packs", enabledPacks);
        return "TriageSettings" + m;
    }
}
