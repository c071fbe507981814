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

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.lang.reflect.Modifier;
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
 * rules) is called on its own class instead ({@link #withDirectCalls}), a call the JIT can inline.
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
            Map<String, String> descriptions = multiLineDescriptions(rete);
            Map<Integer, String[]> direct = directCalls(rete);
            Map<String, String> sources = new LinkedHashMap<>();
            int[] directConstraints = new int[1];
            networks.forEach((name, network) -> {
                String source = oneLine(network.getSource(), descriptions);
                String rewritten = withDirectCalls(source, direct);
                directConstraints[0] += count(rewritten, "private static boolean direct");
                sources.put(name, rewritten);
            });
            Map<String, Class<?>> classes = KieMemoryCompiler.compile(sources, base.getRootClassLoader());
            for (CompiledNetworkSources network : networks.values()) {
                network.createInstanceAndSet(classes.get(network.getName()));
            }
            List<String> types = rete.getObjectTypeNodes().stream()
                    .filter(otn -> otn.getObjectSinkPropagator() instanceof CompiledNetwork)
                    .map(otn -> otn.getObjectType().getClassName())
                    .sorted()
                    .toList();
            return new Outcome(types, directConstraints[0], null);
        } catch (RuntimeException | LinkageError e) {
            return new Outcome(List.of(), 0, e.toString());
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

    /**
     * For each alpha node whose constraint is an executable-model lambda on the pattern's fact alone,
     * its id and {lambda class, fact type}: such a constraint can be called directly on its own class.
     */
    static Map<Integer, String[]> directCalls(Rete rete) {
        Map<Integer, String[]> out = new HashMap<>();
        for (ObjectTypeNode otn : rete.getObjectTypeNodes()) {
            collectDirect(otn.getObjectSinkPropagator().getSinks(), out);
        }
        return out;
    }

    private static void collectDirect(ObjectSink[] sinks, Map<Integer, String[]> out) {
        for (ObjectSink sink : sinks) {
            if (sink instanceof AlphaNode alpha) {
                String[] call = directCall(alpha);
                if (call != null) {
                    out.put(alpha.getId(), call);
                }
                collectDirect(alpha.getObjectSinkPropagator().getSinks(), out);
            }
        }
    }

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
            java.lang.reflect.Field instance = type.getField("INSTANCE");
            if (!Modifier.isPublic(type.getModifiers()) || !Modifier.isStatic(instance.getModifiers())
                    || instance.get(null) != lambda) {
                return null;
            }
            for (java.lang.reflect.Method m : type.getMethods()) {
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

    /**
     * The network's source with each constraint that {@link #directCalls} lists called on its own
     * class instead of through {@code LambdaConstraint.isAllowed}, whose call reaches every lambda
     * class of the base through one interface dispatch (docs/performance.md, fifth round).
     */
    static String withDirectCalls(String source, Map<Integer, String[]> direct) {
        StringBuilder methods = new StringBuilder();
        String out = source;
        for (Map.Entry<Integer, String[]> d : direct.entrySet()) {
            String call = "lambdaConstraint" + d.getKey() + ".isAllowed(handle, wm)";
            if (!out.contains(call)) {
                continue;
            }
            out = out.replace(call, "direct" + d.getKey() + "(handle)");
            methods.append("private static boolean direct").append(d.getKey())
                    .append("(org.drools.core.common.InternalFactHandle handle) {\n")
                    .append("    try {\n")
                    .append("        return ").append(d.getValue()[0]).append(".INSTANCE.test((").append(d.getValue()[1])
                    .append(") handle.getObject());\n")
                    .append("    } catch (RuntimeException e) {\n        throw e;\n")
                    .append("    } catch (Exception e) {\n        throw new RuntimeException(e);\n    }\n}\n");
        }
        int end = out.lastIndexOf('}');
        return methods.isEmpty() ? out : out.substring(0, end) + methods + out.substring(end);
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + part.length())) {
            n++;
        }
        return n;
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
