package io.ordertriage.internal;

import org.drools.ancompiler.CompiledNetwork;
import org.drools.ancompiler.CompiledNetworkSources;
import org.drools.ancompiler.ObjectTypeNodeCompiler;
import org.drools.core.impl.InternalRuleBase;
import org.drools.core.reteoo.AlphaNode;
import org.drools.core.reteoo.ObjectSink;
import org.drools.core.reteoo.ObjectTypeNode;
import org.drools.core.reteoo.Rete;
import org.drools.model.SingleConstraint;
import org.drools.model.functions.Predicate1;
import org.drools.modelcompiler.constraints.LambdaConstraint;
import org.kie.api.KieBase;
import org.kie.memorycompiler.KieMemoryCompiler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
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
 * <p>The generated class still tests each constraint through {@code LambdaConstraint.isAllowed},
 * which ends in one interface call shared by every constraint of the base: the processor predicts
 * its target worse the more constraint classes pass through it, and it was most of what part two
 * of the rulebook cost (docs/performance.md, fifth round). So each constraint that the executable
 * model compiled to a lambda on the pattern's fact alone (every alpha constraint of the default
 * rules) is called on its own class instead ({@link Rewrites#apply}), a call the JIT can inline.
 * An exception such a constraint throws then reaches the caller as it is (or wrapped in a
 * {@code RuntimeException} when checked) rather than wrapped by Drools. Constraints of rules
 * compiled at run time (extra rules) keep the generic call.
 *
 * <p>What the network decides does not change: the same constraints are evaluated on the same facts.
 */
final class AlphaNetworkCompiler {
    private static final Logger LOG = LoggerFactory.getLogger(AlphaNetworkCompiler.class);
    private static final Pattern LINE_BREAKS = Pattern.compile("[\\r\\n\\u2028\\u2029]+");

    private AlphaNetworkCompiler() {
    }

    /**
     * What happened: the fact types whose network now runs compiled and how many of its constraints
     * are called directly, or why none does.
     */
    record Outcome(List<String> compiledTypes, int directConstraints, String failure) {
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
                return new Outcome(List.of(), 0, null);
            }
            Rewrites rewrites = rewrites(rete);
            Map<String, String> sources = new LinkedHashMap<>();
            int directConstraints = 0;
            for (Map.Entry<String, CompiledNetworkSources> network : networks.entrySet()) {
                Rewritten r = rewrites.apply(network.getValue().getSource());
                sources.put(network.getKey(), r.source());
                directConstraints += r.directCalls();
            }
            Map<String, Class<?>> classes = KieMemoryCompiler.compile(sources, base.getRootClassLoader());
            for (CompiledNetworkSources network : networks.values()) {
                network.createInstanceAndSet(classes.get(network.getName()));
            }
            List<String> types = rete.getObjectTypeNodes().stream()
                    .filter(otn -> otn.getObjectSinkPropagator() instanceof CompiledNetwork)
                    .map(otn -> otn.getObjectType().getClassName())
                    .sorted()
                    .toList();
            return new Outcome(types, directConstraints, null);
        } catch (RuntimeException | LinkageError e) {
            return new Outcome(List.of(), 0, e.toString());
        }
    }

    /**
     * What to change in the generated sources: each node description with a line break or a
     * backslash-u in it and what to write instead, and for each alpha node whose constraint can be
     * called on its own class, its id and {lambda class, fact type}.
     */
    record Rewrites(Map<String, String> descriptions, Map<Integer, String[]> directCalls) {
        /**
         * {@code source} with the descriptions on one line and each constraint of
         * {@link #directCalls} called on its own class instead of through
         * {@code LambdaConstraint.isAllowed}, whose call reaches every lambda class of the base
         * through one interface dispatch (docs/performance.md, fifth round).
         */
        Rewritten apply(String source) {
            String out = source;
            for (Map.Entry<String, String> d : descriptions.entrySet()) {
                out = out.replace(d.getKey(), d.getValue());
            }
            StringBuilder methods = new StringBuilder();
            int n = 0;
            for (Map.Entry<Integer, String[]> d : directCalls.entrySet()) {
                String call = "lambdaConstraint" + d.getKey() + ".isAllowed(handle, wm)";
                if (!out.contains(call)) {
                    continue;
                }
                out = out.replace(call, "direct" + d.getKey() + "(handle)");
                n++;
                methods.append("private static boolean direct").append(d.getKey())
                        .append("(org.drools.core.common.InternalFactHandle handle) {\n")
                        .append("    try {\n")
                        .append("        return ").append(d.getValue()[0]).append(".INSTANCE.test((")
                        .append(d.getValue()[1]).append(") handle.getObject());\n")
                        .append("    } catch (RuntimeException e) {\n        throw e;\n")
                        .append("    } catch (Exception e) {\n        throw new RuntimeException(e);\n    }\n}\n");
            }
            int end = out.lastIndexOf('}');
            return new Rewritten(n == 0 ? out : out.substring(0, end) + methods + out.substring(end), n);
        }
    }

    record Rewritten(String source, int directCalls) {
    }

    /** One walk through every node of the network: what {@link Rewrites} needs. */
    static Rewrites rewrites(Rete rete) {
        Rewrites out = new Rewrites(new HashMap<>(), new HashMap<>());
        for (ObjectTypeNode otn : rete.getObjectTypeNodes()) {
            collect(otn.getObjectSinkPropagator().getSinks(), out);
        }
        return out;
    }

    private static void collect(ObjectSink[] sinks, Rewrites out) {
        for (ObjectSink sink : sinks) {
            String text = sink.toString();
            String safe = commentSafe(text);
            if (!safe.equals(text)) {
                out.descriptions().put(text, safe);
            }
            if (sink instanceof AlphaNode alpha) {
                String[] call = directCall(alpha);
                if (call != null) {
                    out.directCalls().put(alpha.getId(), call);
                }
                collect(alpha.getObjectSinkPropagator().getSinks(), out);
            }
        }
    }

    /** {@code text} as it may stand in a Java line comment: on one line, with no Unicode escape. */
    static String commentSafe(String text) {
        return LINE_BREAKS.matcher(text).replaceAll(" ").replace("\\u", "\\\\u");
    }

    /**
     * {lambda class, fact type} when the node's constraint is an executable-model lambda on the
     * pattern's fact alone, a public enum constant {@code INSTANCE}; else {@code null}.
     */
    private static String[] directCall(AlphaNode alpha) {
        if (!(alpha.getConstraint() instanceof LambdaConstraint lc) || lc.getRequiredDeclarations().length != 0) {
            return null;
        }
        SingleConstraint constraint = lc.getEvaluator().getConstraint();
        if (constraint.getVariables().length != 1 || !(constraint.getPredicate1() instanceof Predicate1.Impl<?> impl)) {
            return null;
        }
        Object lambda = impl.getLambda();
        Class<?> type = lambda.getClass();
        try {
            Field instance = type.getField("INSTANCE");
            if (!Modifier.isPublic(type.getModifiers()) || !Modifier.isStatic(instance.getModifiers())
                    || instance.get(null) != lambda) {
                return null;
            }
            for (Method m : type.getMethods()) {
                if (m.getName().equals("test") && m.getParameterCount() == 1 && !m.isBridge()
                        && Modifier.isPublic(m.getParameterTypes()[0].getModifiers())) {
                    return new String[] {type.getCanonicalName(), m.getParameterTypes()[0].getCanonicalName()};
                }
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
        return null;
    }

    static void log(Outcome outcome, long startNanos) {
        if (outcome.compiled()) {
            LOG.info("Alpha network compiled for {} fact types, {} constraints called directly, in {} ms",
                    outcome.compiledTypes().size(), outcome.directConstraints(), (System.nanoTime() - startNanos) / 1_000_000);
        } else {
            LOG.warn("The alpha network could not be compiled, so the rules run uncompiled (same results, slower): {}."
                    + " Compiling it needs a Java compiler at run time (a JDK, or a runtime with the jdk.compiler"
                    + " module).", outcome.failure());
        }
    }
}
