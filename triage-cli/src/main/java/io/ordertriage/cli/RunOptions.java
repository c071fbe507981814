package io.ordertriage.cli;

import io.ordertriage.RulePack;
import io.ordertriage.RuleStats;
import io.ordertriage.TriageEngine;
import io.ordertriage.TriageSettings;
import io.ordertriage.cli.io.AcknowledgementsReader;
import io.ordertriage.cli.io.DeliveryTermsReader;
import io.ordertriage.cli.io.InputException;
import io.ordertriage.cli.io.Mapping;
import io.ordertriage.cli.io.OrderReader;
import io.ordertriage.cli.io.PriceListReader;
import io.ordertriage.cli.io.TextInput;
import io.ordertriage.cli.io.Values;
import io.ordertriage.model.Acknowledgements;
import io.ordertriage.model.DeliveryTerms;
import io.ordertriage.model.PriceList;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.LongConsumer;

/** The options {@code classify} and {@code explain} share: the input, its mapping, and the engine's set-up. */
public final class RunOptions {
    @Parameters(index = "0", arity = "0..1", paramLabel = "INPUT",
            description = "The export to read: a file, or - or nothing for standard input.")
    String input;

    @Option(names = "--mapping", paramLabel = "NAME|FILE", defaultValue = "canonical",
            description = "A built-in mapping (canonical, shopify, olist) or a YAML mapping file (default: ${DEFAULT-VALUE}).")
    String mapping;

    @Option(names = "--prices", paramLabel = "FILE", description = "Price list (city, store, sku, price): enables the city pricing rules.")
    Path prices;

    @Option(names = "--rules", paramLabel = "DIR", description = "More rule files, added to the default rules (repeatable).")
    List<Path> rules = new ArrayList<>();

    @Option(names = "--as-of", paramLabel = "INSTANT",
            description = "The evaluation instant, ISO-8601 (default: now); without an offset it is read in --zone.")
    String asOf;

    @Option(names = "--zone", paramLabel = "ZONE",
            description = "Zone for date-times without an offset (default: the mapping's, else the system zone).")
    String zone;

    @Option(names = "--delivery-terms", paramLabel = "FILE",
            description = "Delivery promise per locality (locality, days): enables ARRIVAL_LATE (rulebook §11).")
    Path deliveryTerms;

    @Option(names = "--ack", paramLabel = "FILE",
            description = "Acknowledged findings (order_id, code, until, note): they stay in the results but no longer "
                    + "count for the verdict while they hold (rulebook §18).")
    Path acks;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "Override a setting, e.g. payment.timeout=PT45M (repeatable). Keys: confirmation.timeout, "
                    + "payment.timeout, refund.timeout, delivery.grace, delivery.handoverTimeout, delivery.agreeTimeout, "
                    + "delivery.maxPostponement, stage.assembling, stage.ready, stage.inDelivery, pickup.queueTimeout, "
                    + "pickup.readyTimeout, pickup.storagePeriod, cancellation.reasons, money.tolerance, "
                    + "preorder.minWorkingDays, preorder.promo, calendar.holidays, combo.size, contact.region, and "
                    + "<pack>.enabled for status, timers, age, pricing, substitution, delivery, stages, pickup, recipient, "
                    + "cancellation, money, contacts.")
    List<String> sets = new ArrayList<>();

    @Option(names = "--encoding", paramLabel = "CHARSET", description = "The input's encoding (default: detected).")
    String encoding;

    @Option(names = "--delimiter", paramLabel = "CHAR", description = "The input's delimiter: , ; | or tab (default: detected).")
    String delimiter;

    /**
     * A pack that checks a field the input may lack altogether (rulebook Part two): without a column
     * for the field, the CLI switches the pack off unless {@code --set <pack>.enabled} decided it.
     */
    private record PackNeed(RulePack pack, String field, String off) {
    }

    private static final List<PackNeed> PACK_NEEDS = List.of(
            new PackNeed(RulePack.CANCELLATION, "cancel_reason",
                    "the cancellation rules (§15) are off; --set cancellation.enabled=true runs them anyway"),
            new PackNeed(RulePack.CONTACTS, "customer_phone",
                    "the contacts rule PHONE_UNUSABLE (§17) is off; --set contacts.enabled=true runs it anyway"));

    /**
     * What a run is set up with, resolved from the options.
     *
     * @param supplied the canonical fields the input's header supplies (columns, constants, derivations)
     * @param notes    what the set-up decided that the user should know, one line each, for standard error
     */
    record Setup(Mapping mapping, ZoneId zone, Instant asOf, TriageSettings settings, TextInput input, PriceList prices,
                 DeliveryTerms deliveryTerms, Acknowledgements acks, Set<String> supplied, List<String> notes,
                 Path spooled) implements AutoCloseable {
        @Override
        public void close() throws IOException {
            if (spooled != null) {
                Files.deleteIfExists(spooled);
            }
        }
    }

    Setup setup(InputStream stdin) throws Exception {
        Mapping m = Mapping.load(mapping);
        ZoneId z = zone(m);
        try {
            new Values(z, m.dateFormats());
        } catch (IllegalArgumentException e) {
            throw new UsageException("mapping " + m.name() + ": " + e.getMessage());
        }
        Instant at = asOf == null ? Instant.now() : instant("--as-of", asOf, z);
        Set<RulePack> explicitPacks = new HashSet<>();
        TriageSettings settings = settings(explicitPacks);
        Character delim = delimiter == null ? null : delimiter(delimiter, "--delimiter");
        Character delimHint = m.delimiter() == null ? null : delimiter(m.delimiter(), "the mapping's delimiter");
        Path spooled = null;
        Path file;
        String name;
        if (input == null || input.equals("-")) {
            spooled = Files.createTempFile("triage-stdin-", ".csv");
            Files.copy(stdin, spooled, StandardCopyOption.REPLACE_EXISTING);
            file = spooled;
            name = "<stdin>";
        } else {
            file = Path.of(input);
            name = input;
        }
        try {
            TextInput in = TextInput.open(file, name, encoding, delim, m.encoding(), delimHint);
            PriceList pl = null;
            if (prices != null) {
                pl = PriceListReader.read(TextInput.open(prices, prices.toString(), null, null));
            }
            DeliveryTerms terms = null;
            if (deliveryTerms != null) {
                terms = DeliveryTermsReader.read(TextInput.open(deliveryTerms, deliveryTerms.toString(), null, null));
            }
            Acknowledgements ackList = Acknowledgements.NONE;
            if (acks != null) {
                ackList = AcknowledgementsReader.read(TextInput.open(acks, acks.toString(), null, null), new Values(z, List.of()));
            }
            Set<String> supplied = m.suppliedFields(OrderReader.header(in, m));
            List<String> notes = new ArrayList<>();
            // an input without its required columns is refused when read: no notes about packs before that
            if (supplied.containsAll(OrderReader.REQUIRED)) {
                settings = packsForColumns(settings, supplied, explicitPacks, notes);
            }
            return new Setup(m, z, at, settings, in, pl, terms, ackList, Set.copyOf(supplied), List.copyOf(notes), spooled);
        } catch (Exception e) {
            if (spooled != null) {
                Files.deleteIfExists(spooled);
            }
            throw e;
        }
    }

    /**
     * The settings with each pack that checks a column the input lacks switched off, unless a
     * {@code --set <pack>.enabled} named it; {@code notes} receives a line for each.
     */
    public static TriageSettings packsForColumns(TriageSettings settings, Set<String> supplied, Set<RulePack> explicitPacks,
                                                 List<String> notes) {
        for (PackNeed need : PACK_NEEDS) {
            if (!supplied.contains(need.field()) && !explicitPacks.contains(need.pack()) && settings.isEnabled(need.pack())) {
                settings = settings.withPack(need.pack(), false);
                notes.add("triage: no " + need.field() + " column: " + need.off());
            }
        }
        return settings;
    }

    TriageEngine engine(Setup s) {
        return engine(s, null);
    }

    /** The engine of this run; with {@code stats}, it counts the firings of each rule there. */
    TriageEngine engine(Setup s, RuleStats stats) {
        // A run is bound by reading the file, not by the rules (docs/performance.md, issue 11): compiling
        // the alpha network would take a core from the reader for less than it gains the classifiers.
        TriageEngine.Builder b = TriageEngine.builder()
                .clock(Clock.fixed(s.asOf(), s.zone()))
                .settings(s.settings())
                .compileAlphaNetwork(false);
        if (s.prices() != null) {
            b.priceList(s.prices());
        }
        if (s.deliveryTerms() != null) {
            b.deliveryTerms(s.deliveryTerms());
        }
        if (!s.acks().isEmpty()) {
            b.acknowledgements(s.acks());
        }
        rules.forEach(b::addRules);
        if (stats != null) {
            b.ruleStats(stats);
        }
        return b.build();
    }

    OrderReader reader(Setup s) {
        return new OrderReader(s.mapping(), new Values(s.zone(), s.mapping().dateFormats()));
    }

    /**
     * Reads the input into {@code sink}, streaming; when an order's rows are not contiguous,
     * {@code reset} is called and the input is read again holding every row.
     */
    static void readAll(OrderReader reader, Setup s, OrderReader.Sink sink, Runnable reset, LongConsumer progress)
            throws InputException {
        try {
            reader.read(s.input(), false, sink, progress);
        } catch (OrderReader.NotContiguousException e) {
            reset.run();
            try {
                reader.read(s.input(), true, sink, progress);
            } catch (OrderReader.NotContiguousException impossible) {
                throw new IllegalStateException(impossible);
            }
        }
    }

    private ZoneId zone(Mapping m) throws UsageException {
        String z = zone != null ? zone : m.zone();
        if (z == null) {
            return ZoneId.systemDefault();
        }
        try {
            return ZoneId.of(z);
        } catch (DateTimeException e) {
            throw new UsageException((zone != null ? "--zone" : "the mapping's zone") + ": unknown zone \"" + z
                    + "\"; expected a region such as Europe/Moscow or an offset such as +03:00");
        }
    }

    /**
     * An evaluation instant ({@code --as-of}, a scenario's {@code as_of}), read strictly as ISO-8601 (an
     * impossible date such as 2026-02-30 is an error, not the 28th), with a four-digit year; without an
     * offset it is read in {@code z}. {@code what} names it in the message.
     */
    public static Instant instant(String what, String asOf, ZoneId z) throws UsageException {
        String v = Values.strip(asOf);
        String impossible = null;
        Instant at = null;
        int year = 0;
        try {
            OffsetDateTime o = OffsetDateTime.parse(v);
            at = o.toInstant();
            year = o.getYear();
        } catch (DateTimeParseException e) {
            impossible = impossible(e, impossible);
            try {
                at = Instant.parse(v);
                year = at.atOffset(java.time.ZoneOffset.UTC).getYear();
            } catch (DateTimeParseException e2) {
                impossible = impossible(e2, impossible);
                try {
                    LocalDateTime l = LocalDateTime.parse(v);
                    at = l.atZone(z).toInstant();
                    year = l.getYear();
                } catch (DateTimeParseException e3) {
                    impossible = impossible(e3, impossible);
                }
            }
        }
        if (at == null && impossible != null) {
            throw new UsageException(what + ": \"" + Values.shorten(asOf) + "\": no such date or time (" + impossible
                    + "); an impossible date is rejected, never moved to a real one");
        }
        if (at == null) {
            throw new UsageException(what + ": \"" + Values.shorten(asOf) + "\" is not an ISO-8601 instant"
                    + "; expected for example 2026-03-10T12:00:00Z, 2026-03-10T15:00:00+03:00 or 2026-03-10T15:00 (read in " + z + ")");
        }
        if (year < 1 || year > 9999) {
            throw new UsageException(what + ": \"" + Values.shorten(asOf) + "\": year " + year
                    + " is out of range; expected a year from 1 to 9999");
        }
        return at;
    }

    /** What a resolve failure says is impossible ("Invalid date 'FEBRUARY 30'"), the first one found. */
    private static String impossible(DateTimeParseException e, String before) {
        if (before != null || !(e.getCause() instanceof DateTimeException c) || c.getMessage() == null
                || c.getMessage().startsWith("Unable to convert")) {
            return before;
        }
        return c.getMessage();
    }

    /** The settings with every {@code --set}; {@code explicitPacks} receives the packs a {@code --set <pack>.enabled} named. */
    private TriageSettings settings(Set<RulePack> explicitPacks) throws UsageException {
        TriageSettings s = TriageSettings.defaults();
        for (String kv : sets) {
            int eq = kv.indexOf('=');
            if (eq <= 0) {
                throw new UsageException("--set: \"" + kv + "\" is not KEY=VALUE; for example --set payment.timeout=PT45M");
            }
            String key = kv.substring(0, eq).strip();
            for (RulePack p : RulePack.values()) {
                if (key.equalsIgnoreCase(p.key() + ".enabled")) {
                    explicitPacks.add(p);
                }
            }
            if (key.equalsIgnoreCase("money.tolerance")) {
                // an amount like every other: within the model's bounds (1E+2147483647 is not a tolerance)
                try {
                    Values.decimal(kv.substring(eq + 1));
                } catch (Values.BadValue e) {
                    throw new UsageException("--set: setting money.tolerance: \"" + Values.shorten(kv.substring(eq + 1))
                            + "\": " + e.getMessage());
                }
            }
            try {
                s = s.with(kv.substring(0, eq), kv.substring(eq + 1));
            } catch (IllegalArgumentException e) {
                throw new UsageException("--set: " + e.getMessage());
            } catch (ArithmeticException | DateTimeException e) {
                // a number too large for what it sets (999999999999999999d overflows a duration)
                throw new UsageException("--set: setting " + key + ": \"" + Values.shorten(kv.substring(eq + 1))
                        + "\" is out of range (" + e.getMessage() + ")");
            }
        }
        return s;
    }

    private static Character delimiter(String d, String what) throws UsageException {
        if (d.equalsIgnoreCase("tab") || d.equals("\\t") || d.equals("\t")) {
            return '\t';
        }
        if (d.length() != 1) {
            throw new UsageException(what + ": \"" + d + "\" is not one character; expected , ; | or tab");
        }
        return d.charAt(0);
    }
}
