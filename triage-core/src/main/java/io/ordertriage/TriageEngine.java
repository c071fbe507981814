package io.ordertriage;

import io.ordertriage.internal.BatchClassifier;
import io.ordertriage.internal.RuleBase;
import io.ordertriage.model.Acknowledgement;
import io.ordertriage.model.Acknowledgements;
import io.ordertriage.model.DeliveryTerms;
import io.ordertriage.model.Order;
import io.ordertriage.model.PriceList;
import io.ordertriage.model.TriageResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * Classifies orders by the default rules (rulebook §3–§18) and any extra rule files: which need a
 * person, how urgently, and what to do.
 *
 * <pre>
 * TriageEngine engine = TriageEngine.builder()
 *         .clock(Clock.systemUTC())                                   // the as-of instant of each call
 *         .settings(TriageSettings.defaults().withPaymentTimeout(Duration.ofMinutes(45)))
 *         .priceList(prices)                                          // optional: enables city pricing
 *         .deliveryTerms(terms)                                       // optional: enables ARRIVAL_LATE
 *         .acknowledgements(acks)                                     // optional: acknowledged findings
 *         .addRules(Path.of("rules/"))                                // optional: more DRL files
 *         .build();                                                   // compiles; RuleCompilationException lists problems
 * TriageResult r = engine.classify(order);
 * List&lt;TriageResult&gt; rs = engine.classifyAll(orders);              // batched for throughput
 * rs = engine.classifyAll(orders, asOf, pool);                       // batches on the pool's threads
 * </pre>
 *
 * <p>An engine is thread-safe and decides the same all its life: build it once (building compiles or loads the rules,
 * which takes a second or more) and share it. Each call reads the clock once; every order of that
 * call is evaluated against that one instant. The clock's zone is the evaluation zone: "the as-of
 * date" and "the date of" a date-time (rulebook Part two) are taken in it. The engine keeps no global state, never prints and logs
 * through SLF4J only, nothing per order above DEBUG.
 *
 * <p>An engine that has classified {@value #DEFAULT_COMPILE_AFTER} orders compiles its rules' alpha
 * network into Java classes on a daemon thread of its own, once, and classifies about 1.5 times as
 * fast from then on with the same results: see {@link Builder#compileAlphaNetworkAfter(long)}.
 */
public final class TriageEngine {
    private static final Logger LOG = LoggerFactory.getLogger(TriageEngine.class);

    /** Replaced once, with {@link #classifier}, by a compiled copy when that compiles in the background. */
    private volatile RuleBase ruleBase;
    private final Clock clock;
    private volatile BatchClassifier classifier;
    private volatile boolean alphaNetworkCompiled;
    private final Function<RuleBase, BatchClassifier> classifierOf;
    /** Orders still to classify before compiling in the background; {@link Long#MIN_VALUE} once started, or never. */
    private final AtomicLong ordersToCompile;
    private final long compileAfter;
    private final int batchSize;
    private final BatchListener batchListener;

    private TriageEngine(Builder b, RuleBase ruleBase, long compileAfter, boolean compiled) {
        this.ruleBase = ruleBase;
        this.clock = b.clock == null ? Clock.systemDefaultZone() : b.clock;
        TriageSettings settings = b.settings == null ? TriageSettings.defaults() : b.settings;
        this.batchSize = b.batchSize == 0 ? DEFAULT_BATCH_SIZE : b.batchSize;
        this.batchListener = b.batchListener;
        PriceList priceList = b.priceList;
        DeliveryTerms deliveryTerms = b.deliveryTerms;
        Acknowledgements acks = b.acknowledgements == null ? Acknowledgements.NONE : b.acknowledgements;
        BatchClassifier.RuleCounter counter = counter(b.ruleStats);
        this.classifierOf = base -> new BatchClassifier(base, settings, priceList, deliveryTerms, acks, counter);
        this.classifier = classifierOf.apply(ruleBase);
        this.alphaNetworkCompiled = compiled;
        this.compileAfter = compileAfter;
        this.ordersToCompile = new AtomicLong(compileAfter > 0 && compileAfter != Builder.NEVER ? compileAfter : Long.MIN_VALUE);
    }

    /** What the classifier reports its firings to, or {@code null} (no listener at all) without rule stats. */
    private static BatchClassifier.RuleCounter counter(RuleStats stats) {
        if (stats == null) {
            return null;
        }
        return new BatchClassifier.RuleCounter() {
            @Override
            public void register(String packageName, String rule) {
                stats.register(packageName, rule);
            }

            @Override
            public void classified(int orders) {
                stats.classified(orders);
            }

            @Override
            public void fired(String packageName, String rule, int orders, int firings) {
                stats.fired(packageName, rule, orders, firings);
            }
        };
    }

    /** Orders evaluated in one Drools session by {@link #classifyAll}; about 100 was measured best. */
    public static final int DEFAULT_BATCH_SIZE = 100;

    /** Orders an engine classifies before it compiles its alpha network in the background (see the builder). */
    public static final long DEFAULT_COMPILE_AFTER = 1_000_000;

    public static Builder builder() {
        return new Builder();
    }

    /** Classifies one order at the clock's current instant. */
    public TriageResult classify(Order order) {
        Objects.requireNonNull(order, "order");
        return classifyBatch(List.of(order), clock.instant()).get(0);
    }

    /**
     * Classifies many orders at one instant (the clock is read once), in batches. The results are in
     * the orders' iteration order; sort them with {@link TriageResult#WORK_QUEUE_ORDER} for a work queue.
     * Orders that share an id are classified independently, each result in its order's place (an
     * acknowledgement of that id applies to each).
     */
    public List<TriageResult> classifyAll(Collection<? extends Order> orders) {
        return classifyAll(orders, clock.instant());
    }

    /** As {@link #classifyAll(Collection)} but at the given instant instead of the clock's (in the clock's zone). */
    public List<TriageResult> classifyAll(Collection<? extends Order> orders, Instant asOf) {
        Objects.requireNonNull(orders, "orders");
        Objects.requireNonNull(asOf, "asOf");
        List<TriageResult> results = new ArrayList<>(orders.size());
        List<Order> batch = new ArrayList<>(Math.min(batchSize, orders.size()));
        for (Order o : orders) {
            batch.add(Objects.requireNonNull(o, "orders must not contain null"));
            if (batch.size() == batchSize) {
                results.addAll(classifyBatch(batch, asOf));
                batch.clear();
            }
        }
        if (!batch.isEmpty()) {
            results.addAll(classifyBatch(batch, asOf));
        }
        return results;
    }

    /**
     * As {@link #classifyAll(Collection, Instant)}, with the batches classified on {@code executor}'s
     * threads at once: on every core when it has as many threads. The results come in the order of
     * {@code orders}, the same results as on one thread. The caller owns the executor (the batches
     * run on its threads only) and this call waits for every batch; a batch that fails fails the
     * call with its exception once the batches before it are done.
     */
    public List<TriageResult> classifyAll(Collection<? extends Order> orders, Instant asOf, Executor executor) {
        Objects.requireNonNull(orders, "orders");
        Objects.requireNonNull(asOf, "asOf");
        Objects.requireNonNull(executor, "executor");
        List<CompletableFuture<List<TriageResult>>> parts = new ArrayList<>(orders.size() / batchSize + 1);
        List<Order> batch = new ArrayList<>(Math.min(batchSize, orders.size()));
        for (Order o : orders) {
            batch.add(Objects.requireNonNull(o, "orders must not contain null"));
            if (batch.size() == batchSize) {
                parts.add(submit(batch, asOf, executor));
                batch = new ArrayList<>(batchSize);
            }
        }
        if (!batch.isEmpty()) {
            parts.add(submit(batch, asOf, executor));
        }
        List<TriageResult> results = new ArrayList<>(orders.size());
        for (CompletableFuture<List<TriageResult>> part : parts) {
            try {
                results.addAll(part.join());
            } catch (CompletionException e) {
                parts.forEach(p -> p.cancel(false));
                if (e.getCause() instanceof RuntimeException re) {
                    throw re;
                }
                if (e.getCause() instanceof Error err) {
                    throw err;
                }
                throw e;
            }
        }
        return results;
    }

    private CompletableFuture<List<TriageResult>> submit(List<Order> batch, Instant asOf, Executor executor) {
        return CompletableFuture.supplyAsync(() -> classifyBatch(batch, asOf), executor);
    }

    /** One batch, told to the batch listener when there is one (and timed only then). */
    private List<TriageResult> classifyBatch(List<Order> batch, Instant asOf) {
        List<TriageResult> results;
        if (batchListener == null) {
            results = classifier.classify(batch, asOf, clock.getZone());
        } else {
            long start = System.nanoTime();
            results = classifier.classify(batch, asOf, clock.getZone());
            batchListener.classified(results, System.nanoTime() - start);
        }
        if (ordersToCompile.get() > 0) {
            countTowardsCompiling(batch.size());
        }
        return results;
    }

    /** Starts compiling on the batch that reaches the count; only one batch of all threads does. */
    private void countTowardsCompiling(int orders) {
        if (ordersToCompile.addAndGet(-orders) <= 0 && ordersToCompile.getAndSet(Long.MIN_VALUE) != Long.MIN_VALUE) {
            Thread compiler = new Thread(this::compileInBackground, "order-triage-alpha-network-compiler");
            compiler.setDaemon(true);
            compiler.start();
        }
    }

    /**
     * Compiles a copy of the rule base (a base's network is compiled before any session of it exists)
     * and classifies with it from then on; batches under way finish on the old one. When the network
     * cannot be compiled the engine keeps running it uncompiled (the compiler logs why).
     */
    private void compileInBackground() {
        LOG.info("Compiling the alpha network in the background, the engine having classified {} orders", compileAfter);
        try {
            RuleBase copy = ruleBase.copy();
            if (!copy.compileAlphaNetwork().factTypes().isEmpty()) {
                classifier = classifierOf.apply(copy);
                ruleBase = copy;   // the uncompiled base goes once the batches on it are done
                alphaNetworkCompiled = true;
            }
        } catch (RuntimeException | LinkageError e) {
            LOG.warn("The alpha network could not be compiled in the background, so the rules keep running uncompiled"
                    + " (same results, slower): {}", e.toString());
        }
    }

    /** True once the engine classifies with its alpha network compiled (at build, or in the background). */
    boolean alphaNetworkCompiled() {
        return alphaNetworkCompiled;
    }

    /**
     * Told of every batch an engine classifies, on the thread that classified it: for metrics
     * ({@link io.ordertriage.micrometer.TriageMeters} counts and times them for Micrometer). It must
     * be thread-safe, quick and must not throw.
     */
    @FunctionalInterface
    public interface BatchListener {
        /**
         * @param results the batch's results, in its orders' order
         * @param nanos   how long the batch took to classify
         */
        void classified(List<TriageResult> results, long nanos);
    }

    /** The settings the rules read. */
    public TriageSettings settings() {
        return classifier.settings();
    }

    /** The packs that run: those enabled in the settings, less PRICING when there is no price list. */
    public java.util.Set<RulePack> activePacks() {
        return classifier.activePacks();
    }

    /**
     * The rules the engine runs (those of the active default packs and the extra ones) with the DRL
     * each is written in, defaults first, then by source and line. Parses the rule sources again for
     * their lines: meant for tools and admin pages, not for every call.
     */
    public List<RuleInfo> rules() {
        return ruleBase.describe();
    }

    /** How many rules the engine runs: those of the active default packs and any extra ones. */
    public int ruleCount() {
        return ruleBase.ruleCount();
    }

    /**
     * Builds a {@link TriageEngine}. Each property may be set once; a second call fails at once, naming
     * the property. Not thread-safe.
     */
    public static final class Builder {
        private Clock clock;
        private TriageSettings settings;
        private PriceList priceList;
        private DeliveryTerms deliveryTerms;
        private Acknowledgements acknowledgements;
        private final List<Path> ruleLocations = new ArrayList<>();
        private int batchSize;
        private ClassLoader classLoader;
        private RuleStats ruleStats;
        private BatchListener batchListener;
        /** Orders after which the alpha network is compiled: 0 at build, {@link #NEVER} never, {@code null} the default. */
        private Long compileAfter;
        static final long NEVER = Long.MAX_VALUE;

        private Builder() {
        }

        /** Where the as-of instant comes from (default: the system clock). */
        public Builder clock(Clock clock) {
            once(this.clock, "clock");
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Thresholds and packs (default: {@link TriageSettings#defaults()}). */
        public Builder settings(TriageSettings settings) {
            once(this.settings, "settings");
            this.settings = Objects.requireNonNull(settings, "settings");
            return this;
        }

        /** The price list for the city pricing rules; without one they do not run. */
        public Builder priceList(PriceList priceList) {
            once(this.priceList, "priceList");
            this.priceList = Objects.requireNonNull(priceList, "priceList");
            return this;
        }

        /** The delivery promise per locality (rulebook §11); without it ARRIVAL_LATE does not run. */
        public Builder deliveryTerms(DeliveryTerms deliveryTerms) {
            once(this.deliveryTerms, "deliveryTerms");
            this.deliveryTerms = Objects.requireNonNull(deliveryTerms, "deliveryTerms");
            return this;
        }

        /**
         * Acknowledged findings (rulebook §18): a finding whose order and code have an
         * acknowledgement that holds at as-of is marked acknowledged and no longer counts for the
         * verdict or the priority.
         */
        public Builder acknowledgements(Acknowledgements acknowledgements) {
            once(this.acknowledgements, "acknowledgements");
            this.acknowledgements = Objects.requireNonNull(acknowledgements, "acknowledgements");
            return this;
        }

        /** As {@link #acknowledgements(Acknowledgements)}. */
        public Builder acknowledgements(Collection<Acknowledgement> acknowledgements) {
            return acknowledgements(Acknowledgements.of(acknowledgements));
        }

        /**
         * Extra rule files, added to the default rules: a {@code .drl} file, or a directory whose
         * {@code .drl} files (at any depth) are all added. May be called several times.
         */
        public Builder addRules(Path fileOrDirectory) {
            Objects.requireNonNull(fileOrDirectory, "fileOrDirectory");
            if (ruleLocations.contains(fileOrDirectory)) {
                throw new IllegalStateException("rules " + fileOrDirectory + " were already added");
            }
            ruleLocations.add(fileOrDirectory);
            return this;
        }

        /** The rule locations added so far (for {@link ReloadingEngine}, which watches them). */
        List<Path> ruleLocations() {
            return List.copyOf(ruleLocations);
        }

        /** Orders per Drools session in {@link #classifyAll} (default {@value TriageEngine#DEFAULT_BATCH_SIZE}). */
        public Builder batchSize(int batchSize) {
            if (this.batchSize != 0) {
                throw new IllegalStateException("batchSize is already set to " + this.batchSize);
            }
            if (batchSize < 1) {
                throw new IllegalArgumentException("batchSize must be at least 1, got " + batchSize);
            }
            this.batchSize = batchSize;
            return this;
        }

        /**
         * {@code true}: compiles the rules' alpha network when the engine is built, so that it runs
         * at full speed from its first order, for one to three seconds more start-up; {@code false}:
         * never compiles it. Default: as {@link #compileAlphaNetworkAfter(long)} with
         * {@value TriageEngine#DEFAULT_COMPILE_AFTER} orders. Set at most one of the two.
         */
        public Builder compileAlphaNetwork(boolean compile) {
            once(this.compileAfter, "compileAlphaNetwork");
            this.compileAfter = compile ? 0L : NEVER;
            return this;
        }

        /**
         * Compiles the rules' alpha network (the constraints on single facts, where most of the work
         * is) into Java classes, with Drools' alpha network compiler, once the engine has classified
         * this many orders: on a daemon thread of the engine's own, while it goes on classifying
         * uncompiled, after which it runs about 1.5 times the orders a second with every pack
         * (docs/performance.md). Results are the same either way. Compiling takes one to three
         * seconds of one core, about what a million orders gain from it, hence the default of
         * {@value TriageEngine#DEFAULT_COMPILE_AFTER}: tests, small files and short runs never pay
         * for it; a service or a long run does once. It needs a Java compiler at run time (a JDK,
         * or a runtime with the {@code jdk.compiler} module); without one the engine logs a warning
         * and goes on uncompiled.
         */
        public Builder compileAlphaNetworkAfter(long orders) {
            once(this.compileAfter, "compileAlphaNetwork");
            if (orders < 1) {
                throw new IllegalArgumentException("compileAlphaNetworkAfter needs at least 1 order, got " + orders
                        + "; compileAlphaNetwork(true) compiles at build");
            }
            this.compileAfter = orders;
            return this;
        }

        /**
         * Counts, for each rule, the orders it fires for (a rule author's coverage on real data); without
         * it nothing is counted and classifying costs nothing more.
         */
        public Builder ruleStats(RuleStats ruleStats) {
            once(this.ruleStats, "ruleStats");
            this.ruleStats = Objects.requireNonNull(ruleStats, "ruleStats");
            return this;
        }

        /**
         * Told of every batch classified, with its results and how long it took (metrics); without it
         * nothing is timed.
         */
        public Builder batchListener(BatchListener batchListener) {
            once(this.batchListener, "batchListener");
            this.batchListener = Objects.requireNonNull(batchListener, "batchListener");
            return this;
        }

        /** The class loader to find the default rules with (default: this library's). */
        public Builder classLoader(ClassLoader classLoader) {
            once(this.classLoader, "classLoader");
            this.classLoader = Objects.requireNonNull(classLoader, "classLoader");
            return this;
        }

        /**
         * Loads the default rules, compiles the extra ones, and returns the engine.
         *
         * @throws RuleCompilationException when a rule file does not compile, listing every problem
         * @throws TriageException          when the default rules are not on the class path, or a rule
         *                                  location cannot be read
         */
        public TriageEngine build() {
            ClassLoader cl = classLoader != null ? classLoader : TriageEngine.class.getClassLoader();
            TriageSettings s = settings == null ? TriageSettings.defaults() : settings;
            RuleBase ruleBase = RuleBase.load(cl, ruleLocations)
                    .withoutPackages(BatchClassifier.disabledPackages(s, priceList));
            long after = compileAfter == null ? DEFAULT_COMPILE_AFTER : compileAfter;
            boolean compiled = after == 0 && !ruleBase.compileAlphaNetwork().factTypes().isEmpty();
            return new TriageEngine(this, ruleBase, after, compiled);
        }

        private static void once(Object current, String name) {
            if (current != null) {
                throw new IllegalStateException(name + " is already set; set it once per builder");
            }
        }
    }
}
