package io.ordertriage.cli.io;

import io.ordertriage.model.Order;
import io.ordertriage.model.OrderLine;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import java.io.IOException;
import java.io.Writer;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes orders as a canonical export (rulebook §1): one row per line, order-level fields repeated
 * on every row, one row with empty line fields for an order without lines; the columns are
 * {@link Mapping#ALL_FIELDS}. Date-times are written as ISO-8601 with the offset of {@code zone};
 * empty or default values (updated_at equal to created_at, locality equal to city, a zero discount)
 * are left blank. Used to make sample and benchmark data.
 */
public final class CanonicalCsvWriter implements AutoCloseable {
    private final CSVPrinter printer;
    private final DateTimeFormatter time;

    public CanonicalCsvWriter(Writer out, ZoneId zone) throws IOException {
        this.printer = new CSVPrinter(out, CSVFormat.RFC4180.builder().setRecordSeparator("\n").get());
        this.time = DateTimeFormatter.ISO_OFFSET_DATE_TIME.withZone(zone);
        printer.printRecord(Mapping.ALL_FIELDS);
    }

    public void write(Order o) throws IOException {
        List<Object> order = new ArrayList<>(List.of(o.orderId(), time(o.createdAt()),
                o.updatedAt().equals(o.createdAt()) ? "" : time(o.updatedAt()), text(o.city()), text(o.store()),
                o.orderStatus().name(), o.paymentStatus().name(), o.confirmationStatus().name(), o.ageVerified(),
                text(o.customerPhone()), time(o.estimatedDeliveryAt()),
                o.fulfilment() == null ? "" : o.fulfilment().name(), time(o.statusChangedAt()), time(o.shippedAt()),
                o.locality() == null || o.locality().equals(o.city()) ? "" : o.locality(), time(o.arrivedAt()),
                o.deliveryDate() == null ? "" : o.deliveryDate().toString(), time(o.pickupCheckinAt()),
                text(o.recipientName()), text(o.recipientPhone()), text(o.cancelReason()),
                o.cancelledBy() == null ? "" : o.cancelledBy().name(), amount(o.paidAmount()),
                o.discount().signum() == 0 ? "" : amount(o.discount()), text(o.promo())));
        if (o.lines().isEmpty()) {
            List<Object> row = new ArrayList<>(order);
            for (int i = 0; i < Mapping.LINE_FIELDS.size(); i++) {
                row.add("");
            }
            printer.printRecord(row);
            return;
        }
        for (OrderLine l : o.lines()) {
            List<Object> row = new ArrayList<>(order);
            row.add(l.sku());
            row.add(l.qty());
            row.add(l.unitPrice() == null ? "" : l.unitPrice().toPlainString());
            row.add(l.adultOnly());
            row.add(l.keyItem());
            row.add(l.lineGroup());
            row.add(l.available());
            row.add(text(l.substituteSku()));
            row.add(l.substituteSku() == null ? "" : l.substituteAvailable());
            row.add(text(l.comboId()));
            printer.printRecord(row);
        }
    }

    private String time(Instant t) {
        return t == null ? "" : time.format(t);
    }

    private static String amount(java.math.BigDecimal d) {
        return d == null ? "" : d.toPlainString();
    }

    private static String text(String s) {
        return s == null ? "" : s;
    }

    @Override
    public void close() throws IOException {
        printer.close(true);
    }
}
