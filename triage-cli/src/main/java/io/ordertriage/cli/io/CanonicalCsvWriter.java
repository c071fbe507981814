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
 * on every row, one row with empty line fields for an order without lines. Date-times are written
 * as ISO-8601 with the offset of {@code zone}. Used to make sample and benchmark data.
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
                text(o.customerPhone()), time(o.estimatedDeliveryAt())));
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
            printer.printRecord(row);
        }
    }

    private String time(Instant t) {
        return t == null ? "" : time.format(t);
    }

    private static String text(String s) {
        return s == null ? "" : s;
    }

    @Override
    public void close() throws IOException {
        printer.close(true);
    }
}
