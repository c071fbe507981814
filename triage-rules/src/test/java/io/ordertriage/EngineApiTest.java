package io.ordertriage;

import io.ordertriage.model.Finding;
import io.ordertriage.model.Order;
import io.ordertriage.model.TriageResult;
import io.ordertriage.reference.OrderGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.ordertriage.Fixtures.AS_OF;
import static io.ordertriage.Fixtures.CLOCK;
import static io.ordertriage.Fixtures.codes;
import static io.ordertriage.Fixtures.healthyOrder;
import static io.ordertriage.model.ConfirmationStatus.AWAITING;
import static io.ordertriage.model.ConfirmationStatus.CONFIRMED;
import static io.ordertriage.model.OrderStatus.CANCELLED;
import static io.ordertriage.model.OrderStatus.NEW;
import static io.ordertriage.model.PaymentStatus.PAID;
import static io.ordertriage.model.PaymentStatus.PENDING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EngineApiTest {

    private static final String EXTRA_RULE = """
            package custom.vip;

            import io.ordertriage.facts.OrderFact;
            import io.ordertriage.facts.FindingFact;
            import io.ordertriage.model.Priority;
            import io.ordertriage.model.Action;

            rule "VIP_ORDER orders of the VIP store are reviewed"
            when
                $o : OrderFact(store == "VIP")
            then
                insert(FindingFact.forOrder($o, "VIP_ORDER", Priority.P3, Action.REVIEW,
                    drools.getRule().getName(), "VIP store order"));
            end
            """;

    @Test
    void settingAPropertyTwiceFailsNamingIt() {
        TriageEngine.Builder b = TriageEngine.builder().clock(CLOCK);
        assertThatThrownBy(() -> b.clock(Clock.systemUTC()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("clock is already set");
        b.settings(TriageSettings.defaults());
        assertThatThrownBy(() -> b.settings(TriageSettings.defaults()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("settings is already set");
        b.batchSize(10);
        assertThatThrownBy(() -> b.batchSize(20)).hasMessageContaining("batchSize is already set to 10");
        assertThatThrownBy(() -> TriageEngine.builder().batchSize(0)).hasMessageContaining("at least 1, got 0");
    }

    @Test
    void addingTheSameRulesTwiceFails(@TempDir Path dir) {
        TriageEngine.Builder b = TriageEngine.builder().addRules(dir);
        assertThatThrownBy(() -> b.addRules(dir)).hasMessageContaining("already added");
    }

    @Test
    void extraRulesAreAddedToTheDefaultRules(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("vip.drl"), EXTRA_RULE);
        TriageEngine engine = TriageEngine.builder().clock(CLOCK).addRules(dir).build();
        TriageResult vip = engine.classify(healthyOrder("V", CANCELLED, PAID, CONFIRMED).store("VIP").build());
        assertThat(codes(vip)).containsExactly("CANCELLED_BUT_PAID", "VIP_ORDER");
        assertThat(vip.findings().get(1).rule()).isEqualTo("VIP_ORDER orders of the VIP store are reviewed");
        assertThat(engine.ruleCount()).isEqualTo(Fixtures.engine().ruleCount() + 1);
    }

    @Test
    void ruleStatsCountTheOrdersEachRuleFiredForOnEveryThread() {
        List<Order> orders = new OrderGenerator(7, AS_OF).orders(3_000);
        RuleStats stats = new RuleStats();
        TriageEngine engine = TriageEngine.builder().clock(CLOCK).priceList(OrderGenerator.priceList())
                .deliveryTerms(OrderGenerator.deliveryTerms()).ruleStats(stats).build();
        ExecutorService pool = Executors.newFixedThreadPool(3);
        List<TriageResult> results;
        try {
            results = engine.classifyAll(orders, AS_OF, pool);
        } finally {
            pool.shutdownNow();
        }
        assertThat(stats.ordersClassified()).isEqualTo(orders.size());
        // every rule the engine runs is listed, fired or not
        assertThat(stats.entries()).hasSize(engine.ruleCount());
        Map<String, RuleStats.Entry> byRule = new HashMap<>();
        stats.entries().forEach(e -> byRule.put(e.rule(), e));
        // a rule fired for every order that carries a finding of it; for exactly those, except the status
        // diagnoses, of which an order shows only the most urgent (the others fired and raised nothing)
        Map<String, Long> ordersWithFindingOf = new HashMap<>();
        for (TriageResult r : results) {
            r.findings().stream().map(Finding::rule).distinct().forEach(rule -> ordersWithFindingOf.merge(rule, 1L, Long::sum));
        }
        assertThat(ordersWithFindingOf).hasSizeGreaterThan(20);
        ordersWithFindingOf.forEach((rule, n) -> {
            RuleStats.Entry e = byRule.get(rule);
            if (e.packageName().equals(RulePack.STATUS.packageName())) {
                assertThat(e.orders()).as(rule).isGreaterThanOrEqualTo(n);
            } else {
                assertThat(e.orders()).as(rule).isEqualTo(n);
            }
        });
        for (RuleStats.Entry e : stats.entries()) {
            assertThat(e.firings()).as(e.rule()).isGreaterThanOrEqualTo(e.orders());
            assertThat(e.fired()).isEqualTo(e.firings() > 0);
        }
        // the normal combinations: each normal order is counted once by the rule that names its combination
        long normal = results.stream().filter(r -> r.normalCombination() != null).count();
        long normalFirings = stats.entries().stream().filter(e -> e.packageName().equals(RulePack.STATUS.packageName())
                && e.rule().matches("N\\d\\d .*")).mapToLong(RuleStats.Entry::orders).sum();
        assertThat(normalFirings).isGreaterThanOrEqualTo(normal);
    }

    @Test
    void ruleStatsListOnlyTheRulesThatRunAndNeverFiredOnesWithZero() {
        RuleStats stats = new RuleStats();
        TriageEngine engine = TriageEngine.builder().clock(CLOCK).ruleStats(stats)
                .settings(TriageSettings.defaults().withPack(RulePack.TIMERS, false)).build();
        engine.classify(healthyOrder("A", NEW, PENDING, AWAITING).build());
        assertThat(stats.entries()).hasSize(engine.ruleCount())
                .noneMatch(e -> e.packageName().equals(RulePack.TIMERS.packageName()))
                .noneMatch(e -> e.packageName().equals(RulePack.PRICING.packageName()))
                .anyMatch(e -> !e.fired() && e.orders() == 0);
        assertThat(stats.ordersClassified()).isEqualTo(1);
        assertThatThrownBy(() -> TriageEngine.builder().ruleStats(stats).ruleStats(new RuleStats()))
                .hasMessageContaining("ruleStats is already set");
    }

    @Test
    void rulesSayWhereEachRuleIsWritten(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("vip.drl"), EXTRA_RULE);
        TriageEngine engine = TriageEngine.builder().clock(CLOCK).addRules(dir).build();
        List<RuleInfo> rules = engine.rules();
        assertThat(rules).hasSize(engine.ruleCount());
        RuleInfo vip = rules.get(rules.size() - 1);
        assertThat(vip).isEqualTo(new RuleInfo("custom.vip", "VIP_ORDER orders of the VIP store are reviewed",
                dir.resolve("vip.drl").toString(), 8, true));
        assertThat(vip.pack()).isEmpty();
        RuleInfo age = rules.stream().filter(r -> r.name().startsWith("AGE_NOT_VERIFIED")).findFirst().orElseThrow();
        assertThat(age.pack()).contains(RulePack.AGE);
        assertThat(age.extra()).isFalse();
        assertThat(age.source()).isEqualTo("io/ordertriage/rules/age/age.drl");
        assertThat(age.line()).isPositive();
        assertThat(rules).allSatisfy(r -> assertThat(r.line()).as(r.name()).isPositive());
        // the pre-built rules too, without the pricing pack (no price list)
        List<RuleInfo> prebuilt = Fixtures.engine().rules();
        assertThat(prebuilt).hasSize(Fixtures.engine().ruleCount()).noneMatch(RuleInfo::extra)
                .noneMatch(r -> r.pack().orElseThrow() == RulePack.PRICING)
                .allSatisfy(r -> assertThat(r.line()).as(r.name()).isPositive());
    }

    @Test
    void aBrokenRuleFileIsReportedWithItsFileLineAndColumn(@TempDir Path dir) throws IOException {
        Path bad = dir.resolve("broken.drl");
        Files.writeString(bad, """
                package custom.broken;

                import io.ordertriage.facts.OrderFact;

                rule "typo in a field"
                when
                    $o : OrderFact(paymentStatuss == null)
                then
                end
                """);
        assertThatThrownBy(() -> TriageEngine.builder().addRules(dir).build())
                .isInstanceOfSatisfying(RuleCompilationException.class, e -> {
                    assertThat(e.problems()).isNotEmpty();
                    RuleProblem p = e.problems().get(0);
                    assertThat(p.file()).isEqualTo(bad.toString());
                    assertThat(p.line()).isEqualTo(7);
                    assertThat(p.column()).as("column of the bad expression").isEqualTo(20);
                    assertThat(p.message()).contains("paymentStatuss");
                    assertThat(e.getMessage()).contains(bad + ":7:20: ");
                });
    }

    @Test
    void aSyntaxErrorIsReportedWithItsColumn(@TempDir Path dir) throws IOException {
        Path bad = dir.resolve("syntax.drl");
        Files.writeString(bad, """
                package custom.syntax;

                rule "unclosed"
                when
                    String( length > 1
                then
                end
                """);
        assertThatThrownBy(() -> TriageEngine.builder().addRules(bad).build())
                .isInstanceOfSatisfying(RuleCompilationException.class, e -> {
                    RuleProblem p = e.problems().get(0);
                    assertThat(p.file()).isEqualTo(bad.toString());
                    assertThat(p.line()).isEqualTo(6);
                    assertThat(p.column()).isEqualTo(1);
                    assertThat(p.message()).contains("mismatched input 'then'");
                    assertThat(e.problems()).as("no line-less echo of the same error").allMatch(q -> q.line() > 0);
                    assertThat(p.toString()).startsWith(bad + ":" + p.line() + ":" + p.column() + ": ");
                });
    }

    @Test
    void problemsInSeveralFilesAreAllListed(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("a.drl"), "package a;\nrule \"a\" when\n  NoSuchFact()\nthen end\n");
        Files.writeString(dir.resolve("b.drl"), "package b;\nrule \"b\" when\n  AlsoMissing()\nthen end\n");
        assertThatThrownBy(() -> TriageEngine.builder().addRules(dir).build())
                .isInstanceOfSatisfying(RuleCompilationException.class, e ->
                        assertThat(e.problems()).extracting(RuleProblem::file)
                                .contains(dir.resolve("a.drl").toString(), dir.resolve("b.drl").toString()));
    }

    @Test
    void aMissingOrEmptyRuleLocationIsAClearError(@TempDir Path dir) throws IOException {
        assertThatThrownBy(() -> TriageEngine.builder().addRules(dir.resolve("nope")).build())
                .isInstanceOf(TriageException.class).hasMessageContaining("nope does not exist");
        assertThatThrownBy(() -> TriageEngine.builder().addRules(dir).build())
                .isInstanceOf(TriageException.class).hasMessageContaining("contains no rule files (.drl, or decision tables .drl.csv)");
        Path txt = Files.writeString(dir.resolve("rules.txt"), "x");
        assertThatThrownBy(() -> TriageEngine.builder().addRules(txt).build())
                .hasMessageContaining("is neither a .drl file nor a decision table (.drl.csv)");
    }

    @Test
    void aSwitchedOffPackRaisesNothing() {
        TriageEngine noTimers = TriageEngine.builder().clock(CLOCK)
                .settings(TriageSettings.defaults().withPack(RulePack.TIMERS, false)).build();
        Order late = healthyOrder("L", NEW, PENDING, AWAITING).createdAt(AS_OF.minus(Duration.ofHours(1))).build();
        assertThat(codes(Fixtures.engine().classify(late))).contains("PAYMENT_OVERDUE");
        assertThat(codes(noTimers.classify(late))).isEmpty();
        assertThat(noTimers.activePacks()).doesNotContain(RulePack.TIMERS, RulePack.PRICING);

        TriageEngine noStatus = TriageEngine.builder().clock(CLOCK)
                .settings(TriageSettings.defaults().with("status.enabled", "false")).build();
        TriageResult r = noStatus.classify(healthyOrder("S", CANCELLED, PAID, CONFIRMED).build());
        assertThat(r.findings()).isEmpty();
        assertThat(r.normalCombination()).isNull();
    }

    @Test
    void theAsOfInstantComesFromTheClock() {
        Order o = healthyOrder("C", NEW, PENDING, AWAITING).createdAt(AS_OF).build();
        TriageEngine later = TriageEngine.builder().clock(Clock.fixed(AS_OF.plus(Duration.ofHours(1)), ZoneOffset.UTC)).build();
        assertThat(codes(Fixtures.engine().classify(o))).isEmpty();
        assertThat(codes(later.classify(o))).containsExactlyInAnyOrder("PAYMENT_OVERDUE", "CONFIRMATION_OVERDUE");
        assertThat(codes(Fixtures.engine().classifyAll(List.of(o), AS_OF.plus(Duration.ofHours(1))).get(0)))
                .containsExactlyInAnyOrder("PAYMENT_OVERDUE", "CONFIRMATION_OVERDUE");
    }

    @Test
    void classifyAllKeepsTheInputOrderAcrossBatches() {
        List<Order> orders = new ArrayList<>();
        for (int i = 0; i < 250; i++) {
            orders.add(healthyOrder("O" + i, i % 2 == 0 ? CANCELLED : NEW, PAID, CONFIRMED).build());
        }
        List<TriageResult> rs = TriageEngine.builder().clock(CLOCK).batchSize(7).build().classifyAll(orders);
        assertThat(rs).extracting(TriageResult::orderId).containsExactlyElementsOf(orders.stream().map(Order::orderId).toList());
        assertThat(rs.get(0).findings()).extracting("code").containsExactly("CANCELLED_BUT_PAID");
        assertThat(rs.get(1).findings()).extracting("code").containsExactly("STATUS_UNRECOGNISED");
        assertThat(Fixtures.engine().classifyAll(List.of())).isEmpty();
    }

    @Test
    void severalThreadsGetTheSameResultsAsOne() throws Exception {
        List<Order> orders = new ArrayList<>();
        Instant t = AS_OF.minus(Duration.ofMinutes(45));
        int i = 0;
        for (var os : io.ordertriage.model.OrderStatus.values()) {
            for (var ps : io.ordertriage.model.PaymentStatus.values()) {
                for (var cs : io.ordertriage.model.ConfirmationStatus.values()) {
                    orders.add(Order.builder("M" + i++).createdAt(t).statuses(os, ps, cs).build());
                }
            }
        }
        TriageEngine engine = Fixtures.engine();
        List<TriageResult> expected = engine.classifyAll(orders);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<TriageResult>>> futures = new ArrayList<>();
            for (int k = 0; k < 16; k++) {
                Callable<List<TriageResult>> job = k % 2 == 0
                        ? () -> engine.classifyAll(orders)
                        : () -> orders.stream().map(engine::classify).toList();
                futures.add(pool.submit(job));
            }
            for (Future<List<TriageResult>> f : futures) {
                assertThat(f.get()).isEqualTo(expected);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void classifyAllOnAnExecutorGivesTheSameResultsInTheSameOrderOnItsThreads() {
        List<Order> orders = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            orders.add(healthyOrder("P" + i, i % 3 == 0 ? CANCELLED : NEW, i % 5 == 0 ? PENDING : PAID,
                    i % 7 == 0 ? AWAITING : CONFIRMED).createdAt(AS_OF.minus(Duration.ofMinutes(i % 90))).build());
        }
        TriageEngine engine = TriageEngine.builder().clock(CLOCK).batchSize(13).build();
        java.util.Set<String> threads = java.util.concurrent.ConcurrentHashMap.newKeySet();
        ExecutorService pool = Executors.newFixedThreadPool(3, r -> new Thread(() -> {
            threads.add(Thread.currentThread().getName());
            r.run();
        }, "pool-" + threads.size()));
        try {
            List<TriageResult> parallel = engine.classifyAll(orders, AS_OF, pool);
            assertThat(parallel).isEqualTo(engine.classifyAll(orders, AS_OF));
            assertThat(parallel).extracting(TriageResult::orderId)
                    .containsExactlyElementsOf(orders.stream().map(Order::orderId).toList());
            assertThat(threads).as("batches ran on the pool's threads").isNotEmpty();
            assertThat(engine.classifyAll(List.of(), AS_OF, pool)).isEmpty();
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void classifyAllOnAnExecutorPassesOnWhatTheExecutorThrows() {
        List<Order> orders = List.of(healthyOrder("X1", NEW, PAID, CONFIRMED).build());
        java.util.concurrent.Executor refusing = task -> {
            throw new java.util.concurrent.RejectedExecutionException("pool is shut down");
        };
        assertThatThrownBy(() -> Fixtures.engine().classifyAll(orders, AS_OF, refusing))
                .isInstanceOf(java.util.concurrent.RejectedExecutionException.class).hasMessage("pool is shut down");
        assertThatThrownBy(() -> Fixtures.engine().classifyAll(orders, AS_OF, null))
                .isInstanceOf(NullPointerException.class).hasMessage("executor");
    }

    @Test
    void rulesCompiledAtRunTimeDecideLikeThePrebuiltOnes(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("vip.drl"), EXTRA_RULE);
        TriageEngine compiled = TriageEngine.builder().clock(CLOCK).addRules(dir).build();
        List<Order> orders = new ArrayList<>();
        int i = 0;
        for (var os : io.ordertriage.model.OrderStatus.values()) {
            for (var ps : io.ordertriage.model.PaymentStatus.values()) {
                for (var cs : io.ordertriage.model.ConfirmationStatus.values()) {
                    orders.add(Order.builder("M" + i++).createdAt(AS_OF.minus(Duration.ofHours(i % 80)))
                            .updatedAt(AS_OF.minus(Duration.ofHours(i % 80)))
                            .estimatedDeliveryAt(AS_OF.minus(Duration.ofMinutes(i % 3 - 1)))
                            .statuses(os, ps, cs).build());
                }
            }
        }
        assertThat(compiled.classifyAll(orders)).isEqualTo(Fixtures.engine().classifyAll(orders));
    }
}
