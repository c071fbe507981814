package io.ordertriage.cli;

import io.ordertriage.RuleInfo;
import io.ordertriage.RulePack;
import io.ordertriage.RuleStats;
import io.ordertriage.TriageEngine;
import io.ordertriage.TriageSettings;
import io.ordertriage.cli.io.AtomicOutput;
import io.ordertriage.cli.io.OrderReader;
import io.ordertriage.cli.io.Reject;
import io.ordertriage.cli.io.ResultWriter;
import io.ordertriage.cli.io.SourceOrder;
import io.ordertriage.cli.io.Values;
import io.ordertriage.cli.io.WorkQueue;
import io.ordertriage.cli.report.HtmlReport;
import io.ordertriage.model.Acknowledgements;
import io.ordertriage.model.Finding;
import io.ordertriage.model.Order;
import io.ordertriage.model.OrderStatus;
import io.ordertriage.model.Priority;
import io.ordertriage.model.TriageResult;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.LongConsumer;
import java.util.stream.Collectors;

/** {@code triage classify}: the work queue of an export (rulebook §8–§10). */
@Command(name = "classify", mixinStandardHelpOptions = true,
        description = {"Classify every order of an export and write the ones that need a person, most urgent first.",
                "The summary goes to standard error; results to standard output or --output."})
final class ClassifyCommand implements Callable<Integer> {
    private static final int BATCH = 1000;
    private static final long PROGRESS_MIN_BYTES = 16L << 20;
    private static final int REJECTS_SHOWN = 10;
    /** How many distinct unmapped values the summary names. */
    private static final int UNMAPPED_SHOWN = 20;

    @Mixin
    RunOptions run;

    @Option(names = "--format", paramLabel = "csv|jsonl|json|html", defaultValue = "csv",
            description = "Output format (default: ${DEFAULT-VALUE}); html is one self-contained report to open in a "
                    + "browser (docs/cli.md).")
    ResultWriter.Format format;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Where results go (default: standard output).")
    Path output;

    @Option(names = "--all", description = "Write OK orders too.")
    boolean all;

    @Option(names = "--rejects", paramLabel = "FILE",
            description = "Write rejected orders here as CSV (lines, order id, field, value, reason).")
    Path rejectsFile;

    @Option(names = "--rule-stats", paramLabel = "FILE",
            description = "Write, for each rule, the orders it fired for on this input (CSV: package, rule, orders,"
                    + " firings), rules that never fired included.")
    Path ruleStatsFile;

    @Option(names = "--bom", description = "Start CSV output with a UTF-8 byte order mark, for Excel.")
    boolean bom;

    @Option(names = "--threads", paramLabel = "N",
            description = "Threads that classify batches at once (default: one per core, ${DEFAULT-VALUE} here).")
    int threads = Runtime.getRuntime().availableProcessors();

    @Option(names = "--no-progress", description = "Never show a progress bar.")
    boolean noProgress;

    @Spec
    CommandSpec spec;

    @picocli.CommandLine.ParentCommand
    TriageCli parent;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        long start = System.nanoTime();
        // both output files are opened (as temporary files beside them) before anything is read: a path that
        // cannot be written is a usage error at once, and a failed run deletes both, leaving nothing behind
        checkDistinct();
        if (threads < 1) {
            throw new UsageException("--threads: at least 1 thread classifies, got " + threads);
        }
        try (AtomicOutput out = output == null ? null : open(output, "-o/--output");
             AtomicOutput rejectsOut = rejectsFile == null ? null : open(rejectsFile, "--rejects");
             AtomicOutput statsOut = ruleStatsFile == null ? null : open(ruleStatsFile, "--rule-stats");
             RunOptions.Setup s = run.setup(parent.stdin)) {
            err.println("triage: reading " + s.input().displayName() + ": " + s.input().describe() + ", mapping "
                    + s.mapping().name() + ", zone " + s.zone() + ", as of " + s.asOf());
            s.notes().forEach(err::println);
            // the rules compile (about a second) on a thread of their own while the reader starts on the input;
            // the first batch to classify waits for them
            RuleStats stats = statsOut == null ? null : new RuleStats();
            CompletableFuture<TriageEngine> engine = CompletableFuture.supplyAsync(() -> run.engine(s, stats), r -> {
                Thread t = new Thread(r, "triage-rules");
                t.setDaemon(true);
                t.start();
            });
            OrderReader reader = run.reader(s);
            ExecutorService classifier = Executors.newFixedThreadPool(threads, r -> {
                Thread t = new Thread(r, "triage-classify");
                t.setDaemon(true);
                return t;
            });
            ResultWriter writer = new ResultWriter(format, s.zone(), bom);
            Tally tally = new Tally(engine, classifier, threads, writer, s.acks(), s.asOf());
            try (ProgressBar bar = progressBar(s)) {
                LongConsumer progress = bar == null ? bytes -> { } : bar::stepTo;
                RunOptions.readAll(reader, s, tally, tally::reset, progress);
                tally.finish();
                tally.engine(); // rules that do not compile fail the run even when the input has no order
            } catch (Exception e) {
                tally.queue.close();
                tally.engine(); // a rules error is reported before whatever the input did
                throw e;
            } finally {
                classifier.shutdownNow();
            }
            try (WorkQueue queue = tally.queue) {
                Iterator<String> records = new Iterator<>() {
                    final Iterator<WorkQueue.Entry> sorted = queue.sorted();

                    @Override
                    public boolean hasNext() {
                        return sorted.hasNext();
                    }

                    @Override
                    public String next() {
                        return sorted.next().text();
                    }
                };
                java.io.Writer w = out == null ? spec.commandLine().getOut() : out.writer();
                if (format == ResultWriter.Format.HTML) {
                    HtmlReport.write(w, reportRun(s, tally, queue.size()), records);
                } else {
                    writer.writeRecords(records, w);
                }
                w.flush();
            }
            if (rejectsOut != null) {
                ResultWriter.writeRejects(tally.rejects, rejectsOut.writer());
            }
            if (statsOut != null) {
                ResultWriter.writeRuleStats(stats.entries(), statsOut.writer());
            }
            // all written in full before any replaces its target
            if (out != null) {
                out.commit();
            }
            if (statsOut != null) {
                statsOut.commit();
                List<RuleStats.Entry> entries = stats.entries();
                long fired = entries.stream().filter(RuleStats.Entry::fired).count();
                err.println("triage: rules: " + fired + " of " + entries.size() + " fired on this input, "
                        + (entries.size() - fired) + " never did; per rule in " + ruleStatsFile);
            }
            if (rejectsOut != null) {
                rejectsOut.commit();
            } else if (!tally.rejects.isEmpty()) {
                tally.rejects.stream().limit(REJECTS_SHOWN)
                        .forEach(r -> err.println("triage: rejected " + r.describe(s.input().displayName())));
                if (tally.rejects.size() > REJECTS_SHOWN) {
                    err.println("triage: ... and " + (tally.rejects.size() - REJECTS_SHOWN)
                            + " more problems; --rejects FILE writes them all");
                }
            }
            if (s.supplied().contains("cancel_reason") || s.supplied().contains("cancelled_by")) {
                tally.cancellations().ifPresent(err::println);
            }
            reader.warnings().forEach(w -> err.println("triage: warning: " + w));
            if (tally.createdAfterAsOf > 0) {
                // the usual cause is a wrong --as-of (or none, on an export from the future's point of view)
                err.println("triage: warning: " + tally.createdAfterAsOf + (tally.createdAfterAsOf == 1 ? " order was" : " orders were")
                        + " created after the as-of instant " + s.asOf() + " (the latest at " + tally.latestCreated
                        + "): their timers have not started; is --as-of right?");
            }
            err.println(tally.summary(reader.unmapped(), reader.skipped(), System.nanoTime() - start));
            err.flush();
        }
        return ExitCodes.OK;
    }

    /** What the HTML report shows of the run, besides its work queue. */
    private HtmlReport.Run reportRun(RunOptions.Setup s, Tally tally, long written) {
        TriageEngine engine = tally.engine();
        Map<String, String> packs = new HashMap<>();
        long defaults = 0;
        for (RuleInfo r : engine.rules()) {
            packs.put(r.name(), r.pack().map(RulePack::key).orElse(r.packageName()));
            if (!r.extra()) {
                defaults++;
            }
        }
        String rules = "the default rules (" + defaults + " rules in " + engine.activePacks().size() + " active packs)"
                + (run.rules.isEmpty() ? "" : " and the extra rules of " + run.rules.stream().map(Path::toString)
                .collect(Collectors.joining(", ")));
        String input = s.input().displayName();
        String name = input.equals("<stdin>") ? input : String.valueOf(Path.of(input).getFileName());
        String version = TriageCli.class.getPackage().getImplementationVersion();
        return new HtmlReport.Run(input, name, s.input().describe(), s.asOf().toString(), s.zone(), s.mapping().name(), rules,
                !run.rules.isEmpty(), run.sets, tally.read, tally.classified, tally.rejected, tally.attention, written,
                tally.acknowledgedFindings, tally.rejects, packs, tally.cancelled, tally.cancelledByReason,
                tally.cancelledByRole, version == null ? "(development build)" : version);
    }

    /** {@code path} opened for writing, or a usage error saying why it cannot be written. */
    private static AtomicOutput open(Path path, String option) throws UsageException {
        try {
            return new AtomicOutput(path);
        } catch (AtomicOutput.Unwritable e) {
            throw new UsageException(option + ": " + e.getMessage());
        }
    }

    /**
     * {@code -o} and {@code --rejects} must name two files, and neither may be one of the files read: the
     * output replaces its target, and an input replaced by results is lost.
     */
    private void checkDistinct() throws UsageException {
        if (output != null && rejectsFile != null && same(output, rejectsFile)) {
            throw new UsageException("-o/--output and --rejects name the same file " + output + "; give two files");
        }
        if (ruleStatsFile != null) {
            for (Path other : new Path[]{output, rejectsFile}) {
                if (other != null && same(ruleStatsFile, other)) {
                    throw new UsageException("--rule-stats names the same file as " + (other == output ? "-o/--output" : "--rejects")
                            + ": " + ruleStatsFile + "; give another file");
                }
            }
        }
        List<Path> inputs = new ArrayList<>();
        if (run.input != null && !run.input.equals("-")) {
            inputs.add(Path.of(run.input));
        }
        for (Path p : new Path[]{run.prices, run.deliveryTerms, run.acks}) {
            if (p != null) {
                inputs.add(p);
            }
        }
        for (Path in : inputs) {
            if (output != null && same(output, in)) {
                throw new UsageException("-o/--output " + output + " is also an input file; writing there would replace it");
            }
            if (rejectsFile != null && same(rejectsFile, in)) {
                throw new UsageException("--rejects " + rejectsFile + " is also an input file; writing there would replace it");
            }
            if (ruleStatsFile != null && same(ruleStatsFile, in)) {
                throw new UsageException("--rule-stats " + ruleStatsFile + " is also an input file; writing there would replace it");
            }
        }
    }

    /** Whether {@code a} and {@code b} are one regular file (or would be: the same path); {@code /dev/null} twice is fine. */
    private static boolean same(Path a, Path b) {
        if (Files.exists(a) && !Files.isRegularFile(a)) {
            return false;
        }
        try {
            if (Files.exists(a) && Files.exists(b)) {
                return Files.isSameFile(a, b);
            }
        } catch (java.io.IOException e) {
            // compared by name below
        }
        return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
    }

    private ProgressBar progressBar(RunOptions.Setup s) {
        if (noProgress || System.console() == null || s.input().size() < PROGRESS_MIN_BYTES) {
            return null;
        }
        return new ProgressBarBuilder().setTaskName("classify").setInitialMax(s.input().size())
                .setUnit(" MiB", 1 << 20).showSpeed()
                .setConsumer(new ConsoleProgressBarConsumer(System.err)).build();
    }

    /**
     * Classifies orders as they come, in batches, and counts everything the summary reports.
     * Batches are classified on the classifier threads while the reader parses the next ones, and
     * collected in the order they were read; at most two per thread (and two more) wait, so memory
     * stays bounded however long the input is.
     */
    private final class Tally implements OrderReader.Sink {
        final int inFlight;
        final CompletableFuture<TriageEngine> engine;
        final ExecutorService classifier;
        final Deque<Future<Classified>> pending = new ArrayDeque<>();
        final ResultWriter writer;
        List<Order> batch = new ArrayList<>(BATCH);
        /** What will be written, as sort keys and record texts, in bounded memory. */
        WorkQueue queue = new WorkQueue(WorkQueue.defaultBudget());
        List<Reject> rejects = new ArrayList<>();
        long read;
        long classified;
        long rejected;
        final Map<Priority, Long> attention = new EnumMap<>(Priority.class);
        final Acknowledgements acks;
        /** order id + NUL + code of every acknowledgement whose order has a finding of that code. */
        final Set<String> matchedAcks = new HashSet<>();
        long acknowledgedFindings;
        long cancelled;
        final Map<String, Long> cancelledByReason = new HashMap<>();
        final Map<String, Long> cancelledByRole = new HashMap<>();
        final Instant asOf;
        long createdAfterAsOf;
        Instant latestCreated;

        Tally(CompletableFuture<TriageEngine> engine, ExecutorService classifier, int threads, ResultWriter writer, Acknowledgements acks,
              Instant asOf) {
            this.asOf = asOf;
            this.engine = engine;
            this.classifier = classifier;
            this.writer = writer;
            this.inFlight = 2 * threads + 2;
            this.acks = acks;
        }

        /** The engine, once its rules have compiled; their failure, as thrown by the engine's builder. */
        TriageEngine engine() {
            try {
                return engine.join();
            } catch (CompletionException e) {
                if (e.getCause() instanceof RuntimeException re) {
                    throw re;
                }
                if (e.getCause() instanceof Error err) {
                    throw err;
                }
                throw e;
            }
        }

        void reset() {
            pending.forEach(f -> f.cancel(true));
            pending.clear();
            batch = new ArrayList<>(BATCH);
            try {
                queue.close();
            } catch (IOException e) {
                throw new IllegalStateException("cannot delete the work queue's temporary files: " + e.getMessage(), e);
            }
            queue = new WorkQueue(WorkQueue.defaultBudget());
            rejects = new ArrayList<>();
            read = classified = rejected = 0;
            attention.clear();
            matchedAcks.clear();
            acknowledgedFindings = cancelled = 0;
            cancelledByReason.clear();
            cancelledByRole.clear();
            createdAfterAsOf = 0;
            latestCreated = null;
        }

        @Override
        public void order(SourceOrder order) {
            read++;
            Order o = order.order();
            if (o.orderStatus() == OrderStatus.CANCELLED) {
                cancelled++;
                String reason = TriageSettings.reasonKey(o.cancelReason());
                cancelledByReason.merge(reason == null ? NONE : reason, 1L, Long::sum);
                cancelledByRole.merge(o.cancelledBy() == null ? NONE : o.cancelledBy().name(), 1L, Long::sum);
            }
            if (o.createdAt().isAfter(asOf)) {
                createdAfterAsOf++;
                if (latestCreated == null || o.createdAt().isAfter(latestCreated)) {
                    latestCreated = o.createdAt();
                }
            }
            batch.add(order.order());
            if (batch.size() == BATCH) {
                flush();
            }
        }

        @Override
        public void rejected(List<Reject> problems) {
            read++;
            rejected++;
            rejects.addAll(problems);
        }

        /** Hands the current batch to the classifier thread, first collecting the oldest when too many wait. */
        void flush() {
            if (batch.isEmpty()) {
                return;
            }
            List<Order> orders = batch;
            batch = new ArrayList<>(BATCH);
            while (pending.size() >= inFlight) {
                collect(pending.removeFirst());
            }
            pending.addLast(classifier.submit(() -> {
                List<TriageResult> rs = engine().classifyAll(orders);   // one result per order, in their order
                // the text of each record to write is made here, on a classifier thread, rather than on the one
                // thread that reads the input (it includes reading the phones: libphonenumber, ~12 µs a number);
                // only that text and the sort key are kept until the end
                List<WorkQueue.Entry> entries = new ArrayList<>();
                for (int i = 0; i < rs.size(); i++) {
                    TriageResult r = rs.get(i);
                    if (all || r.needsAttention()) {
                        entries.add(WorkQueue.Entry.of(r, writer.record(orders.get(i), r)));
                    }
                }
                return new Classified(rs, entries);
            }));
        }

        /** Classifies what is left and waits for every batch. */
        void finish() {
            flush();
            while (!pending.isEmpty()) {
                collect(pending.removeFirst());
            }
        }

        private void collect(Future<Classified> done) {
            Classified c;
            try {
                c = done.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while classifying", e);
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof RuntimeException re) {
                    throw re;
                }
                throw new IllegalStateException(cause);
            }
            for (TriageResult r : c.results()) {
                classified++;
                boolean mentioned = !acks.isEmpty() && acks.mentions(r.orderId());
                for (Finding f : r.findings()) {
                    if (f.acknowledged()) {
                        acknowledgedFindings++;
                    }
                    if (mentioned) {
                        matchedAcks.add(r.orderId() + '\0' + f.code());
                    }
                }
                if (r.needsAttention()) {
                    attention.merge(r.priority(), 1L, Long::sum);
                }
            }
            try {
                for (WorkQueue.Entry e : c.entries()) {
                    queue.add(e);
                }
            } catch (IOException e) {
                // not an UncheckedIOException: the reader would take that for a failure to read the input
                throw new IllegalStateException("cannot spill the work queue to a temporary file (" + e.getMessage()
                        + "); free space in " + System.getProperty("java.io.tmpdir") + " or name another directory"
                        + " with TRIAGE_JAVA_OPTS=-Djava.io.tmpdir=DIR", e);
            }
        }

        /** One batch's results and the entries of those to write. */
        private record Classified(List<TriageResult> results, List<WorkQueue.Entry> entries) {
        }

        String summary(Map<String, Integer> unmapped, long skippedRows, long nanos) {
            long total = attention.values().stream().mapToLong(Long::longValue).sum();
            StringBuilder b = new StringBuilder("triage: ").append(read).append(" orders read: ").append(classified)
                    .append(" classified, ").append(rejected).append(" rejected");
            if (skippedRows > 0) {
                b.append(", ").append(skippedRows).append(skippedRows == 1 ? " row" : " rows").append(" skipped by the mapping");
            }
            b.append("; attention ").append(total);
            if (total > 0) {
                b.append(" (");
                List<String> parts = new ArrayList<>();
                attention.forEach((p, n) -> parts.add(p + " " + n));
                b.append(String.join(", ", parts)).append(')');
            }
            if (!unmapped.isEmpty()) {
                // each value cut to a readable length, and at most UNMAPPED_SHOWN of them: the rejects list them all
                b.append("; unmapped values: ");
                List<String> parts = new ArrayList<>();
                unmapped.entrySet().stream().limit(UNMAPPED_SHOWN)
                        .forEach(e -> parts.add(Values.shortenQuoted(e.getKey()) + " x" + e.getValue()));
                b.append(String.join(", ", parts));
                if (unmapped.size() > UNMAPPED_SHOWN) {
                    b.append(" and ").append(unmapped.size() - UNMAPPED_SHOWN).append(" more");
                }
            }
            if (!acks.isEmpty()) {
                long unmatched = acks.all().stream().filter(a -> !matchedAcks.contains(a.orderId() + '\0' + a.code())).count();
                b.append("; acknowledged ").append(acknowledgedFindings).append(acknowledgedFindings == 1 ? " finding" : " findings");
                if (unmatched > 0) {
                    b.append(" (").append(unmatched).append(unmatched == 1 ? " acknowledgement" : " acknowledgements")
                            .append(" matched nothing)");
                }
            }
            double seconds = nanos / 1e9;
            b.append(String.format(java.util.Locale.ROOT, "; %.1f s, %.0f orders/s", seconds, read / Math.max(seconds, 1e-9)));
            return b.toString();
        }

        /**
         * {@code triage: cancelled orders 3: by reason CUSTOMER_REFUSED 2, (none) 1; by role OPERATOR 2, (none) 1},
         * for the analysis of lost orders (rulebook §15); empty when no order was cancelled.
         */
        Optional<String> cancellations() {
            if (cancelled == 0) {
                return Optional.empty();
            }
            return Optional.of("triage: cancelled orders " + cancelled + ": by reason " + counts(cancelledByReason)
                    + "; by role " + counts(cancelledByRole));
        }

        /**
         * Most frequent first, then by name, "(none)" last among equals; reasons are free text, so each is cut
         * to a readable length and at most {@value #COUNTS_SHOWN} are named.
         */
        private static String counts(Map<String, Long> m) {
            String shown = m.entrySet().stream()
                    .sorted(Comparator.<Map.Entry<String, Long>>comparingLong(Map.Entry::getValue).reversed()
                            .thenComparing(e -> e.getKey().equals(NONE))
                            .thenComparing(Map.Entry::getKey))
                    .limit(COUNTS_SHOWN)
                    .map(e -> Values.shorten(e.getKey()) + " " + e.getValue())
                    .collect(Collectors.joining(", "));
            return m.size() > COUNTS_SHOWN ? shown + " and " + (m.size() - COUNTS_SHOWN) + " more" : shown;
        }

        static final int COUNTS_SHOWN = 20;
    }

    /** How a missing cancellation reason or role is counted. */
    private static final String NONE = "(none)";
}
