package io.ordertriage;

import io.ordertriage.internal.RuleBase;
import io.ordertriage.model.Order;
import io.ordertriage.model.TriageResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.zip.CRC32;

/**
 * An engine whose extra rules are reloaded when their files change, for a service that should not
 * restart to pick up a rule change. It watches the rule locations of the builder it is given
 * (reading their {@code .drl} files' sizes and checksums every {@code interval}); when they change, it
 * builds a new engine from a new builder and swaps it in at once: a call in flight finishes on the
 * engine it started with, every later call uses the new one, and the old one is no longer held. A
 * change that does not compile keeps the current engine and is reported (logged at WARN with every
 * problem, and to the listener); the next change is tried again.
 *
 * <pre>
 * try (ReloadingEngine engine = ReloadingEngine.builder(
 *             () -&gt; TriageEngine.builder().priceList(prices).addRules(Path.of("/etc/triage/rules")))
 *         .interval(Duration.ofSeconds(2))
 *         .listener(new ReloadingEngine.Listener() {
 *             public void failed(RuleCompilationException e) { alert(e.problems()); }
 *         })
 *         .build()) {
 *     List&lt;TriageResult&gt; results = engine.classifyAll(orders);
 * }
 * </pre>
 *
 * Thread-safe. It runs one daemon thread ({@code triage-rules-watcher}) until {@link #close()}, which
 * stops it and waits for it; calls after close fail.
 */
public final class ReloadingEngine implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ReloadingEngine.class);

    /** Told what becomes of each change. Called on the watcher thread; both methods do nothing by default. */
    public interface Listener {
        /** The rules changed and the new engine serves from now on. */
        default void reloaded(TriageEngine engine) {
        }

        /** The rules changed but do not compile (or cannot be read): the current engine keeps serving. */
        default void failed(TriageException problem) {
        }
    }

    private final Supplier<TriageEngine.Builder> builders;
    private final List<Path> locations;
    private final Listener listener;
    private final AtomicReference<TriageEngine> current = new AtomicReference<>();
    private final ScheduledExecutorService watcher;
    /**
     * The executor's one thread, once started: {@link #close()} joins it, because the executor counts
     * as terminated while its thread is still finishing its exit.
     */
    private volatile Thread watcherThread;
    private final Object reloading = new Object();
    private TreeMap<String, String> seen;
    private volatile boolean closed;

    private ReloadingEngine(Builder b) {
        this.builders = b.builders;
        TriageEngine.Builder first = builders.get();
        this.locations = first.ruleLocations();
        if (locations.isEmpty()) {
            throw new IllegalArgumentException("the builder adds no rules: there is nothing to watch (addRules(dir) first)");
        }
        this.listener = b.listener;
        this.seen = fingerprint(locations);
        current.set(first.build());
        this.watcher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "triage-rules-watcher");
            t.setDaemon(true);
            watcherThread = t;
            return t;
        });
        long every = b.interval.toMillis();
        watcher.scheduleWithFixedDelay(this::checkQuietly, every, every, TimeUnit.MILLISECONDS);
    }

    /**
     * @param builders makes a fresh builder of the engine (each reload builds from a new one); its
     *                 {@link TriageEngine.Builder#addRules rule locations} are the ones watched
     */
    public static Builder builder(Supplier<TriageEngine.Builder> builders) {
        return new Builder(builders);
    }

    /** The engine serving now: a call made on it runs to its end on these rules whatever changes meanwhile. */
    public TriageEngine current() {
        TriageEngine engine = current.get();   // null once closed, even for a call that raced close()
        if (closed || engine == null) {
            throw new IllegalStateException("this ReloadingEngine is closed");
        }
        return engine;
    }

    /** As {@link TriageEngine#classify(Order)} on the engine serving now. */
    public TriageResult classify(Order order) {
        return current().classify(order);
    }

    /** As {@link TriageEngine#classifyAll(Collection)} on the engine serving now. */
    public List<TriageResult> classifyAll(Collection<? extends Order> orders) {
        return current().classifyAll(orders);
    }

    /** As {@link TriageEngine#classifyAll(Collection, Instant)} on the engine serving now. */
    public List<TriageResult> classifyAll(Collection<? extends Order> orders, Instant asOf) {
        return current().classifyAll(orders, asOf);
    }

    /** As {@link TriageEngine#classifyAll(Collection, Instant, Executor)} on the engine serving now. */
    public List<TriageResult> classifyAll(Collection<? extends Order> orders, Instant asOf, Executor executor) {
        return current().classifyAll(orders, asOf, executor);
    }

    /**
     * Checks the rule files now rather than at the next interval, and reloads when they changed.
     *
     * @return true when a new engine serves from now on; false when nothing changed
     * @throws RuleCompilationException when the change does not compile (the current engine keeps serving)
     */
    public boolean reload() {
        if (closed) {
            throw new IllegalStateException("this ReloadingEngine is closed");
        }
        synchronized (reloading) {
            TreeMap<String, String> now = fingerprint(locations);
            if (now.equals(seen)) {
                return false;
            }
            seen = now;
            long start = System.nanoTime();
            TriageEngine next;
            try {
                next = builders.get().build();
            } catch (TriageException e) {
                LOG.warn("Rules changed but the engine keeps its current rules: {}", e.getMessage());
                listener.failed(e);
                throw e;
            }
            current.set(next);
            LOG.info("Rules reloaded: {} rules in {} ms", next.ruleCount(), (System.nanoTime() - start) / 1_000_000);
            listener.reloaded(next);
            return true;
        }
    }

    private void checkQuietly() {
        try {
            reload();
        } catch (TriageException e) {
            // logged and told to the listener by reload()
        } catch (RuntimeException e) {
            LOG.warn("Checking the rule files failed; trying again at the next interval", e);
        }
    }

    /** Stops watching and waits for the watcher thread to end; the engine then no longer serves. Idempotent. */
    @Override
    public void close() {
        closed = true;
        watcher.shutdownNow();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            boolean stopped = watcher.awaitTermination(10, TimeUnit.SECONDS);
            Thread t = watcherThread;
            if (!stopped || t != null && !joined(t, deadline - System.nanoTime())) {
                LOG.warn("The rules watcher did not stop within 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        current.set(null);
    }

    /** Waits at most {@code nanos} for {@code t} to end; whether it has. */
    private static boolean joined(Thread t, long nanos) throws InterruptedException {
        if (nanos > 0) {
            TimeUnit.NANOSECONDS.timedJoin(t, nanos);
        }
        return !t.isAlive();
    }

    /**
     * Each rule file the builder reads ({@link RuleBase#ruleFiles}: the same selection), by path, with its
     * size and checksum (rule directories are small); a location that cannot be listed is a state of its own.
     */
    private static TreeMap<String, String> fingerprint(List<Path> locations) {
        TreeMap<String, String> files = new TreeMap<>();
        try {
            for (Path p : RuleBase.ruleFiles(locations)) {
                CRC32 crc = new CRC32();
                crc.update(Files.readAllBytes(p));
                files.put(p.toString(), Files.size(p) + ":" + Long.toHexString(crc.getValue()));
            }
        } catch (TriageException | IOException | UncheckedIOException e) {
            // missing, emptied or changing while read: the build will say what is wrong, the next check sees the settled state
            files.put("", "unreadable: " + e.getMessage());
        }
        return files;
    }

    /** Builds a {@link ReloadingEngine}. */
    public static final class Builder {
        private final Supplier<TriageEngine.Builder> builders;
        private Duration interval = Duration.ofSeconds(1);
        private Listener listener = new Listener() {
        };

        private Builder(Supplier<TriageEngine.Builder> builders) {
            this.builders = Objects.requireNonNull(builders, "builders");
        }

        /** How often the rule files are checked (default 1 s; at least 10 ms). */
        public Builder interval(Duration interval) {
            Objects.requireNonNull(interval, "interval");
            if (interval.toMillis() < 10) {
                throw new IllegalArgumentException("interval must be at least 10 ms, got " + interval);
            }
            this.interval = interval;
            return this;
        }

        /** Told of each reload and each change that does not compile. */
        public Builder listener(Listener listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /**
         * Builds the first engine and starts watching.
         *
         * @throws RuleCompilationException when the rules do not compile now (nothing is started)
         */
        public ReloadingEngine build() {
            return new ReloadingEngine(this);
        }
    }
}
