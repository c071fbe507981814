package io.ordertriage.cli.io;

import io.ordertriage.model.CancellationRole;
import io.ordertriage.model.ConfirmationStatus;
import io.ordertriage.model.Fulfilment;
import io.ordertriage.model.Order;
import io.ordertriage.model.OrderLine;
import io.ordertriage.model.OrderStatus;
import io.ordertriage.model.PaymentStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What the canonical writer writes, the canonical mapping reads back as the same orders, part two's fields included. */
class CanonicalCsvWriterTest {
    private static final ZoneId ZONE = ZoneId.of("Europe/Moscow");

    @TempDir
    Path dir;

    @Test
    void everyFieldSurvivesARoundTrip() throws Exception {
        Instant t = Instant.parse("2026-03-10T09:00:00Z");
        Order full = Order.builder("R-1").createdAt(t).updatedAt(t.plusSeconds(60)).city("Moscow").store("North")
                .statuses(OrderStatus.CANCELLED, PaymentStatus.REFUNDED, ConfirmationStatus.CONFIRMED).ageVerified(true)
                .customerPhone("+7 914 584-13-32").estimatedDeliveryAt(t.plusSeconds(3600))
                .fulfilment(Fulfilment.DELIVERY).statusChangedAt(t.plusSeconds(120)).shippedAt(t.plusSeconds(180))
                .locality("Kazan").arrivedAt(t.plusSeconds(240)).deliveryDate(LocalDate.of(2026, 3, 20))
                .pickupCheckinAt(t.plusSeconds(300)).recipient("Anna, \"the\" neighbour", "8 916 123-45-67")
                .cancellation("customer_refused", CancellationRole.OPERATOR).paidAmount("1234.50").discount("100.00")
                .promo("PREORDER")
                .line(OrderLine.builder("MILK").qty(2).unitPrice("89.90").adultOnly(true).keyItem(true).lineGroup("g")
                        .available(false).substitute("KEFIR", true).comboId("C1").build())
                .line(OrderLine.builder("BREAD").build())
                .build();
        Order bare = Order.builder("R-2").createdAt(t).city("Kazan")
                .statuses(OrderStatus.NEW, PaymentStatus.PENDING, ConfirmationStatus.NOT_REQUIRED).build();
        StringWriter out = new StringWriter();
        try (CanonicalCsvWriter w = new CanonicalCsvWriter(out, ZONE)) {
            w.write(full);
            w.write(bare);
        }
        assertThat(out.toString()).startsWith(String.join(",", Mapping.ALL_FIELDS) + "\n");
        Path file = Files.writeString(dir.resolve("orders.csv"), out.toString(), StandardCharsets.UTF_8);
        List<Order> read = new ArrayList<>();
        new OrderReader(Mapping.load("canonical"), new Values(ZONE, List.of())).read(
                TextInput.open(file, "orders.csv", null, null), false, new OrderReader.Sink() {
                    @Override
                    public void order(SourceOrder order) {
                        read.add(order.order());
                    }

                    @Override
                    public void rejected(List<Reject> problems) {
                        throw new AssertionError(problems);
                    }
                }, bytes -> { });
        assertThat(read).containsExactly(full, bare);
        assertThat(read.get(1).discount()).isEqualByComparingTo(BigDecimal.ZERO);
        assertThat(read.get(1).locality()).isEqualTo("Kazan");
    }
}
