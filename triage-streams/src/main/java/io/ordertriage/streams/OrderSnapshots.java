package io.ordertriage.streams;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ordertriage.model.CancellationRole;
import io.ordertriage.model.ConfirmationStatus;
import io.ordertriage.model.Fulfilment;
import io.ordertriage.model.Order;
import io.ordertriage.model.OrderLine;
import io.ordertriage.model.OrderStatus;
import io.ordertriage.model.PaymentStatus;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Locale;

/**
 * Order snapshots as JSON, the input topic's format: an object with the canonical field names of
 * rulebook §1 ({@code order_id}, {@code created_at}, {@code order_status} …) and {@code lines}, an
 * array of objects with the line fields. Date-times are ISO-8601, with an offset or read in the
 * given zone; booleans are JSON booleans or {@code "true"}/{@code "false"}; amounts are numbers or
 * decimal strings. Fields this version does not know are ignored, so producers can add some.
 */
public final class OrderSnapshots {
    /** Numbers read exactly: 10.50 stays 10.50 (not the double 10.5). */
    private static final ObjectMapper JSON = com.fasterxml.jackson.databind.json.JsonMapper.builder()
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(com.fasterxml.jackson.databind.cfg.JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build();

    private OrderSnapshots() {
    }

    /** A snapshot that cannot be read: what is wrong, naming the field and the value where there is one. */
    public static final class BadSnapshot extends Exception {
        public BadSnapshot(String message) {
            super(message, null, false, false);
        }
    }

    /** Reads one snapshot. */
    public static Order read(byte[] json, ZoneId zone) throws BadSnapshot {
        if (json == null || json.length == 0) {
            throw new BadSnapshot("the record has no value; expected an order snapshot (a JSON object)");
        }
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new BadSnapshot("not JSON: " + e.getOriginalMessage() + (e.getLocation() == null ? ""
                    : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr()));
        } catch (IOException e) {
            throw new BadSnapshot("not JSON: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw new BadSnapshot("expected a JSON object with the canonical order fields, got " + kind(root));
        }
        String id = required(root, "order_id");
        Reader r = new Reader(root, "order " + id, zone);
        Order.Builder b = Order.builder(id)
                .createdAt(r.instant("created_at", true))
                .updatedAt(r.instant("updated_at", false))
                .city(r.text("city"))
                .store(r.text("store"))
                .orderStatus(r.enumValue(OrderStatus.class, "order_status", true))
                .paymentStatus(r.enumValue(PaymentStatus.class, "payment_status", true))
                .ageVerified(r.bool("age_verified", false))
                .customerPhone(r.text("customer_phone"))
                .estimatedDeliveryAt(r.instant("estimated_delivery_at", false))
                .fulfilment(r.enumValue(Fulfilment.class, "fulfilment", false))
                .statusChangedAt(r.instant("status_changed_at", false))
                .shippedAt(r.instant("shipped_at", false))
                .locality(r.text("locality"))
                .arrivedAt(r.instant("arrived_at", false))
                .deliveryDate(r.date("delivery_date"))
                .pickupCheckinAt(r.instant("pickup_checkin_at", false))
                .recipientName(r.text("recipient_name"))
                .recipientPhone(r.text("recipient_phone"))
                .cancelReason(r.text("cancel_reason"))
                .cancelledBy(r.enumValue(CancellationRole.class, "cancelled_by", false))
                .paidAmount(r.amount("paid_amount"))
                .promo(r.text("promo"));
        ConfirmationStatus confirmation = r.enumValue(ConfirmationStatus.class, "confirmation_status", false);
        if (confirmation != null) {
            b.confirmationStatus(confirmation);
        }
        BigDecimal discount = r.amount("discount");
        if (discount != null) {
            b.discount(discount);
        }
        JsonNode lines = root.get("lines");
        if (lines != null && !lines.isNull()) {
            if (!lines.isArray()) {
                throw new BadSnapshot("order " + id + ": lines: expected an array of line objects, got " + kind(lines));
            }
            int i = 0;
            for (JsonNode l : lines) {
                b.line(line(l, "order " + id + ": lines[" + i++ + "]", zone));
            }
        }
        try {
            return b.build();
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new BadSnapshot("order " + id + ": " + e.getMessage());
        }
    }

    private static OrderLine line(JsonNode l, String where, ZoneId zone) throws BadSnapshot {
        if (!l.isObject()) {
            throw new BadSnapshot(where + ": expected a line object, got " + kind(l));
        }
        String sku = required(l, "sku", where);
        Reader r = new Reader(l, where + " (sku " + sku + ")", zone);
        OrderLine.Builder b = OrderLine.builder(sku)
                .adultOnly(r.bool("adult_only", false))
                .keyItem(r.bool("key_item", false))
                .lineGroup(r.text("line_group"))
                .available(r.bool("available", true))
                .comboId(r.text("combo_id"));
        Integer qty = r.quantity("qty");
        if (qty != null) {
            b.qty(qty);
        }
        BigDecimal price = r.amount("unit_price");
        if (price != null) {
            b.unitPrice(price);
        }
        String substitute = r.text("substitute_sku");
        if (substitute != null) {
            b.substitute(substitute, r.bool("substitute_available", false));
        }
        try {
            return b.build();
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new BadSnapshot(where + ": " + e.getMessage());
        }
    }

    private static String required(JsonNode node, String field) throws BadSnapshot {
        return required(node, field, "the snapshot");
    }

    private static String required(JsonNode node, String field, String where) throws BadSnapshot {
        JsonNode v = node.get(field);
        if (v == null || v.isNull() || !v.isValueNode() || v.asText().isBlank()) {
            throw new BadSnapshot(where + ": " + field + " is missing" + (v == null || v.isNull() ? "" : " (got " + kind(v) + ")")
                    + "; it is required");
        }
        return v.asText().strip();
    }

    private static String kind(JsonNode v) {
        if (v == null || v.isNull() || v.isMissingNode()) {
            return "nothing";
        }
        if (v.isObject()) {
            return "an object";
        }
        if (v.isArray()) {
            return "an array";
        }
        return v.isTextual() ? "\"" + shorten(v.asText()) + "\"" : v.toString();
    }

    private static String shorten(String s) {
        return s.length() <= 80 ? s : s.substring(0, 80) + "… (" + s.length() + " characters)";
    }

    /** Reads the typed fields of one object, naming them in errors. */
    private record Reader(JsonNode node, String where, ZoneId zone) {

        private JsonNode value(String field) throws BadSnapshot {
            JsonNode v = node.get(field);
            if (v == null || v.isNull()) {
                return null;
            }
            if (!v.isValueNode()) {
                throw new BadSnapshot(where + ": " + field + ": expected a single value, got " + kind(v));
            }
            if (v.isTextual() && v.asText().isBlank()) {
                return null;
            }
            return v;
        }

        String text(String field) throws BadSnapshot {
            JsonNode v = value(field);
            return v == null ? null : v.asText().strip();
        }

        Instant instant(String field, boolean required) throws BadSnapshot {
            JsonNode v = value(field);
            if (v == null) {
                if (required) {
                    throw new BadSnapshot(where + ": " + field + " is missing; it is required");
                }
                return null;
            }
            String s = v.asText().strip();
            try {
                return OffsetDateTime.parse(s).toInstant();
            } catch (DateTimeParseException e) {
                try {
                    return LocalDateTime.parse(s).atZone(zone).toInstant();
                } catch (DateTimeParseException e2) {
                    throw new BadSnapshot(where + ": " + field + " \"" + shorten(s) + "\": expected an ISO-8601 date-time such as "
                            + "2026-03-10T12:00:00Z or 2026-03-10T15:00:00+03:00 (without an offset it is read in " + zone + ")");
                }
            }
        }

        LocalDate date(String field) throws BadSnapshot {
            String s = text(field);
            if (s == null) {
                return null;
            }
            try {
                return LocalDate.parse(s);
            } catch (DateTimeParseException e) {
                try {
                    return OffsetDateTime.parse(s).atZoneSameInstant(zone).toLocalDate();
                } catch (DateTimeException e2) {
                    throw new BadSnapshot(where + ": " + field + " \"" + shorten(s) + "\": expected a date such as 2026-03-10");
                }
            }
        }

        <E extends Enum<E>> E enumValue(Class<E> type, String field, boolean required) throws BadSnapshot {
            String s = text(field);
            if (s == null) {
                if (required) {
                    throw new BadSnapshot(where + ": " + field + " is missing; it is required (one of "
                            + Arrays.toString(type.getEnumConstants()) + ")");
                }
                return null;
            }
            for (E e : type.getEnumConstants()) {
                if (e.name().equalsIgnoreCase(s)) {
                    return e;
                }
            }
            throw new BadSnapshot(where + ": " + field + " \"" + shorten(s) + "\": expected one of "
                    + Arrays.toString(type.getEnumConstants()));
        }

        boolean bool(String field, boolean absent) throws BadSnapshot {
            JsonNode v = value(field);
            if (v == null) {
                return absent;
            }
            if (v.isBoolean()) {
                return v.asBoolean();
            }
            String s = v.asText().strip().toLowerCase(Locale.ROOT);
            return switch (s) {
                case "true", "yes", "1" -> true;
                case "false", "no", "0" -> false;
                default -> throw new BadSnapshot(where + ": " + field + " \"" + shorten(v.asText())
                        + "\": expected true or false");
            };
        }

        BigDecimal amount(String field) throws BadSnapshot {
            JsonNode v = value(field);
            if (v == null) {
                return null;
            }
            BigDecimal d;
            try {
                d = v.isNumber() ? v.decimalValue() : new BigDecimal(v.asText().strip());
            } catch (NumberFormatException e) {
                throw new BadSnapshot(where + ": " + field + " \"" + shorten(v.asText()) + "\": expected a decimal amount such as 89.90");
            }
            if (d.signum() < 0 || d.precision() - d.scale() > 15 || d.scale() > 6) {
                throw new BadSnapshot(where + ": " + field + " " + d.toPlainString()
                        + ": expected an amount of at least 0, at most 15 digits before the point and 6 after");
            }
            return d;
        }

        Integer quantity(String field) throws BadSnapshot {
            JsonNode v = value(field);
            if (v == null) {
                return null;
            }
            try {
                int q = v.isIntegralNumber() ? v.intValue() : Integer.parseInt(v.asText().strip());
                if (q >= 1 && (!v.isIntegralNumber() || v.canConvertToInt())) {
                    return q;
                }
            } catch (NumberFormatException e) {
                // said below
            }
            throw new BadSnapshot(where + ": " + field + " " + kind(v) + ": expected a whole number of at least 1");
        }
    }

    /** Writes an order as a snapshot that {@link #read} reads back to an equal order. */
    public static byte[] write(Order o) {
        ObjectNode n = JSON.createObjectNode();
        n.put("order_id", o.orderId());
        put(n, "created_at", o.createdAt());
        put(n, "updated_at", o.updatedAt());
        put(n, "city", o.city());
        put(n, "store", o.store());
        put(n, "order_status", o.orderStatus());
        put(n, "payment_status", o.paymentStatus());
        put(n, "confirmation_status", o.confirmationStatus());
        n.put("age_verified", o.ageVerified());
        put(n, "customer_phone", o.customerPhone());
        put(n, "estimated_delivery_at", o.estimatedDeliveryAt());
        put(n, "fulfilment", o.fulfilment());
        put(n, "status_changed_at", o.statusChangedAt());
        put(n, "shipped_at", o.shippedAt());
        put(n, "locality", o.locality());
        put(n, "arrived_at", o.arrivedAt());
        put(n, "delivery_date", o.deliveryDate());
        put(n, "pickup_checkin_at", o.pickupCheckinAt());
        put(n, "recipient_name", o.recipientName());
        put(n, "recipient_phone", o.recipientPhone());
        put(n, "cancel_reason", o.cancelReason());
        put(n, "cancelled_by", o.cancelledBy());
        if (o.paidAmount() != null) {
            n.put("paid_amount", o.paidAmount().toPlainString());
        }
        if (o.discount() != null) {
            n.put("discount", o.discount().toPlainString());
        }
        put(n, "promo", o.promo());
        ArrayNode lines = n.putArray("lines");
        for (OrderLine l : o.lines()) {
            ObjectNode ln = lines.addObject();
            ln.put("sku", l.sku());
            ln.put("qty", l.qty());
            if (l.unitPrice() != null) {
                ln.put("unit_price", l.unitPrice().toPlainString());
            }
            ln.put("adult_only", l.adultOnly());
            ln.put("key_item", l.keyItem());
            put(ln, "line_group", l.lineGroup());
            ln.put("available", l.available());
            put(ln, "substitute_sku", l.substituteSku());
            ln.put("substitute_available", l.substituteAvailable());
            put(ln, "combo_id", l.comboId());
        }
        try {
            return JSON.writeValueAsBytes(n);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void put(ObjectNode n, String field, Object value) {
        if (value != null) {
            n.put(field, value instanceof Enum<?> e ? e.name() : value.toString());
        }
    }
}
