package io.ordertriage;

import io.ordertriage.model.Order;
import io.ordertriage.model.TriageResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

import static io.ordertriage.Fixtures.CLOCK;
import static io.ordertriage.Fixtures.codes;
import static io.ordertriage.Fixtures.healthyOrder;
import static io.ordertriage.model.ConfirmationStatus.AWAITING;
import static io.ordertriage.model.ConfirmationStatus.CONFIRMED;
import static io.ordertriage.model.OrderStatus.NEW;
import static io.ordertriage.model.PaymentStatus.FAILED;
import static io.ordertriage.model.PaymentStatus.PENDING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The normal combinations of rulebook §3 are a decision table (normal-combinations.drl.csv): the
 * pre-built rules and the rules compiled at run time read the same table, an edited copy of it
 * given as an extra rule file replaces it, extra tables add rules, and a broken table is reported
 * at its row and cell.
 */
class DecisionTableTest {
    static final String TABLE = "io/ordertriage/rules/status/normal-combinations.drl.csv";

    static String defaultTable() throws IOException {
        try (InputStream in = Objects.requireNonNull(DecisionTableTest.class.getClassLoader().getResourceAsStream(TABLE))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static TriageEngine engineWith(Path rules) {
        return TriageEngine.builder().clock(CLOCK).addRules(rules).build();
    }

    @Test
    void theRulesCompiledAtRunTimeReadTheSameTableAsThePrebuiltOnes(@TempDir Path dir) throws IOException {
        // any extra file makes the engine compile the default rules from their sources
        Files.writeString(dir.resolve("nothing.drl"), "package custom.nothing;\n");
        TriageEngine compiled = engineWith(dir);
        List<RuleInfo> table = compiled.rules().stream().filter(r -> r.source().equals(TABLE)).toList();
        assertThat(table).extracting(RuleInfo::name).hasSize(14)
                .contains("N01 new, payment pending, awaiting confirmation", "N13 cancelled, refund pending",
                        "STATUS_UNRECOGNISED no normal combination and no known diagnosis");
        assertThat(table).allMatch(r -> !r.extra() && r.pack().orElseThrow() == RulePack.STATUS);
        assertThat(table.get(0).line()).as("a table's rule is located at its row").isEqualTo(10);
        assertThat(Fixtures.engine().rules()).filteredOn(r -> r.source().equals(TABLE)).hasSize(14);

        Order n06 = healthyOrder("A", io.ordertriage.model.OrderStatus.CONFIRMED, io.ordertriage.model.PaymentStatus.PAID, CONFIRMED).build();
        for (TriageEngine e : List.of(Fixtures.engine(), compiled)) {
            assertThat(e.classify(n06).normalCombination()).isEqualTo("N06");
        }
    }

    @Test
    void anEditedCopyOfTheTableReplacesTheDefaultOne(@TempDir Path dir) throws IOException {
        Order n05 = healthyOrder("A", io.ordertriage.model.OrderStatus.CONFIRMED, PENDING, CONFIRMED).build();
        assertThat(Fixtures.engine().classify(n05).normalCombination()).isEqualTo("N05");

        String edited = defaultTable().lines().filter(l -> !l.startsWith("\"N05 ")).reduce("", (a, l) -> a + l + "\n");
        Files.writeString(dir.resolve("normal-combinations.drl.csv"), edited);
        TriageEngine engine = engineWith(dir);

        TriageResult r = engine.classify(n05);
        assertThat(r.normalCombination()).isNull();
        assertThat(codes(r)).containsExactly("STATUS_UNRECOGNISED");
        assertThat(engine.rules()).filteredOn(i -> i.name().startsWith("N0")).hasSize(8)
                .allMatch(i -> i.extra() && i.source().equals(dir.resolve("normal-combinations.drl.csv").toString()));
    }

    @Test
    void anExtraTableAddsNormalCombinations(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("retry.drl.csv"), """
                "RuleSet","io.ordertriage.rules.status"
                "Import","io.ordertriage.facts.OrderFact, io.ordertriage.facts.NormalCombination, io.ordertriage.model.OrderStatus, io.ordertriage.model.PaymentStatus, io.ordertriage.model.ConfirmationStatus"
                "RuleTable Payment retries"
                "NAME","CONDITION","CONDITION","ACTION"
                "","$o : OrderFact...","$o : OrderFact...",""
                "","forall(||){orderStatus == OrderStatus.$}","forall(||){paymentStatus == PaymentStatus.$}","insert(new NormalCombination($o, ""$param""));"
                "Rule","Order","Payment","Code"
                "X01 a new order whose payment failed is retried","NEW","FAILED","X01"
                """);
        Order retried = healthyOrder("R", NEW, FAILED, AWAITING).build();
        assertThat(codes(Fixtures.engine().classify(retried))).contains("PAYMENT_FAILED");

        TriageResult r = engineWith(dir).classify(retried);
        assertThat(r.normalCombination()).isEqualTo("X01");
        assertThat(codes(r)).doesNotContain("STATUS_UNRECOGNISED");
    }

    @Test
    void aMisspeltStatusIsReportedAtItsCell(@TempDir Path dir) throws IOException {
        Path table = dir.resolve("normal-combinations.drl.csv");
        Files.writeString(table, defaultTable().replace("\"N02 new, payment pending, no confirmation required\",\"NEW\",\"PENDING\"",
                "\"N02 new, payment pending, no confirmation required\",\"NEW\",\"PENDNG\""));
        assertThatThrownBy(() -> engineWith(dir))
                .isInstanceOfSatisfying(RuleCompilationException.class, e -> {
                    RuleProblem p = e.problems().get(0);
                    assertThat(p.file()).isEqualTo(table.toString());
                    assertThat(p.line()).as("the row of N02").isEqualTo(11);
                    assertThat(p.column()).as("column C").isEqualTo(3);
                    assertThat(p.message()).startsWith("cell C11 (Payment status) = \"PENDNG\": ").contains("PENDNG");
                    assertThat(e.getMessage()).contains(table + ":11:3: cell C11");
                });
    }

    /** The default table with one text replaced, as an extra file that replaces the default table. */
    private static Path broken(Path dir, String from, String to) throws IOException {
        String table = defaultTable();
        assertThat(table).contains(from);
        return Files.writeString(dir.resolve("normal-combinations.drl.csv"), table.replace(from, to));
    }

    private static List<String> problems(Path dir) {
        try {
            engineWith(dir);
        } catch (RuleCompilationException e) {
            return e.problems().stream().map(p -> p.toString().replace(dir.toString(), "DIR")).toList();
        }
        throw new AssertionError("the table compiled");
    }

    @Test
    void aFaultyTemplateIsOneProblemAtTheTemplateCell(@TempDir Path dir) throws IOException {
        broken(dir, "forall(||){paymentStatus == PaymentStatus.$}", "forall(||){paymentStatuss == PaymentStatus.$}");
        assertThat(problems(dir)).singleElement().asString()
                .startsWith("DIR/normal-combinations.drl.csv:8:3: cell C8 (Payment status) = \"forall(||){paymentStatuss == PaymentStatus.$}\": ")
                .contains("paymentStatuss");
    }

    @Test
    void aMisspeltColumnTypeIsReportedRatherThanSkipped(@TempDir Path dir) throws IOException {
        // Drools itself skips a column it does not know, and every combination would then match any payment
        broken(dir, "\"NAME\",\"CONDITION\",\"CONDITION\",\"CONDITION\"", "\"NAME\",\"CONDITION\",\"CONDTION\",\"CONDITION\"");
        assertThat(problems(dir)).singleElement().asString()
                .startsWith("DIR/normal-combinations.drl.csv:6:3: cell C6 = \"CONDTION\": not a column type");
    }

    @Test
    void aBadImportIsOneProblemAtTheImportCell(@TempDir Path dir) throws IOException {
        broken(dir, "io.ordertriage.facts.OrderFact,", "io.ordertriage.facts.OrderFacts,");
        assertThat(problems(dir)).singleElement().asString()
                .startsWith("DIR/normal-combinations.drl.csv:2:2: cell B2 (Import): ").contains("OrderFacts");
    }

    @Test
    void aMissingCommaBetweenStatusesIsReportedAtItsCell(@TempDir Path dir) throws IOException {
        broken(dir, "\"CONFIRMED, NOT_REQUIRED\",\"N07\"", "\"CONFIRMED NOT_REQUIRED\",\"N07\"");
        assertThat(problems(dir)).singleElement().asString()
                .startsWith("DIR/normal-combinations.drl.csv:16:4: cell D16 (Confirmation status) = \"CONFIRMED NOT_REQUIRED\": ")
                .contains("mismatched input 'NOT_REQUIRED'");
    }

    @Test
    void aTableWithoutARuleTableIsReported(@TempDir Path dir) throws IOException {
        Path table = Files.writeString(dir.resolve("empty.drl.csv"), "\"RuleSet\",\"custom.empty\"\n\"Notes\",\"no table here\"\n");
        assertThatThrownBy(() -> engineWith(dir))
                .isInstanceOfSatisfying(RuleCompilationException.class, e -> {
                    RuleProblem p = e.problems().get(0);
                    assertThat(p.file()).isEqualTo(table.toString());
                    assertThat(p.message()).contains("RuleTable");
                });
    }

    @Test
    void aSpreadsheetIsRefusedWithWhatToDoInstead(@TempDir Path dir) throws IOException {
        Path xlsx = Files.writeString(dir.resolve("combinations.xlsx"), "PK");
        assertThatThrownBy(() -> engineWith(xlsx))
                .isInstanceOf(TriageException.class)
                .hasMessageContaining("save it as CSV with a name ending in .drl.csv");
    }
}
