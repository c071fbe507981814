package io.ordertriage;

import io.ordertriage.model.Finding;
import io.ordertriage.model.Order;
import io.ordertriage.model.TriageResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

import static io.ordertriage.Fixtures.AS_OF;
import static io.ordertriage.Fixtures.CLOCK;
import static io.ordertriage.Fixtures.healthyOrder;
import static io.ordertriage.model.ConfirmationStatus.CONFIRMED;
import static io.ordertriage.model.OrderStatus.NEW;
import static io.ordertriage.model.PaymentStatus.PAID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReloadingEngineTest {
    @TempDir
    Path dir;

    /** A rule raising {@code code} for every order of the VIP store, as many times as {@code copies} rules. */
    private static String vipRules(String code, int copies) {
        StringBuilder drl = new StringBuilder("""
                package custom.vip;
                import io.ordertriage.facts.OrderFact;
                import io.ordertriage.facts.FindingFact;
                import io.ordertriage.model.Priority;
                import io.ordertriage.model.Action;
                """);
        for (int i = 0; i < copies; i++) {
            drl.append("rule \"").append(code).append(" ").append(i).append("\"\nwhen\n    $o : OrderFact(store == \"VIP\")\nthen\n")
                    .append("    insert(FindingFact.forOrder($o, \"").append(code).append("\", Priority.P3, Action.REVIEW, ")
                    .append("drools.getRule().getName(), \"VIP\"));\nend\n");
        }
        return drl.toString();
    }

    private static List<String> vipCodes(TriageResult r) {
        return r.findings().stream().map(Finding::code).filter(c -> c.startsWith("VIP")).toList();
    }

    /** Checked by the watcher every {@code interval}; an hour leaves the checks to the test's own reload() calls. */
    private ReloadingEngine.Builder watching(Path rules, Duration interval) {
        return ReloadingEngine.builder(() -> TriageEngine.builder().clock(CLOCK).addRules(rules)).interval(interval);
    }

    private static final Duration BY_HAND = Duration.ofHours(1);

    private static final Order VIP_ORDER = healthyOrder("V", NEW, PAID, CONFIRMED).store("VIP").build();

    @Test
    void aChangedRuleFileServesFromTheNextCall() throws Exception {
        Path file = Files.writeString(dir.resolve("vip.drl"), vipRules("VIP_A", 1));
        List<TriageEngine> reloaded = new CopyOnWriteArrayList<>();
        try (ReloadingEngine engine = watching(dir, BY_HAND).listener(new ReloadingEngine.Listener() {
            @Override
            public void reloaded(TriageEngine e) {
                reloaded.add(e);
            }
        }).build()) {
            assertThat(vipCodes(engine.classify(VIP_ORDER))).containsExactly("VIP_A");
            assertThat(engine.reload()).as("nothing changed").isFalse();
            Files.writeString(file, vipRules("VIP_B", 1));
            assertThat(engine.reload()).isTrue();
            assertThat(vipCodes(engine.classify(VIP_ORDER))).containsExactly("VIP_B");
            assertThat(reloaded).containsExactly(engine.current());
        }
    }

    @Test
    void theWatcherNoticesAChangeWithoutBeingAsked() throws Exception {
        Path file = Files.writeString(dir.resolve("vip.drl"), vipRules("VIP_A", 1));
        try (ReloadingEngine engine = watching(dir, Duration.ofMillis(20)).build()) {
            assertThat(vipCodes(engine.classify(VIP_ORDER))).containsExactly("VIP_A");
            Files.writeString(file, vipRules("VIP_B", 1));   // same size: the checksum tells them apart
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (!vipCodes(engine.classify(VIP_ORDER)).equals(List.of("VIP_B")) && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(vipCodes(engine.classify(VIP_ORDER))).containsExactly("VIP_B");
        }
    }

    @Test
    void callsDuringReloadsSeeEitherTheOldRulesOrTheNewNeverAMix() throws Exception {
        // each version has five rules raising the same code: a half-swapped engine would raise some of each
        Path file = Files.writeString(dir.resolve("vip.drl"), vipRules("VIP_A", 5));
        ExecutorService callers = Executors.newFixedThreadPool(3);
        AtomicBoolean stop = new AtomicBoolean();
        try (ReloadingEngine engine = watching(dir, BY_HAND).build()) {
            List<Future<List<String>>> seen = new ArrayList<>();
            for (int t = 0; t < 3; t++) {
                seen.add(callers.submit(() -> {
                    List<String> codes = new ArrayList<>();
                    while (!stop.get()) {
                        for (TriageResult r : engine.classifyAll(List.of(VIP_ORDER, VIP_ORDER, VIP_ORDER), AS_OF)) {
                            codes.add(String.join(",", vipCodes(r)));
                        }
                    }
                    return codes;
                }));
            }
            for (int i = 0; i < 6; i++) {
                Files.writeString(file, vipRules(i % 2 == 0 ? "VIP_B" : "VIP_A", 5));
                engine.reload();
            }
            stop.set(true);
            List<String> all = new ArrayList<>();
            for (Future<List<String>> f : seen) {
                all.addAll(f.get());
            }
            assertThat(all).isNotEmpty().allSatisfy(codes ->
                    assertThat(codes).isIn("VIP_A,VIP_A,VIP_A,VIP_A,VIP_A", "VIP_B,VIP_B,VIP_B,VIP_B,VIP_B"));
            assertThat(all).contains("VIP_A,VIP_A,VIP_A,VIP_A,VIP_A");
        } finally {
            callers.shutdownNow();
        }
    }

    @Test
    void aChangeThatDoesNotCompileKeepsTheCurrentRulesAndIsReported() throws Exception {
        Path file = Files.writeString(dir.resolve("vip.drl"), vipRules("VIP_A", 1));
        List<TriageException> failures = new CopyOnWriteArrayList<>();
        try (ReloadingEngine engine = watching(dir, BY_HAND).listener(new ReloadingEngine.Listener() {
            @Override
            public void failed(TriageException problem) {
                failures.add(problem);
            }
        }).build()) {
            TriageEngine before = engine.current();
            Files.writeString(file, "package custom.vip;\nrule \"broken\" when\n  Nope()\nthen end\n");
            assertThatThrownBy(engine::reload).isInstanceOf(RuleCompilationException.class).hasMessageContaining("vip.drl:3:");
            assertThat(failures).hasSize(1);
            assertThat(((RuleCompilationException) failures.get(0)).problems()).isNotEmpty();
            assertThat(engine.current()).isSameAs(before);
            assertThat(vipCodes(engine.classify(VIP_ORDER))).containsExactly("VIP_A");
            assertThat(engine.reload()).as("the same broken files are not tried again").isFalse();
            Files.writeString(file, vipRules("VIP_B", 1));
            assertThat(engine.reload()).isTrue();
            assertThat(vipCodes(engine.classify(VIP_ORDER))).containsExactly("VIP_B");
        }
    }

    @Test
    void closeStopsTheWatcherAndTheEngine() throws IOException {
        Files.writeString(dir.resolve("vip.drl"), vipRules("VIP_A", 1));
        ReloadingEngine engine = watching(dir, Duration.ofMillis(20)).build();
        assertThat(watcherThreads()).isPositive();
        engine.close();
        assertThat(watcherThreads()).isZero();
        assertThatThrownBy(() -> engine.classify(VIP_ORDER)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
        engine.close();   // idempotent
    }

    @Test
    void aBuilderWithoutRulesHasNothingToWatch() {
        assertThatThrownBy(() -> ReloadingEngine.builder(() -> TriageEngine.builder().clock(CLOCK)).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nothing to watch");
        assertThat(watcherThreads()).isZero();
    }

    private static long watcherThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("triage-rules-watcher") && t.isAlive()).count();
    }
}
