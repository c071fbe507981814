package io.ordertriage.cli.io;

import io.ordertriage.model.Action;
import io.ordertriage.model.Finding;
import io.ordertriage.model.Priority;
import io.ordertriage.model.TriageResult;
import io.ordertriage.model.Verdict;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The work queue sorts as {@link TriageResult#WORK_QUEUE_ORDER}, in memory or through spilled runs. */
class WorkQueueTest {
    @Test
    void spilledRunsMergeIntoTheSameOrderAsASortInMemory() throws IOException {
        Random random = new Random(5);
        List<TriageResult> results = new ArrayList<>();
        Priority[] priorities = {Priority.P1, Priority.P2, Priority.P3, Priority.P4, null};
        for (int i = 0; i < 5_000; i++) {
            Priority p = priorities[random.nextInt(priorities.length)];
            Instant created = Instant.ofEpochSecond(1_770_000_000L + random.nextInt(50), random.nextInt(3) * 500_000_000);
            boolean attention = p != null && p != Priority.P4;
            List<Finding> findings = p == null ? List.of()
                    : List.of(new Finding("X", p, Action.REVIEW, null, "X rule", "look"));
            results.add(new TriageResult("O-" + random.nextInt(100_000) + "-" + i, created,
                    attention ? Verdict.ATTENTION : Verdict.OK, attention ? p : null, attention ? null : "N01", findings,
                    List.of(), null));
        }
        List<String> expected = results.stream().sorted(TriageResult.WORK_QUEUE_ORDER).map(TriageResult::orderId).toList();
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        long before = countRuns(tmp);
        try (WorkQueue small = new WorkQueue(10_000); WorkQueue large = new WorkQueue(WorkQueue.defaultBudget())) {
            for (TriageResult r : results) {
                small.add(WorkQueue.Entry.of(r, "text of " + r.orderId() + " ünïcode\n"));
                large.add(WorkQueue.Entry.of(r, r.orderId()));
            }
            assertThat(small.spilled()).as("runs spilled with a small budget").isGreaterThan(10);
            assertThat(large.spilled()).isZero();
            assertThat(ids(small.sorted())).containsExactlyElementsOf(expected);
            assertThat(ids(large.sorted())).containsExactlyElementsOf(expected);
            assertThat(small.size()).isEqualTo(results.size());
        }
        assertThat(countRuns(tmp)).as("spilled runs are deleted").isEqualTo(before);
    }

    @Test
    void textsComeBackAsTheyWentIn() throws IOException {
        try (WorkQueue q = new WorkQueue(1)) {
            TriageResult r = new TriageResult("Р-1", Instant.EPOCH, Verdict.OK, null, "N01", List.of(), List.of(), null);
            String text = "\"Р-1\",\"line with \r\n a break\", emoji 😀\n";
            q.add(WorkQueue.Entry.of(r, text));
            Iterator<WorkQueue.Entry> it = q.sorted();
            assertThat(it.next().text()).isEqualTo(text);
            assertThat(it.hasNext()).isFalse();
        }
    }

    private static List<String> ids(Iterator<WorkQueue.Entry> it) {
        List<String> out = new ArrayList<>();
        it.forEachRemaining(e -> out.add(e.orderId()));
        return out;
    }

    private static long countRuns(Path dir) throws IOException {
        try (var files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().startsWith("triage-queue-")).count();
        }
    }
}
