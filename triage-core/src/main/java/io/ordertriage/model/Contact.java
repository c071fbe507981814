package io.ordertriage.model;

/**
 * How to reach the customer and the recipient (rulebook §17): phones in E.164 form and WhatsApp
 * links ({@code https://wa.me/} and the E.164 digits without {@code +}); {@code null} where the
 * order has no phone or its phone is not a valid number for the configured region.
 *
 * @param phone             the customer's phone, for example {@code +79145841332}, or {@code null}
 * @param whatsapp          {@code https://wa.me/79145841332}, or {@code null}
 * @param recipientPhone    the recipient's phone, or {@code null}
 * @param recipientWhatsapp the recipient's WhatsApp link, or {@code null}
 */
public record Contact(String phone, String whatsapp, String recipientPhone, String recipientWhatsapp) {
    /** No phone at all. */
    public static final Contact NONE = new Contact(null, null, null, null);

    /** The WhatsApp link of an E.164 number, or {@code null} for {@code null}. */
    public static String whatsappLink(String e164) {
        return e164 == null ? null : "https://wa.me/" + e164.substring(e164.startsWith("+") ? 1 : 0);
    }

    /** The contact of the given E.164 phones (either may be {@code null}), with their links. */
    public static Contact of(String phone, String recipientPhone) {
        if (phone == null && recipientPhone == null) {
            return NONE;
        }
        return new Contact(phone, whatsappLink(phone), recipientPhone, whatsappLink(recipientPhone));
    }
}
