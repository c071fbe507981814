package io.ordertriage.samples;

import io.ordertriage.TriageEngine;
import io.ordertriage.TriageSettings;
import io.ordertriage.model.Finding;
import io.ordertriage.model.Order;
import io.ordertriage.model.OrderLine;
import io.ordertriage.model.PriceList;
import io.ordertriage.model.TriageResult;

import java.io.PrintStream;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static io.ordertriage.model.CancellationRole.OPERATOR;
import static io.ordertriage.model.ConfirmationStatus.CONFIRMED;
import static io.ordertriage.model.ConfirmationStatus.NOT_REQUIRED;
import static io.ordertriage.model.OrderStatus.CANCELLED;
import static io.ordertriage.model.OrderStatus.NEW;
import static io.ordertriage.model.PaymentStatus.PAID;

/**
 * Embedding the engine in a service: build it once, classify orders, act on the findings.
 * Run it with {@code mvn -q -pl samples -am install -DskipTests && mvn -q -pl samples exec:java},
 * or from an IDE.
 */
public final class EmbeddingExample {
    private EmbeddingExample() {
    }

    public static void main(String[] args) {
        run(System.out);
    }

    /** Classifies two orders and prints what an operator should do about them. */
    public static void run(PrintStream out) {
        Instant now = Instant.parse("2026-03-10T12:00:00Z");
        PriceList prices = PriceList.builder()
                .add("Moscow", "North", "MILK-1L", new BigDecimal("89.90"))
                .add("Moscow", "South", "MILK-1L", new BigDecimal("94.90"))
                .build();
        TriageEngine engine = TriageEngine.builder()
                .clock(Clock.fixed(now, ZoneOffset.UTC))   // in production: Clock.systemUTC()
                .settings(TriageSettings.defaults().withPaymentTimeout(Duration.ofMinutes(45)))
                .priceList(prices)
                .build();

        List<Order> orders = List.of(
                Order.builder("A-1").createdAt(now.minusSeconds(120)).city("Moscow")
                        .statuses(NEW, PAID, NOT_REQUIRED).customerPhone("8 914 584-13-32")
                        .line(OrderLine.builder("MILK-1L").unitPrice("99.90").build())
                        .build(),
                Order.builder("A-2").createdAt(now.minusSeconds(3600)).statuses(CANCELLED, PAID, CONFIRMED)
                        .cancellation("customer_refused", OPERATOR).build());

        for (TriageResult r : engine.classifyAll(orders)) {
            out.println(r.orderId() + ": " + r.verdict() + (r.priority() == null ? "" : " " + r.priority())
                    + (r.contact().whatsapp() == null ? "" : " " + r.contact().whatsapp()));
            for (Finding f : r.findings()) {
                out.println("  " + f.code() + " -> " + f.action() + ": " + f.message());
            }
        }
    }
}
