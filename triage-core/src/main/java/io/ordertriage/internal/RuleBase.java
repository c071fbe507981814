package io.ordertriage.internal;

import io.ordertriage.RuleCompilationException;
import io.ordertriage.RuleInfo;
import io.ordertriage.RuleProblem;
import io.ordertriage.TriageException;
import org.drools.compiler.compiler.DescrBuildError;
import org.drools.drl.ast.descr.PackageDescr;
import org.drools.drl.ast.descr.RuleDescr;
import org.drools.drl.parser.DrlParser;
import org.drools.drl.parser.DroolsParserException;
import org.kie.api.KieBase;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Rule;
import org.drools.model.Model;
import org.drools.modelcompiler.KieBaseBuilder;
import org.kie.api.KieBaseConfiguration;
import org.kie.api.KieServices;
import org.kie.api.conf.EqualityBehaviorOption;
import org.kie.api.builder.Message;
import org.kie.api.io.ResourceType;
import org.kie.internal.builder.KnowledgeBuilder;
import org.kie.internal.builder.KnowledgeBuilderConfiguration;
import org.kie.internal.builder.KnowledgeBuilderError;
import org.kie.internal.builder.KnowledgeBuilderFactory;
import org.kie.internal.io.ResourceFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The compiled rules an engine runs: the default rules, pre-built to the executable model by the
 * {@code triage-rules} kjar, or, when extra rule files are given, the default rules' sources and
 * the extra files compiled together at run time by the classic compiler (compiling only the extras
 * into a separate base would lose the default rules; mixing both builders in one base is not public
 * API).
 */
public final class RuleBase {
    private static final Logger LOG = LoggerFactory.getLogger(RuleBase.class);

    /** Lists the default rules' DRL resources, one per line; written next to them in {@code triage-rules}. */
    public static final String DEFAULT_RULES_INDEX = "io/ordertriage/rules/default-rules.txt";

    private final KieBase kieBase;
    private final String origin;
    /** Makes a new base of the same rules, not shared with anyone, that packages can be removed from. */
    private final Supplier<KieBase> freshBase;
    private final ClassLoader classLoader;
    private final List<Path> extraLocations;

    private RuleBase(KieBase kieBase, String origin, Supplier<KieBase> freshBase, ClassLoader classLoader,
                     List<Path> extraLocations) {
        this.kieBase = kieBase;
        this.origin = origin;
        this.freshBase = freshBase;
        this.classLoader = classLoader;
        this.extraLocations = List.copyOf(extraLocations);
    }

    /**
     * Every rule of this base with the DRL it is written in, by source then line. The sources are
     * parsed again for their line numbers (a pre-built rule carries none), so this takes a moment:
     * for tools, not for classifying.
     */
    public List<RuleInfo> describe() {
        Map<String, RuleInfo> written = new HashMap<>();
        List<Path> extras = ruleFiles(extraLocations);
        for (String resource : defaultRuleResources(classLoader)) {
            if (replacement(resource, extras) == null) {
                locate(resource, readResource(classLoader, resource), false, written);
            }
        }
        for (Path file : extras) {
            locate(file.toString(), readFile(file), true, written);
        }
        List<RuleInfo> out = new ArrayList<>();
        for (KiePackage p : kieBase.getKiePackages()) {
            for (Rule r : p.getRules()) {
                RuleInfo found = written.get(p.getName() + '\0' + r.getName());
                out.add(found != null ? found : new RuleInfo(p.getName(), r.getName(), "", 0, !isDefault(p.getName())));
            }
        }
        out.sort(Comparator.comparing(RuleInfo::extra).thenComparing(RuleInfo::source).thenComparingInt(RuleInfo::line)
                .thenComparing(RuleInfo::name));
        return List.copyOf(out);
    }

    private static boolean isDefault(String packageName) {
        return packageName.startsWith(io.ordertriage.RulePack.BASE_PACKAGE + ".");
    }

    /**
     * Adds where each rule of one source is written (a decision table's rule: its row); a source
     * that does not parse adds nothing (it compiled, so it parses).
     */
    private static void locate(String source, byte[] content, boolean extra, Map<String, RuleInfo> into) {
        DecisionTables.Compiled table = DecisionTables.isTable(source) ? DecisionTables.compile(source, content) : null;
        if (table != null && table.drl() == null) {
            return;
        }
        try {
            PackageDescr pkg = new DrlParser().parse(false, table != null ? table.drl() : new String(content, StandardCharsets.UTF_8));
            if (pkg == null) {
                return;
            }
            for (RuleDescr r : pkg.getRules()) {
                int line = Math.max(r.getLine(), 0);
                if (table != null) {
                    line = table.locate(line, "").line();
                }
                into.put(pkg.getName() + '\0' + r.getName(), new RuleInfo(pkg.getName(), r.getName(), source, line, extra));
            }
        } catch (DroolsParserException e) {
            LOG.debug("cannot parse {} for its rules' lines: {}", source, e.getMessage());
        }
    }

    /**
     * These rules without the given packages (a switched-off pack's rules are then not even
     * matched, which an agenda filter would still do): a new base of its own, or this one when it
     * has none of them.
     */
    public RuleBase withoutPackages(Set<String> packages) {
        if (packages.stream().noneMatch(p -> kieBase.getKiePackage(p) != null)) {
            return this;
        }
        KieBase own = freshBase.get();
        for (String p : packages) {
            if (own.getKiePackage(p) != null) {
                own.removeKiePackage(p);
            }
        }
        return new RuleBase(own, origin, freshBase, classLoader, extraLocations);
    }

    /**
     * A new base of the same rules (the same packages removed), not shared with anyone: one whose
     * alpha network can be compiled while sessions of this one run.
     */
    public RuleBase copy() {
        KieBase own = freshBase.get();
        Set<String> kept = new HashSet<>();
        kieBase.getKiePackages().forEach(p -> kept.add(p.getName()));
        for (KiePackage p : List.copyOf(own.getKiePackages())) {
            if (!kept.contains(p.getName())) {
                own.removeKiePackage(p.getName());
            }
        }
        return new RuleBase(own, origin, freshBase, classLoader, extraLocations);
    }

    /** What compiling a base's alpha network did: see {@link #compileAlphaNetwork()}. */
    public record CompiledAlphaNetwork(List<String> factTypes, int directConstraints) {
    }

    /**
     * Compiles this base's alpha network into Java classes, in place (see {@link AlphaNetworkCompiler}):
     * call it before any session of the base exists. Returns the fact types whose network now runs
     * compiled and how many constraints it calls directly; none when it could not be compiled
     * (logged as a warning: the rules then run uncompiled and decide the same).
     */
    public CompiledAlphaNetwork compileAlphaNetwork() {
        long start = System.nanoTime();
        AlphaNetworkCompiler.Outcome outcome = AlphaNetworkCompiler.compile(kieBase);
        AlphaNetworkCompiler.log(outcome, start);
        return new CompiledAlphaNetwork(outcome.compiledTypes(), outcome.directConstraints());
    }

    /** True when the base holds rules of {@code packageName}. */
    public boolean hasPackage(String packageName) {
        return kieBase.getKiePackage(packageName) != null;
    }

    public KieBase kieBase() {
        return kieBase;
    }

    /** Which rules these are and why: the executable model, or compiled at run time with extra rules. */
    public String origin() {
        return origin;
    }

    public int ruleCount() {
        return kieBase.getKiePackages().stream().mapToInt(p -> p.getRules().size()).sum();
    }

    public static RuleBase load(ClassLoader classLoader, List<Path> extraLocations) {
        long start = System.nanoTime();
        RuleBase rb = extraLocations.isEmpty()
                ? loadPrebuilt(classLoader)
                : compile(classLoader, extraLocations);
        LOG.info("Rule base ready ({}): {} rules in {} ms", rb.origin, rb.ruleCount(),
                (System.nanoTime() - start) / 1_000_000);
        return rb;
    }

    /**
     * The index the kie-maven-plugin writes beside the executable model: the model's classes, one a
     * line, under the rules jar's own coordinates (io.ordertriage:triage-rules).
     */
    public static final String MODEL_INDEX = "META-INF/kie/io.ordertriage/triage-rules/drools-model";

    /**
     * The pre-built rules, straight from the executable model's classes named in {@link #MODEL_INDEX}.
     * Not through a classpath KieContainer: that one takes the rule module's coordinates from the first
     * {@code pom.properties} beside a {@code kmodule.xml}, which in a shaded jar or a Spring Boot jar is
     * often the application's own, and then quietly compiles the rules' DRL instead (about twice the
     * start-up). Reading the index by the library's own coordinates works in every packaging that
     * keeps resources, and needs no kmodule.xml parsing.
     */
    private static RuleBase loadPrebuilt(ClassLoader classLoader) {
        List<Model> models = new ArrayList<>();
        byte[] index;
        try (InputStream in = classLoader.getResourceAsStream(MODEL_INDEX)) {
            if (in == null) {
                throw new TriageException("The default rules are not on the class path: no " + MODEL_INDEX
                        + " (the pre-built rules' index). Add the io.ordertriage:triage-rules artifact to the class path"
                        + " and keep its META-INF/kie resources when repackaging.");
            }
            index = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + MODEL_INDEX, e);
        }
        for (String line : new String(index, StandardCharsets.UTF_8).lines().map(String::strip).toList()) {
            if (line.isEmpty() || line.startsWith("Drools-Model-Version")) {
                continue;
            }
            try {
                models.add((Model) Class.forName(line, true, classLoader).getDeclaredConstructor().newInstance());
            } catch (ReflectiveOperationException | LinkageError | ClassCastException e) {
                throw new TriageException("The pre-built rules are incomplete: class " + line + " named in " + MODEL_INDEX
                        + " cannot be loaded (" + e + "). Rebuild io.ordertriage:triage-rules, or keep all of its classes"
                        + " when repackaging.", e);
            }
        }
        if (models.isEmpty()) {
            throw new TriageException("The pre-built rules are empty: " + MODEL_INDEX + " names no model class");
        }
        List<Model> all = List.copyOf(models);
        Supplier<KieBase> fresh = () -> {
            try {
                KieServices services = KieServices.get();
                if (services == null) {
                    throw new IllegalStateException("no KieServices implementation found");
                }
                KieBaseConfiguration conf = services.newKieBaseConfiguration(null, classLoader);
                conf.setOption(EqualityBehaviorOption.IDENTITY);   // as the kmodule.xml's kbase says
                return KieBaseBuilder.createKieBaseFromModel(all, conf);
            } catch (RuntimeException | LinkageError e) {
                throw new TriageException("Drools could not build the rule base from the pre-built rules: " + e
                        + ". When the library is repackaged into one jar, its META-INF/services files must be merged"
                        + " (maven-shade-plugin: ServicesResourceTransformer; docs/embedding.md, Packaging).", e);
            }
        };
        // Every base built here, the first or a later one with switched-off packs, evaluates its
        // alpha constraints the same way (through the pattern declaration's extractor): no base is
        // built and dropped to even them out, as was needed when they came from a KieContainer (docs/performance.md).
        return new RuleBase(fresh.get(), "executable model: the pre-built rules of io.ordertriage:triage-rules", fresh, classLoader,
                List.of());
    }

    private static RuleBase compile(ClassLoader classLoader, List<Path> extraLocations) {
        KnowledgeBuilderConfiguration conf = KnowledgeBuilderFactory.newKnowledgeBuilderConfiguration(null, classLoader);
        KnowledgeBuilder builder = KnowledgeBuilderFactory.newKnowledgeBuilder(conf);
        List<RuleProblem> problems = new ArrayList<>();
        List<Path> extras = ruleFiles(extraLocations);
        for (String resource : defaultRuleResources(classLoader)) {
            Path replacing = replacement(resource, extras);
            if (replacing == null) {
                add(builder, resource, readResource(classLoader, resource), problems);
            } else {
                LOG.info("Extra rule file {} replaces the default rules' {}", replacing, resource);
            }
        }
        for (Path file : extras) {
            add(builder, file.toString(), readFile(file), problems);
        }
        if (!problems.isEmpty()) {
            throw new RuleCompilationException(problems);
        }
        return new RuleBase(builder.newKieBase(), "compiled at run time: the default rules' sources with "
                + extras.size() + " extra rule files", builder::newKieBase, classLoader, extraLocations);
    }

    /**
     * The extra rule file that replaces a default rule resource: one with the same file name (an
     * edited copy of the default table {@code normal-combinations.drl.csv}, say), or null.
     */
    static Path replacement(String defaultResource, List<Path> extras) {
        String name = defaultResource.substring(defaultResource.lastIndexOf('/') + 1);
        for (Path p : extras) {
            if (p.getFileName().toString().equals(name)) {
                return p;
            }
        }
        return null;
    }

    /**
     * Adds one source (DRL, or a decision table as the DRL made from it), collecting its problems.
     * Sources are added one at a time so that each problem is attributed to the file it is in; a
     * table's problems name its row and cell, not the generated DRL's lines.
     */
    private static void add(KnowledgeBuilder builder, String name, byte[] content, List<RuleProblem> problems) {
        DecisionTables.Compiled table = null;
        byte[] drl = content;
        if (DecisionTables.isTable(name)) {
            table = DecisionTables.compile(name, content);
            if (table.problem() != null) {
                problems.add(table.problem());
                return;
            }
            drl = table.drl().getBytes(StandardCharsets.UTF_8);
        }
        try {
            builder.add(ResourceFactory.newByteArrayResource(drl).setSourcePath(name), ResourceType.DRL);
        } catch (RuntimeException e) {
            // a Drools failure that is not a compilation error (a broken wiring in a repackaged jar, say):
            // reported as this file's problem rather than thrown bare
            problems.add(new RuleProblem(name, 0, 0, "Drools could not compile this file: " + e
                    + (e.getMessage() != null && e.getMessage().contains("wiring") ? "; when the library is repackaged,"
                    + " merge META-INF/services files (maven-shade-plugin's ServicesResourceTransformer)" : "")));
            return;
        }
        if (!builder.hasErrors()) {
            return;
        }
        List<String> source = new String(drl, StandardCharsets.UTF_8).lines().toList();
        List<RuleProblem> found = new ArrayList<>();
        for (KnowledgeBuilderError e : builder.getErrors()) {
            Message m = e.asMessage(0);   // the public Message form carries the column
            String file = e.getResource() != null && e.getResource().getSourcePath() != null
                    ? e.getResource().getSourcePath() : name;
            String text = oneLine(e.getMessage());
            int line = Math.max(m.getLine(), 0);
            if (line == 0 && e instanceof DescrBuildError d && d.getParentDescr() != null) {
                line = Math.max(d.getParentDescr().getLine(), 0);   // a constraint's error: the rule it is in
            }
            found.add(table != null ? table.locate(line, text)
                    : new RuleProblem(file, line, column(source, line, m.getColumn(), text), text));
        }
        if (table != null) {
            // a faulty template or import shows once per row; it is one problem of one cell
            Set<String> seen = new java.util.HashSet<>();
            found.removeIf(p -> !seen.add(p.line() + ":" + p.column()));
            // and a bad import is reported at its cell, not again in every rule that could not compile for it
            for (RuleProblem p : List.copyOf(found)) {
                Matcher bad = BAD_IMPORT.matcher(p.message());
                if (bad.find()) {
                    found.removeIf(q -> q != p && q.message().contains(bad.group(1)));
                }
            }
        }
        // "Parser returned a null Package" only repeats that the file did not parse
        if (found.stream().anyMatch(p -> p.line() > 0)) {
            found.removeIf(p -> p.line() == 0 && p.message().contains("null Package"));
        }
        problems.addAll(found);
        builder.undo();
    }

    private static final Pattern BAD_IMPORT = Pattern.compile("Error importing : '([^']+)'");
    private static final Pattern ANALYSED_EXPRESSION = Pattern.compile("Unable to Analyse Expression (.+?):");

    /**
     * A 1-based column. Drools reports parser columns 0-based, and none for a constraint it cannot
     * analyse; then the column of the expression the message names, or of the line's first
     * non-blank character, is the most useful place for an editor to jump to.
     */
    static int column(List<String> source, int line, int droolsColumn, String message) {
        if (line < 1 || line > source.size()) {
            return 0;
        }
        String text = source.get(line - 1);
        if (droolsColumn > 0) {
            return droolsColumn + 1;
        }
        Matcher m = ANALYSED_EXPRESSION.matcher(message);
        if (m.find()) {
            int at = text.indexOf(m.group(1).strip());
            if (at >= 0) {
                return at + 1;
            }
        }
        if (droolsColumn == 0 && message.contains("Line " + line + ":0")) {
            return 1;
        }
        int first = 0;
        while (first < text.length() && Character.isWhitespace(text.charAt(first))) {
            first++;
        }
        return first + 1;
    }

    private static String oneLine(String message) {
        return message == null ? "(no message)" : message.strip().replaceAll("\\s*\\R\\s*", " ");
    }

    static List<String> defaultRuleResources(ClassLoader classLoader) {
        byte[] index = readResource(classLoader, DEFAULT_RULES_INDEX);
        return new String(index, StandardCharsets.UTF_8).lines()
                .map(String::strip)
                .filter(l -> !l.isEmpty() && !l.startsWith("#"))
                .toList();
    }

    private static byte[] readResource(ClassLoader classLoader, String resource) {
        try (InputStream in = classLoader.getResourceAsStream(resource)) {
            if (in == null) {
                throw new TriageException("The default rules are not on the class path: resource " + resource
                        + " not found. Add the io.ordertriage:triage-rules artifact to the class path.");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }

    private static byte[] readFile(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new TriageException("Cannot read rule file " + file + ": " + e, e);
        }
    }

    /** True for the names of rule files: DRL ({@code .drl}) and decision tables ({@code .drl.csv}). */
    public static boolean isRuleFile(String name) {
        return name.endsWith(".drl") || DecisionTables.isTable(name);
    }

    /**
     * The rule files (.drl, and decision tables .drl.csv) of each location (a file, or a directory
     * searched at any depth), in a stable order.
     */
    public static List<Path> ruleFiles(List<Path> locations) {
        List<Path> files = new ArrayList<>();
        for (Path location : locations) {
            if (!Files.exists(location)) {
                throw new TriageException("Rule location " + location + " does not exist; expected a .drl or .drl.csv file or a directory of them");
            }
            if (Files.isDirectory(location)) {
                try (Stream<Path> walk = Files.walk(location)) {
                    List<Path> found = walk.filter(p -> isRuleFile(p.getFileName().toString()) && Files.isRegularFile(p))
                            .sorted(Comparator.comparing(Path::toString))
                            .toList();
                    if (found.isEmpty()) {
                        throw new TriageException("Rule directory " + location + " contains no rule files (.drl, or decision tables .drl.csv)");
                    }
                    files.addAll(found);
                } catch (NoSuchFileException e) {
                    throw new TriageException("Rule location " + location + " does not exist", e);
                } catch (IOException e) {
                    throw new TriageException("Cannot list rule directory " + location + ": " + e, e);
                }
            } else if (isRuleFile(location.getFileName().toString())) {
                files.add(location);
            } else if (location.getFileName().toString().matches("(?i).*\\.xlsx?$")) {
                throw new TriageException("Rule file " + location + " is a spreadsheet; decision tables are read as CSV: save it as "
                        + "CSV with a name ending in .drl.csv");
            } else {
                throw new TriageException("Rule file " + location + " is neither a .drl file nor a decision table (.drl.csv)");
            }
        }
        return files;
    }
}
