package io.ordertriage.internal;

import org.drools.ancompiler.CompiledNetwork;
import org.drools.ancompiler.CompiledNetworkSources;
import org.drools.ancompiler.ObjectTypeNodeCompiler;
import org.drools.core.impl.InternalRuleBase;
import org.drools.core.reteoo.AlphaNode;
import org.drools.core.reteoo.ObjectSink;
import org.drools.core.reteoo.ObjectTypeNode;
import org.drools.core.reteoo.Rete;
import org.kie.api.KieBase;
import org.kie.memorycompiler.KieMemoryCompiler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Compiles a rule base's alpha network with Drools' own alpha network compiler
 * ({@code drools-alphanetwork-compiler}): for each fact type, one generated Java class tests the
 * constraints of every rule on that type in a tree of plain {@code if}s, instead of a walk through
 * node objects (a virtual call for every node and for every one of its sinks, which the JIT cannot
 * inline). The classes are compiled in memory with the JDK's compiler when the engine is built (one
 * to two seconds).
 *
 * <p>Drools writes each node's description, which holds the constraint's DRL text, into a line
 * comment of the generated source; a constraint written over several lines (ordinary DRL) would
 * end that comment early and the source would not compile. The descriptions are put on one line
 * first, and a backslash followed by u in them is escaped (javac reads it as a Unicode escape even
 * in a comment).
 *
 * <p>What the network decides does not change: the same constraints are evaluated on the same facts.
 */
final class AlphaNetworkCompiler {
    private static final Logger LOG = LoggerFactory.getLogger(AlphaNetworkCompiler.class);
    private static final Pattern LINE_BREAKS = Pattern.compile("[\\r\\n\\u2028\\u2029]+");

    private AlphaNetworkCompiler() {
    }

    /** What happened: the fact types whose network now runs compiled, or why none does. */
    record Outcome(List<String> compiledTypes, String failure) {
        boolean compiled() {
            return failure == null;
        }
    }

    /**
     * Compiles {@code kieBase}'s alpha network in place; call it before any session of the base
     * exists. When the network cannot be compiled (no Java compiler at run time: a JRE without
     * {@code jdk.compiler}), the base keeps evaluating it node by node, which decides the same.
     */
    static Outcome compile(KieBase kieBase) {
        InternalRuleBase base = (InternalRuleBase) kieBase;
        Rete rete = base.getRete();
        try {
            Map<String, CompiledNetworkSources> networks = ObjectTypeNodeCompiler.compiledNetworkSourceMap(rete);
            if (networks.isEmpty()) {
                return new Outcome(List.of(), null);
            }
            Map<String, String> descriptions = multiLineDescriptions(rete);
            Map<String, String> sources = new LinkedHashMap<>();
            networks.forEach((name, network) -> sources.put(name, oneLine(network.getSource(), descriptions)));
            Map<String, Class<?>> classes = KieMemoryCompiler.compile(sources, base.getRootClassLoader());
            for (CompiledNetworkSources network : networks.values()) {
                network.createInstanceAndSet(classes.get(network.getName()));
            }
            List<String> types = rete.getObjectTypeNodes().stream()
                    .filter(otn -> otn.getObjectSinkPropagator() instanceof CompiledNetwork)
                    .map(otn -> otn.getObjectType().getClassName())
                    .sorted()
                    .toList();
            return new Outcome(types, null);
        } catch (RuntimeException | LinkageError e) {
            return new Outcome(List.of(), e.toString());
        }
    }

    /**
     * Each node description with a line break or a backslash-u in it, and what to write in the
     * source instead.
     */
    static Map<String, String> multiLineDescriptions(Rete rete) {
        Map<String, String> out = new HashMap<>();
        for (ObjectTypeNode otn : rete.getObjectTypeNodes()) {
            collect(otn.getObjectSinkPropagator().getSinks(), out);
        }
        return out;
    }

    private static void collect(ObjectSink[] sinks, Map<String, String> out) {
        for (ObjectSink sink : sinks) {
            String text = sink.toString();
            String safe = commentSafe(text);
            if (!safe.equals(text)) {
                out.put(text, safe);
            }
            if (sink instanceof AlphaNode alpha) {
                collect(alpha.getObjectSinkPropagator().getSinks(), out);
            }
        }
    }

    /** {@code text} as it may stand in a Java line comment: on one line, with no Unicode escape. */
    static String commentSafe(String text) {
        return LINE_BREAKS.matcher(text).replaceAll(" ").replace("\\u", "\\\\u");
    }

    static String oneLine(String source, Map<String, String> descriptions) {
        String out = source;
        for (Map.Entry<String, String> d : descriptions.entrySet()) {
            out = out.replace(d.getKey(), d.getValue());
        }
        return out;
    }

    static void log(Outcome outcome, long startNanos) {
        if (outcome.compiled()) {
            LOG.info("Alpha network compiled for {} fact types in {} ms", outcome.compiledTypes().size(),
                    (System.nanoTime() - startNanos) / 1_000_000);
        } else {
            LOG.warn("The alpha network could not be compiled, so the rules run uncompiled (same results, slower): {}."
                    + " Compiling it needs a Java compiler at run time (a JDK, or a runtime with the jdk.compiler"
                    + " module).", outcome.failure());
        }
    }
}
