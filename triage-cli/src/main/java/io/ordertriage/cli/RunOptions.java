package io.ordertriage.cli;

import io.ordertriage.RulePack;
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
        Instant at = asOf(z);
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
            Set<String> supplied = m.suppliedFields(OrderReader.header(in));
            List<String> notes = new ArrayList<>();
            // an input without its required columns is refused when read: no notes about packs before that
            if (supplied.containsAll(OrderReader.REQUIRED)) {
                for (PackNeed need : PACK_NEEDS) {
                    if (!supplied.contains(need.field()) && !explicitPacks.contains(need.pack()) && settings.isEnabled(need.pack())) {
                        settings = settings.withPack(need.pack(), false);
                        notes.add("triage: no " + need.field() + " column: " + need.off());
                    }
                }
            }
            return new Setup(m, z, at, settings, in, pl, terms, ackList, Set.copyOf(supplied), List.copyOf(notes), spooled);
        } catch (Exception e) {
            if (spooled != null) {
                Files.deleteIfExists(spooled);
            }
            throw e;
        }
    }

    TriageEngine engine(Setup s) {
        TriageEngine.Builder b = TriageEngine.builder()
                .clock(Clock.fixed(s.asOf(), s.zone()))
                .settings(s.settings());
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

    private Instant asOf(ZoneId z) throws UsageException {
        if (asOf == null) {
            return Instant.now();
        }
        try {
            return OffsetDateTime.parse(asOf).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return Instant.parse(asOf);
            } catch (DateTimeParseException e2) {
                try {
                    return LocalDateTime.parse(asOf).atZone(z).toInstant();
                } catch (DateTimeParseException e3) {
                    throw new UsageException("--as-of: \"" + asOf + "\" is not an ISO-8601 instant; expected for example "
                            + "2026-03-10T12:00:00Z, 2026-03-10T15:00:00+03:00 or 2026-03-10T15:00 (read in --zone)");
                }
            }
        }
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
            try {
                s = s.with(kv.substring(0, eq), kv.substring(eq + 1));
            } catch (IllegalArgumentException e) {
                throw new UsageException("--set: " + e.getMessage());
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
