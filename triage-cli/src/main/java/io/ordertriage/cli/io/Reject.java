package io.ordertriage.cli.io;

/**
 * One reason an order (or a row that belongs to no order) was not classified (rulebook §9).
 *
 * <p>The value and the reason are kept readable: a value longer than {@value Values#SHOWN} characters is
 * cut to its first {@value Values#SHOWN} and {@code "… (N characters)"}, and so are the values a reason
 * quotes ({@link Values#shorten}, {@link Values#shortenQuoted}), so that a 6 MB cell makes neither a 6 MB
 * message nor a 6 MB reject held until the end of the run. The order id and the field are kept whole
 * (they identify the order) and cut only where they are shown ({@link #describe}, the rejects file).
 *
 * @param lines   the physical input lines, for example {@code 12} or {@code 12-14, 20}
 * @param orderId the order id, or empty when unknown
 * @param field   the canonical field or source column at fault, or empty when the whole row is
 * @param value   the offending value (cut to a readable length), or empty
 * @param reason  what was wrong and what would be accepted
 */
public record Reject(String lines, String orderId, String field, String value, String reason) {

    public Reject {
        value = Values.shorten(value);
        reason = Values.shortenQuoted(reason);
    }

    /** {@code input.csv:12: order A-1: payment_status "PAYED": expected one of …}. */
    public String describe(String file) {
        StringBuilder b = new StringBuilder(file).append(':').append(lines).append(": ");
        if (!orderId.isEmpty()) {
            b.append("order ").append(Values.shorten(orderId)).append(": ");
        }
        if (!field.isEmpty()) {
            b.append(Values.shorten(field));
            if (!value.isEmpty()) {
                b.append(" \"").append(value).append('"');
            }
            b.append(": ");
        }
        return b.append(reason).toString();
    }
}
