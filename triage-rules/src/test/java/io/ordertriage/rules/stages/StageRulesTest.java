package io.ordertriage.rules.stages;

import io.ordertriage.TriageEngine;
import io.ordertriage.facts.Durations;
import io.ordertriage.model.Action;
import io.ordertriage.model.Finding;
import io.ordertriage.model.Fulfilment;
import io.ordertriage.model.Order;
import io.ordertriage.model.OrderStatus;
import io.ordertriage.model.PaymentStatus;
import io.ordertriage.model.Priority;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;

import static io.ordertriage.Fixtures.AS_OF;
import static io.ordertriage.Fixtures.ONE_SECOND;
import static io.ordertriage.Fixtures.assertNotRaised;
import static io.ordertriage.Fixtures.assertRaised;
import static io.ordertriage.Fixtures.engine;
import static io.ordertriage.Fixtures.engineWith;
import static io.ordertriage.Fixtures.findings;
import static io.ordertriage.model.ConfirmationStatus.NOT_REQUIRED;
import static io.ordertriage.model.Fulfilment.DELIVERY;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rulebook §12, stage deadlines: STAGE_OVERDUE for ASSEMBLING (any fulfilment), READY (delivery only)
 * and IN_DELIVERY (any fulfilment), measured from status_changed_at, strictly after the deadline; a zero
 * deadline switches the stage's check off.
 */
class StageRulesTest {
    private static final String STAGE = "STAGE_OVERDUE";

    /** An order in {@code os} created three days ago that entered its status {@code ago} before as-of. */
    private static Order inStage(OrderStatus os, Fulfilment fulfilment, Duration ago) {
        PaymentStatus ps = os == OrderStatus.CANCELLED ? PaymentStatus.REFUNDED : PaymentStatus.PAID;
        return Order.builder("S").createdAt(AS_OF.minus(Duration.ofDays(3))).statuses(os, ps, NOT_REQUIRED)
                .fulfilment(fulfilment).shippedAt(os == OrderStatus.IN_DELIVERY ? AS_OF.minus(ago) : null)
                .statusChangedAt(AS_OF.minus(ago)).build();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(value = {"DELIVERY", "PICKUP", "NULL"}, nullValues = "NULL")
    void assemblingStrictlyAfterTwoHours(Fulfilment fulfilment) {
        Duration limit = Duration.ofHours(2);
        assertNotRaised(engine().classify(inStage(OrderStatus.ASSEMBLING, fulfilment, limit)), STAGE);
        assertRaised(engine().classify(inStage(OrderStatus.ASSEMBLING, fulfilment, limit.plus(ONE_SECOND))),
                STAGE, Priority.P3, Action.REVIEW);
    }

    @Test
    void readyForDeliveryStrictlyAfterTwentyFourHours() {
        Duration limit = Duration.ofHours(24);
        assertNotRaised(engine().classify(inStage(OrderStatus.READY, DELIVERY, limit)), STAGE);
        assertRaised(engine().classify(inStage(OrderStatus.READY, DELIVERY, limit.plus(ONE_SECOND))),
                STAGE, Priority.P3, Action.SHIP_ORDER);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(value = {"PICKUP", "NULL"}, nullValues = "NULL")
    void theReadyStageIsCheckedOnlyForDeliveries(Fulfilment fulfilment) {
        assertNotRaised(engine().classify(inStage(OrderStatus.READY, fulfilment, Duration.ofDays(2))), STAGE);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(value = {"DELIVERY", "PICKUP", "NULL"}, nullValues = "NULL")
    void inDeliveryStrictlyAfterTwelveHours(Fulfilment fulfilment) {
        Duration limit = Duration.ofHours(12);
        assertNotRaised(engine().classify(inStage(OrderStatus.IN_DELIVERY, fulfilment, limit)), STAGE);
        assertRaised(engine().classify(inStage(OrderStatus.IN_DELIVERY, fulfilment, limit.plus(ONE_SECOND))),
                STAGE, Priority.P3, Action.CONTACT_CARRIER);
    }

    @ParameterizedTest
    @EnumSource(value = OrderStatus.class, names = {"NEW", "CONFIRMED", "COMPLETED", "CANCELLED"})
    void otherStatusesHaveNoStageDeadline(OrderStatus os) {
        assertNotRaised(engine().classify(inStage(os, DELIVERY, Duration.ofDays(2))), STAGE);
        assertNotRaised(engine().classify(inStage(os, null, Duration.ofDays(2))), STAGE);
    }

    @ParameterizedTest
    @EnumSource(value = OrderStatus.class, names = {"ASSEMBLING", "READY", "IN_DELIVERY"})
    void withoutStatusChangedAtNoStageCheckRuns(OrderStatus os) {
        Order o = inStage(os, DELIVERY, Duration.ofDays(2)).toBuilder().statusChangedAt(null).build();
        assertNotRaised(engine().classify(o), STAGE);
    }

    @Test
    void theMessageNamesTheStageAndHowLongTheOrderHasBeenInIt() {
        Duration inIt = Duration.ofHours(3).plusMinutes(7);
        Finding f = assertRaised(engine().classify(inStage(OrderStatus.ASSEMBLING, null, inIt)), STAGE, Priority.P3, Action.REVIEW);
        assertThat(f.message()).contains("ASSEMBLING").contains(Durations.human(inIt));
        Duration ready = Duration.ofHours(30);
        Finding r = assertRaised(engine().classify(inStage(OrderStatus.READY, DELIVERY, ready)), STAGE, Priority.P3, Action.SHIP_ORDER);
        assertThat(r.message()).contains("READY").contains(Durations.human(ready));
        Duration travelling = Duration.ofHours(13).plusMinutes(30);
        Finding d = assertRaised(engine().classify(inStage(OrderStatus.IN_DELIVERY, DELIVERY, travelling)),
                STAGE, Priority.P3, Action.CONTACT_CARRIER);
        assertThat(d.message()).contains("IN_DELIVERY").contains(Durations.human(travelling));
    }

    @ParameterizedTest
    @EnumSource(value = OrderStatus.class, names = {"ASSEMBLING", "READY", "IN_DELIVERY"})
    void atMostOneStageOverduePerOrder(OrderStatus os) {
        assertThat(findings(engine().classify(inStage(os, DELIVERY, Duration.ofDays(20))), STAGE)).hasSize(1);
    }

    @Test
    void assemblingDeadlineComesFromTheSettings() {
        TriageEngine e = engineWith("stage.assembling", "3h");
        assertNotRaised(e.classify(inStage(OrderStatus.ASSEMBLING, DELIVERY, Duration.ofHours(2).plus(ONE_SECOND))), STAGE);
        assertNotRaised(e.classify(inStage(OrderStatus.ASSEMBLING, DELIVERY, Duration.ofHours(3))), STAGE);
        assertRaised(e.classify(inStage(OrderStatus.ASSEMBLING, DELIVERY, Duration.ofHours(3).plus(ONE_SECOND))),
                STAGE, Priority.P3, Action.REVIEW);
    }

    @Test
    void readyDeadlineComesFromTheSettings() {
        TriageEngine e = engineWith("stage.ready", "PT36H");
        assertNotRaised(e.classify(inStage(OrderStatus.READY, DELIVERY, Duration.ofHours(24).plus(ONE_SECOND))), STAGE);
        assertNotRaised(e.classify(inStage(OrderStatus.READY, DELIVERY, Duration.ofHours(36))), STAGE);
        assertRaised(e.classify(inStage(OrderStatus.READY, DELIVERY, Duration.ofHours(36).plus(ONE_SECOND))),
                STAGE, Priority.P3, Action.SHIP_ORDER);
    }

    @Test
    void inDeliveryDeadlineComesFromTheSettings() {
        TriageEngine e = engineWith("stage.inDelivery", "1d");
        assertNotRaised(e.classify(inStage(OrderStatus.IN_DELIVERY, DELIVERY, Duration.ofHours(12).plus(ONE_SECOND))), STAGE);
        assertNotRaised(e.classify(inStage(OrderStatus.IN_DELIVERY, DELIVERY, Duration.ofHours(24))), STAGE);
        assertRaised(e.classify(inStage(OrderStatus.IN_DELIVERY, DELIVERY, Duration.ofHours(24).plus(ONE_SECOND))),
                STAGE, Priority.P3, Action.CONTACT_CARRIER);
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource({"stage.assembling, ASSEMBLING", "stage.ready, READY", "stage.inDelivery, IN_DELIVERY"})
    void aZeroDeadlineSwitchesThatStageOff(String key, OrderStatus os) {
        TriageEngine zero = engineWith(key, "PT0S");
        assertNotRaised(zero.classify(inStage(os, DELIVERY, Duration.ofDays(30))), STAGE);
        assertNotRaised(engineWith(key, "0m").classify(inStage(os, DELIVERY, Duration.ofDays(30))), STAGE);
        // the other stages keep their deadlines
        for (OrderStatus other : new OrderStatus[]{OrderStatus.ASSEMBLING, OrderStatus.READY, OrderStatus.IN_DELIVERY}) {
            if (other != os) {
                assertThat(findings(zero.classify(inStage(other, DELIVERY, Duration.ofDays(30))), STAGE)).as("%s", other).hasSize(1);
            }
        }
    }

    @Test
    void switchingThePackOffSilencesStageOverdue() {
        TriageEngine off = engineWith("stages.enabled", "false");
        for (OrderStatus os : new OrderStatus[]{OrderStatus.ASSEMBLING, OrderStatus.READY, OrderStatus.IN_DELIVERY}) {
            Order o = inStage(os, DELIVERY, Duration.ofDays(30));
            assertThat(findings(engine().classify(o), STAGE)).hasSize(1);
            assertNotRaised(off.classify(o), STAGE);
        }
    }
}
