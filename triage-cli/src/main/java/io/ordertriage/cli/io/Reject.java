package io.ordertriage.cli.io;

/**
 * One reason an order (or a row that belongs to no order) was not classified (rulebook §9).
 *
 * @param lines   the physical input lines, for example {@code 12} or {@code 12-14, 20}
 * @param orderId the order id, or empty when unknown
 * @param field   the canonical field or source column at fault, or empty when the whole row is
 * @param value   the offending value, or empty
 * @param reason  what was wrong and what would be accepted
 */
public record Reject(String lines, String orderId, String field, String value, String reason) {

    /** {@code input.csv:12: order A-1: payment_status "PAYED": expected one of …}. */
    public String describe(String file) {
        StringBuilder b = new StringBuilder(file).append(':').append(lines).append(": ");
        if (!orderId.isEmpty()) {
            b.append("order ").append(orderId).append(": ");
        }
        if (!field.isEmpty()) {
            b.append(field);
            if (!value.isEmpty()) {
                b.append(" \"").append(value).append('"');
            }
            b.append(": ");
        }
        return b.append(reason).toString();
    }
}
