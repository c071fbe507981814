package io.ordertriage;

import io.ordertriage.internal.RuleBase;
import io.ordertriage.model.Order;
import io.ordertriage.model.TriageResult;
import io.ordertriage.reference.Decision;
import io.ordertriage.reference.OrderGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static io.ordertriage.Fixtures.AS_OF;
import static io.ordertriage.Fixtures.CLOCK;
import static io.ordertriage.Fixtures.codes;
import static io.ordertriage.Fixtures.healthyOrder;
import static io.ordertriage.model.ConfirmationStatus.CONFIRMED;
import static io.ordertriage.model.OrderStatus.CANCELLED;
import static io.ordertriage.model.PaymentStatus.PAID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link TriageEngine.Builder#compileAlphaNetwork}: the network is really compiled (the default rules
 * write constraints over several lines, which Drools' compiler cannot take as they are), and an
 * engine so built decides exactly as one that is not. The differential property also runs compiled
 * engines against the reference ({@code DifferentialPropertyTest.compiledAlphaNetwork}). By default
 * an engine compiles a copy of its base in the background once it has classified enough orders,
 * and switches to it without changing a result.
 */
class CompiledAlphaNetworkTest {

    /** A constraint over three lines, in a rule author's file. */
    private static final String EXTRA_RULE = """
            package custom.vip;

            import io.ordertriage.facts.OrderFact;
            import io.ordertriage.facts.FindingFact;
            import io.ordertriage.model.Priority;
            import io.ordertriage.model.Action;

            rule "VIP_ORDER orders of the VIP store are reviewed"
            when
                $o : OrderFact(store == "VIP"
                               && orderId != "none"
                               && orderId != null)
            then
                insert(FindingFact.forOrder($o, "VIP_ORDER", Priority.P3, Action.REVIEW,
                    drools.getRule().getName(), "VIP store order"));
            end
            """;

    @Test
    void theDefaultRulesCompileForEveryFactTypeTheyMatch() {
        RuleBase base = RuleBase.load(getClass().getClassLoader(), List.of());
        RuleBase.CompiledAlphaNetwork compiled = base.compileAlphaNetwork();
        assertThat(compiled.factTypes()).contains("io.ordertriage.facts.OrderFact", "io.ordertriage.facts.LineFact",
                "io.ordertriage.facts.FindingFact", "io.ordertriage.facts.ComboSet");
        // every alpha constraint of the default rules is a lambda on its pattern's fact: called directly
        assertThat(compiled.directConstraints()).isGreaterThan(100);
    }

    @Test
    void aBaseWithPacksSwitchedOffCompilesToo() {
        RuleBase base = RuleBase.load(getClass().getClassLoader(), List.of())
                .withoutPackages(Set.of(RulePack.MONEY.packageName(), RulePack.DELIVERY.packageName()));
        assertThat(base.compileAlphaNetwork().factTypes()).contains("io.ordertriage.facts.OrderFact");
    }

    @Test
    void aCompiledEngineDecidesAsAnUncompiledOneOnTheBenchmarkBatch() {
        List<Order> orders = new OrderGenerator(11, AS_OF).orders(4_000);
        TriageEngine compiled = TriageEngine.builder().clock(CLOCK).priceList(OrderGenerator.priceList())
                .deliveryTerms(OrderGenerator.deliveryTerms()).compileAlphaNetwork(true).build();
        TriageEngine interpreted = TriageEngine.builder().clock(CLOCK).priceList(OrderGenerator.priceList())
                .deliveryTerms(OrderGenerator.deliveryTerms()).compileAlphaNetwork(false).build();
        List<TriageResult> a = compiled.classifyAll(orders, AS_OF);
        List<TriageResult> b = interpreted.classifyAll(orders, AS_OF);
        assertThat(Decision.firstDifference(b, a)).isNull();
        // the same rules and messages too, not only the same decisions
        assertThat(a).isEqualTo(b);
        assertThat(a.stream().filter(TriageResult::needsAttention).count()).isGreaterThan(500);
        assertThat(compiled.alphaNetworkCompiled()).isTrue();
        assertThat(interpreted.alphaNetworkCompiled()).isFalse();
    }

    @Test
    void extraRulesWithAConstraintOverSeveralLinesCompileAndFire(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("vip.drl"), EXTRA_RULE);
        RuleBase base = RuleBase.load(getClass().getClassLoader(), List.of(dir));
        // the extra rules are compiled at run time, with the default rules' DRL: their constraints are
        // not the executable model's lambdas and keep the generic call
        RuleBase.CompiledAlphaNetwork compiled = base.compileAlphaNetwork();
        assertThat(compiled.factTypes()).contains("io.ordertriage.facts.OrderFact");
        assertThat(compiled.directConstraints()).isZero();

        TriageEngine engine = TriageEngine.builder().clock(CLOCK).addRules(dir).compileAlphaNetwork(true).build();
        TriageResult vip = engine.classify(healthyOrder("V", CANCELLED, PAID, CONFIRMED).store("VIP").build());
        assertThat(codes(vip)).containsExactly("CANCELLED_BUT_PAID", "VIP_ORDER");
        TriageResult other = engine.classify(healthyOrder("W", CANCELLED, PAID, CONFIRMED).store("MAIN").build());
        assertThat(codes(other)).containsExactly("CANCELLED_BUT_PAID");
    }

    @Test
    void aCopyKeepsThePacksItsBaseLeftOut() {
        RuleBase base = RuleBase.load(getClass().getClassLoader(), List.of())
                .withoutPackages(Set.of(RulePack.MONEY.packageName()));
        RuleBase copy = base.copy();
        assertThat(copy.kieBase()).isNotSameAs(base.kieBase());
        assertThat(copy.hasPackage(RulePack.MONEY.packageName())).isFalse();
        assertThat(copy.hasPackage(RulePack.DELIVERY.packageName())).isTrue();
        assertThat(copy.ruleCount()).isEqualTo(base.ruleCount());
    }

    @Test
    void anEngineCompilesInTheBackgroundOnceItHasClassifiedEnoughOrdersAndDecidesTheSameBeforeAndAfter()
            throws InterruptedException {
        List<Order> orders = new OrderGenerator(12, AS_OF).orders(3_000);
        TriageEngine uncompiled = TriageEngine.builder().clock(CLOCK).priceList(OrderGenerator.priceList())
                .deliveryTerms(OrderGenerator.deliveryTerms()).compileAlphaNetwork(false).build();
        List<TriageResult> expected = uncompiled.classifyAll(orders, AS_OF);

        TriageEngine adaptive = TriageEngine.builder().clock(CLOCK).priceList(OrderGenerator.priceList())
                .deliveryTerms(OrderGenerator.deliveryTerms()).compileAlphaNetworkAfter(5_000).build();
        assertThat(adaptive.classifyAll(orders, AS_OF)).isEqualTo(expected);
        assertThat(adaptive.alphaNetworkCompiled()).as("3,000 of 5,000 orders classified").isFalse();

        // the batch that reaches 5,000 starts the compiler; two threads go on classifying meanwhile
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            int rounds = 0;
            while (!adaptive.alphaNetworkCompiled() && System.nanoTime() < deadline) {
                assertThat(adaptive.classifyAll(orders, AS_OF, pool)).isEqualTo(expected);
                rounds++;
            }
            assertThat(adaptive.alphaNetworkCompiled()).as("compiled within two minutes").isTrue();
            assertThat(rounds).isGreaterThanOrEqualTo(1);
            assertThat(adaptive.classifyAll(orders, AS_OF, pool)).isEqualTo(expected);
            assertThat(adaptive.classifyAll(orders, AS_OF)).isEqualTo(expected);
            assertThat(adaptive.ruleCount()).isEqualTo(uncompiled.ruleCount());
            assertThat(adaptive.activePacks()).isEqualTo(uncompiled.activePacks());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void anEngineWithExtraRulesCompilesACopyOfThemInTheBackground(@TempDir Path dir) throws IOException, InterruptedException {
        Files.writeString(dir.resolve("vip.drl"), EXTRA_RULE);
        TriageEngine engine = TriageEngine.builder().clock(CLOCK).addRules(dir).compileAlphaNetworkAfter(1).build();
        Order vip = healthyOrder("V", CANCELLED, PAID, CONFIRMED).store("VIP").build();
        assertThat(codes(engine.classify(vip))).containsExactly("CANCELLED_BUT_PAID", "VIP_ORDER");
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (!engine.alphaNetworkCompiled() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(engine.alphaNetworkCompiled()).isTrue();
        assertThat(codes(engine.classify(vip))).containsExactly("CANCELLED_BUT_PAID", "VIP_ORDER");
    }

    @Test
    void byDefaultAnEngineRunsUncompiledUntilAMillionOrders() {
        TriageEngine engine = TriageEngine.builder().clock(CLOCK).build();
        engine.classifyAll(new OrderGenerator(13, AS_OF).orders(500), AS_OF);
        assertThat(engine.alphaNetworkCompiled()).isFalse();
        assertThat(TriageEngine.DEFAULT_COMPILE_AFTER).isEqualTo(1_000_000);
        assertThat(TriageEngine.builder().compileAlphaNetwork(false).build().alphaNetworkCompiled()).isFalse();
    }

    @Test
    void whenToCompileIsSetOnceAndAfterAtLeastOneOrder() {
        assertThatThrownBy(() -> TriageEngine.builder().compileAlphaNetworkAfter(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("compileAlphaNetworkAfter needs at least 1 order, got 0; compileAlphaNetwork(true) compiles at build");
        assertThatThrownBy(() -> TriageEngine.builder().compileAlphaNetwork(true).compileAlphaNetworkAfter(10))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("compileAlphaNetwork is already set; set it once per builder");
    }
}
