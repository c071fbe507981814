package io.ordertriage.cli.io;

import io.ordertriage.model.TriageResult;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;

/**
 * The work queue of a run in bounded memory: each result is kept only as its sort key
 * ({@link TriageResult#WORK_QUEUE_ORDER}: priority, created_at, order id) and the text of its output
 * record, never as the result itself; when the kept texts pass {@code memoryBudget} characters they are
 * sorted and spilled to a temporary file, and {@link #sorted()} merges the files. A run of millions of
 * orders therefore sorts in a few tens of megabytes of heap. Not thread-safe.
 */
public final class WorkQueue implements Closeable {
    /** One result as the queue keeps it. */
    public record Entry(int priority, long epochSecond, int nano, String orderId, String text) {
        /** {@code text}: the result's output record ({@link ResultWriter#record}). */
        public static Entry of(TriageResult r, String text) {
            return new Entry(r.priority() == null ? Integer.MAX_VALUE : r.priority().ordinal(),
                    r.createdAt().getEpochSecond(), r.createdAt().getNano(), r.orderId(), text);
        }

        long chars() {
            return 48L + orderId.length() + text.length();
        }
    }

    /** The order of {@link TriageResult#WORK_QUEUE_ORDER}, on the kept keys. */
    static final Comparator<Entry> ORDER = Comparator.comparingInt(Entry::priority)
            .thenComparingLong(Entry::epochSecond)
            .thenComparingInt(Entry::nano)
            .thenComparing(Entry::orderId);

    private final long memoryBudget;
    private final List<Entry> kept = new ArrayList<>();
    private final List<Path> runs = new ArrayList<>();
    private long keptChars;
    private long size;

    /** @param memoryBudget characters of record text kept in memory before a sorted run is spilled to disk */
    public WorkQueue(long memoryBudget) {
        if (memoryBudget < 1) {
            throw new IllegalArgumentException("memory budget " + memoryBudget);
        }
        this.memoryBudget = memoryBudget;
    }

    /** A budget of an eighth of the heap the JVM may use, counted in characters (two bytes each). */
    public static long defaultBudget() {
        return Math.max(1 << 20, Runtime.getRuntime().maxMemory() / 16);
    }

    public void add(Entry e) throws IOException {
        kept.add(e);
        keptChars += e.chars();
        size++;
        if (keptChars >= memoryBudget) {
            spill();
        }
    }

    public long size() {
        return size;
    }

    /** How many sorted runs went to disk (0 when the queue fit in memory). */
    public int spilled() {
        return runs.size();
    }

    /** Every entry, in work-queue order; the queue is consumed. */
    public Iterator<Entry> sorted() throws IOException {
        kept.sort(ORDER);
        if (runs.isEmpty()) {
            return kept.iterator();
        }
        spill();
        List<Run> readers = new ArrayList<>(runs.size());
        for (Path p : runs) {
            readers.add(new Run(p));
        }
        return new Merge(readers);
    }

    private void spill() throws IOException {
        if (kept.isEmpty()) {
            return;
        }
        kept.sort(ORDER);
        Path file = Files.createTempFile("triage-queue-", ".run");
        runs.add(file);
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16))) {
            for (Entry e : kept) {
                out.writeInt(e.priority());
                out.writeLong(e.epochSecond());
                out.writeInt(e.nano());
                bytes(out, e.orderId());
                bytes(out, e.text());
            }
        }
        kept.clear();
        keptChars = 0;
    }

    private static void bytes(DataOutputStream out, String s) throws IOException {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    /** Deletes the spilled runs. */
    @Override
    public void close() throws IOException {
        IOException failed = null;
        for (Path p : runs) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException e) {
                failed = e;
            }
        }
        runs.clear();
        kept.clear();
        if (failed != null) {
            throw failed;
        }
    }

    /** One spilled run, read back in order. */
    private static final class Run {
        final DataInputStream in;
        Entry head;

        Run(Path file) throws IOException {
            in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16));
            advance();
        }

        void advance() throws IOException {
            int priority;
            try {
                priority = in.readInt();
            } catch (EOFException end) {
                head = null;
                in.close();
                return;
            }
            head = new Entry(priority, in.readLong(), in.readInt(), string(), string());
        }

        private String string() throws IOException {
            byte[] b = new byte[in.readInt()];
            in.readFully(b);
            return new String(b, StandardCharsets.UTF_8);
        }
    }

    /** A k-way merge of the runs. */
    private static final class Merge implements Iterator<Entry> {
        final PriorityQueue<Run> heads = new PriorityQueue<>((a, b) -> ORDER.compare(a.head, b.head));

        Merge(List<Run> runs) {
            for (Run r : runs) {
                if (r.head != null) {
                    heads.add(r);
                }
            }
        }

        @Override
        public boolean hasNext() {
            return !heads.isEmpty();
        }

        @Override
        public Entry next() {
            Run r = heads.poll();
            if (r == null) {
                throw new NoSuchElementException();
            }
            Entry e = r.head;
            try {
                r.advance();
            } catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
            if (r.head != null) {
                heads.add(r);
            }
            return e;
        }
    }
}
