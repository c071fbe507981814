package io.ordertriage.cli.scenario;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@code triage rules test PATH...}: runs scenario files and reports like a test runner, one line
 * per scenario and, for a failure, what was expected against what came and which rules fired.
 */
public final class ScenarioTests {
    /** Every scenario passed. */
    public static final int PASSED = 0;
    /** At least one scenario failed. */
    public static final int FAILED = 1;
    /** At least one scenario file is malformed (and could not run). */
    public static final int MALFORMED = 2;

    private ScenarioTests() {
    }

    /** A file's scenarios, or why it could not be read or run. */
    private record FileResult(String file, List<ScenarioRunner.Outcome> outcomes, List<Yaml.Malformed> errors) {
    }

    /**
     * Runs every scenario file of {@code paths} (files, or directories searched for *.yaml and *.yml).
     *
     * @return {@link #PASSED}, {@link #FAILED} or {@link #MALFORMED}
     */
    public static int run(List<Path> paths, Path junit, PrintWriter out) throws IOException {
        long start = System.nanoTime();
        List<Path> files = new ArrayList<>();
        List<FileResult> results = new ArrayList<>();
        for (Path p : paths) {
            if (Files.isDirectory(p)) {
                try (Stream<Path> s = Files.walk(p)) {
                    List<Path> found = s.filter(f -> Files.isRegularFile(f) && isScenarioFile(f))
                            .sorted(Comparator.comparing(Path::toString)).toList();
                    if (found.isEmpty()) {
                        results.add(new FileResult(p.toString(), List.of(), List.of(
                                new Yaml.Malformed(p.toString(), 0, "no scenario files (*.yaml, *.yml) in this directory"))));
                    }
                    files.addAll(found);
                }
            } else if (Files.isRegularFile(p)) {
                files.add(p);
            } else {
                results.add(new FileResult(p.toString(), List.of(), List.of(
                        new Yaml.Malformed(p.toString(), 0, "no such file or directory"))));
            }
        }
        Map<ScenarioRunner.EngineKey, ScenarioRunner.Built> engines = new java.util.HashMap<>();
        for (Path f : files) {
            results.add(runFile(f, out, engines));
        }
        int passed = 0;
        int failed = 0;
        int malformed = 0;
        for (FileResult r : results) {
            for (ScenarioRunner.Outcome o : r.outcomes()) {
                if (o.status() == ScenarioRunner.Status.PASS) {
                    passed++;
                } else {
                    failed++;
                }
            }
            malformed += r.errors().size();
        }
        out.printf(Locale.ROOT, "%d scenario%s in %d file%s: %d passed, %d failed%s (%.1f s)%n",
                passed + failed, passed + failed == 1 ? "" : "s", files.size(), files.size() == 1 ? "" : "s", passed, failed,
                malformed > 0 ? ", " + malformed + " malformed" : "", (System.nanoTime() - start) / 1e9);
        out.flush();
        if (junit != null) {
            writeJunit(junit, results);
        }
        return malformed > 0 ? MALFORMED : failed > 0 ? FAILED : PASSED;
    }

    private static boolean isScenarioFile(Path f) {
        String n = f.getFileName().toString().toLowerCase(Locale.ROOT);
        return n.endsWith(".yaml") || n.endsWith(".yml");
    }

    private static FileResult runFile(Path f, PrintWriter out, Map<ScenarioRunner.EngineKey, ScenarioRunner.Built> engines)
            throws IOException {
        String display = f.toString();
        List<Scenario> scenarios;
        try {
            scenarios = ScenarioFile.read(f, display);
        } catch (Yaml.Malformed e) {
            out.println("ERROR " + e.getMessage());
            out.flush();
            return new FileResult(display, List.of(), List.of(e));
        }
        List<ScenarioRunner.Outcome> outcomes = new ArrayList<>();
        List<Yaml.Malformed> errors = new ArrayList<>();
        for (Scenario s : scenarios) {
            try {
                ScenarioRunner.Outcome o = ScenarioRunner.run(s, engines);
                outcomes.add(o);
                out.println((o.status() == ScenarioRunner.Status.PASS ? "PASS  " : "FAIL  ") + s.file() + ":" + s.line()
                        + "  " + s.name());
                for (String d : o.details()) {
                    out.println("      " + d);
                }
            } catch (Yaml.Malformed e) {
                errors.add(e);
                out.println("ERROR " + e.getMessage());
            }
            out.flush();
        }
        return new FileResult(display, outcomes, errors);
    }

    /** A JUnit XML report: one testsuite per file, one testcase per scenario, an error per malformed part. */
    private static void writeJunit(Path file, List<FileResult> results) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try (OutputStream os = Files.newOutputStream(file)) {
            XMLStreamWriter x = XMLOutputFactory.newFactory().createXMLStreamWriter(os, "UTF-8");
            x.writeStartDocument("UTF-8", "1.0");
            x.writeCharacters("\n");
            x.writeStartElement("testsuites");
            x.writeAttribute("name", "triage rules test");
            for (FileResult r : results) {
                long failures = r.outcomes().stream().filter(o -> o.status() == ScenarioRunner.Status.FAIL).count();
                double seconds = r.outcomes().stream().mapToLong(ScenarioRunner.Outcome::nanos).sum() / 1e9;
                x.writeCharacters("\n  ");
                x.writeStartElement("testsuite");
                Map<String, String> attrs = new LinkedHashMap<>();
                attrs.put("name", r.file());
                attrs.put("tests", String.valueOf(r.outcomes().size() + r.errors().size()));
                attrs.put("failures", String.valueOf(failures));
                attrs.put("errors", String.valueOf(r.errors().size()));
                attrs.put("time", String.format(Locale.ROOT, "%.3f", seconds));
                for (Map.Entry<String, String> a : attrs.entrySet()) {
                    x.writeAttribute(a.getKey(), a.getValue());
                }
                for (ScenarioRunner.Outcome o : r.outcomes()) {
                    x.writeCharacters("\n    ");
                    x.writeStartElement("testcase");
                    x.writeAttribute("classname", r.file());
                    x.writeAttribute("name", o.scenario().name());
                    x.writeAttribute("file", r.file());
                    x.writeAttribute("line", String.valueOf(o.scenario().line()));
                    x.writeAttribute("time", String.format(Locale.ROOT, "%.3f", o.nanos() / 1e9));
                    if (o.status() == ScenarioRunner.Status.FAIL) {
                        x.writeStartElement("failure");
                        x.writeAttribute("message", o.details().get(0));
                        x.writeCharacters(String.join("\n", o.details()));
                        x.writeEndElement();
                    }
                    x.writeEndElement();
                }
                for (Yaml.Malformed e : r.errors()) {
                    x.writeCharacters("\n    ");
                    x.writeStartElement("testcase");
                    x.writeAttribute("classname", r.file());
                    x.writeAttribute("name", "malformed" + (e.line > 0 ? " (line " + e.line + ")" : ""));
                    x.writeAttribute("file", e.file);
                    x.writeStartElement("error");
                    x.writeAttribute("message", e.getMessage().lines().findFirst().orElse(""));
                    x.writeCharacters(e.getMessage());
                    x.writeEndElement();
                    x.writeEndElement();
                }
                x.writeCharacters("\n  ");
                x.writeEndElement();
            }
            x.writeCharacters("\n");
            x.writeEndElement();
            x.writeCharacters("\n");
            x.writeEndDocument();
            x.close();
        } catch (XMLStreamException e) {
            throw new IOException("cannot write the JUnit report " + file + ": " + e.getMessage(), e);
        }
    }
}
