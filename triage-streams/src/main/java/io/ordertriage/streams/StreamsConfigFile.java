package io.ordertriage.streams;

import io.ordertriage.TriageEngine;
import io.ordertriage.TriageSettings;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * The runnable's configuration, one properties file: Kafka Streams' own keys
 * ({@code bootstrap.servers}, {@code application.id}, {@code num.stream.threads} …) passed through,
 * and the keys of {@code triage.}:
 *
 * <pre>
 * triage.input.topic        order snapshots (required)
 * triage.output.topic       triage results (required)
 * triage.dead.letter.topic  unreadable records (required)
 * triage.tick               how often open orders are classified again (default PT1M; 30s, 1m also read)
 * triage.zone               zone for date-times without an offset (default UTC)
 * triage.rules              extra rule directories or files, comma-separated
 * triage.set.KEY            a setting, as the CLI's --set KEY=VALUE (triage.set.payment.timeout=PT45M)
 * triage.connect.timeout    how long the broker has to answer at start (default PT15S)
 * </pre>
 */
public record StreamsConfigFile(Properties kafka, TriageTopology.Settings topology, List<Path> rules, TriageSettings settings,
                                Duration connectTimeout) {

    /** A configuration that cannot be used: which key, which value, what would do. */
    public static final class BadConfig extends Exception {
        public BadConfig(String message) {
            super(message, null, false, false);
        }
    }

    public static StreamsConfigFile load(Path file) throws BadConfig {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (NoSuchFileException e) {
            throw new BadConfig(file + ": no such file; expected a properties file (docs/streams.md)");
        } catch (IOException | IllegalArgumentException e) {
            throw new BadConfig(file + ": cannot read it as a properties file: " + e.getMessage());
        }
        return of(p, file.toString());
    }

    public static StreamsConfigFile of(Properties p, String source) throws BadConfig {
        for (String key : List.of("bootstrap.servers", "application.id")) {
            if (blank(p.getProperty(key))) {
                throw new BadConfig(source + ": " + key + " is missing; Kafka Streams needs it (docs/streams.md)");
            }
        }
        String input = required(p, "triage.input.topic", source);
        String output = required(p, "triage.output.topic", source);
        String deadLetter = required(p, "triage.dead.letter.topic", source);
        Duration tick = duration("triage.tick", p.getProperty("triage.tick", "PT1M").strip(), source);
        Duration connect = duration("triage.connect.timeout", p.getProperty("triage.connect.timeout", "PT15S").strip(), source);
        ZoneId zone;
        String z = p.getProperty("triage.zone", "UTC").strip();
        try {
            zone = ZoneId.of(z);
        } catch (DateTimeException e) {
            throw new BadConfig(source + ": triage.zone \"" + z + "\": unknown zone; expected a region such as Europe/Moscow or an offset such as +03:00");
        }
        List<Path> rules = new ArrayList<>();
        String r = p.getProperty("triage.rules", "");
        for (String part : r.split(",")) {
            if (!part.isBlank()) {
                rules.add(Path.of(part.strip()));
            }
        }
        TriageSettings settings = TriageSettings.defaults();
        Properties kafka = new Properties();
        for (String key : p.stringPropertyNames()) {
            String value = p.getProperty(key);
            if (key.startsWith("triage.set.")) {
                try {
                    settings = settings.with(key.substring("triage.set.".length()), value.strip());
                } catch (IllegalArgumentException | ArithmeticException | DateTimeException e) {
                    throw new BadConfig(source + ": " + key + ": " + e.getMessage());
                }
            } else if (key.startsWith("triage.")) {
                if (!List.of("triage.input.topic", "triage.output.topic", "triage.dead.letter.topic", "triage.tick",
                        "triage.zone", "triage.rules", "triage.connect.timeout").contains(key)) {
                    throw new BadConfig(source + ": unknown key " + key + "; expected triage.input.topic, triage.output.topic, "
                            + "triage.dead.letter.topic, triage.tick, triage.zone, triage.rules, triage.connect.timeout "
                            + "or triage.set.<setting>");
                }
            } else {
                kafka.setProperty(key, value);
            }
        }
        try {
            return new StreamsConfigFile(kafka, new TriageTopology.Settings(input, output, deadLetter, tick, zone), List.copyOf(rules),
                    settings, connect);
        } catch (IllegalArgumentException e) {
            throw new BadConfig(source + ": " + e.getMessage());
        }
    }

    /**
     * The engine this configuration describes: the default rules, the extra ones, the settings; its
     * alpha network compiled, as suits a process that runs for long (one to two seconds more at start).
     */
    public TriageEngine engine() {
        TriageEngine.Builder b = TriageEngine.builder().settings(settings).compileAlphaNetwork(true);
        rules.forEach(b::addRules);
        return b.build();
    }

    private static String required(Properties p, String key, String source) throws BadConfig {
        String v = p.getProperty(key);
        if (blank(v)) {
            throw new BadConfig(source + ": " + key + " is missing; name the topic (docs/streams.md)");
        }
        return v.strip();
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static Duration duration(String key, String s, String source) throws BadConfig {
        try {
            Duration d;
            if (s.matches("\\d+[smh]")) {
                long n = Long.parseLong(s.substring(0, s.length() - 1));
                d = switch (s.charAt(s.length() - 1)) {
                    case 's' -> Duration.ofSeconds(n);
                    case 'm' -> Duration.ofMinutes(n);
                    default -> Duration.ofHours(n);
                };
            } else {
                d = Duration.parse(s);
            }
            if (!d.isNegative() && !d.isZero()) {
                return d;
            }
        } catch (DateTimeParseException | ArithmeticException | NumberFormatException e) {
            // said below
        }
        throw new BadConfig(source + ": " + key + " \"" + s + "\": expected a positive duration such as PT1M, 30s or 1m");
    }
}
