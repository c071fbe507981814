package io.ordertriage.model;

import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * How to reach the customer and the recipient (rulebook §17): phones in E.164 form and WhatsApp
 * links ({@code https://wa.me/} and the E.164 digits without {@code +}); {@code null} where the
 * order has no phone or its phone is not a valid number for the configured region.
 *
 * <p>Immutable and thread-safe. An engine's contacts read their phones on first use: validating a
 * phone number takes longer than classifying the order, and most results of a large run are never
 * looked at. Two contacts are equal when their four values are.
 */
public final class Contact {
    /** No phone at all. */
    public static final Contact NONE = new Contact(null, null);

    private record Phones(String phone, String recipientPhone) {
    }

    private final String rawPhone;
    private final String rawRecipientPhone;
    private final UnaryOperator<String> toE164;
    private volatile Phones phones;

    private Contact(String phone, String recipientPhone) {
        this.rawPhone = null;
        this.rawRecipientPhone = null;
        this.toE164 = null;
        this.phones = new Phones(phone, recipientPhone);
    }

    private Contact(String rawPhone, String rawRecipientPhone, UnaryOperator<String> toE164) {
        this.rawPhone = rawPhone;
        this.rawRecipientPhone = rawRecipientPhone;
        this.toE164 = toE164;
    }

    /** The contact of the given E.164 phones (either may be {@code null}), with their links. */
    public static Contact of(String phone, String recipientPhone) {
        return phone == null && recipientPhone == null ? NONE : new Contact(phone, recipientPhone);
    }

    /**
     * A contact whose phones are read from the order's raw values on first use.
     *
     * @param toE164 turns a raw phone into E.164 form, or {@code null} when it is not a valid number;
     *               must be thread-safe and never throw
     */
    public static Contact reading(String rawPhone, String rawRecipientPhone, UnaryOperator<String> toE164) {
        Objects.requireNonNull(toE164, "toE164");
        return rawPhone == null && rawRecipientPhone == null ? NONE : new Contact(rawPhone, rawRecipientPhone, toE164);
    }

    private Phones phones() {
        Phones p = phones;
        if (p == null) {
            p = new Phones(rawPhone == null ? null : toE164.apply(rawPhone),
                    rawRecipientPhone == null ? null : toE164.apply(rawRecipientPhone));
            phones = p;
        }
        return p;
    }

    /** The customer's phone, for example {@code +79145841332}, or {@code null}. */
    public String phone() {
        return phones().phone();
    }

    /** {@code https://wa.me/79145841332}, or {@code null}. */
    public String whatsapp() {
        return whatsappLink(phone());
    }

    /** The recipient's phone, or {@code null}. */
    public String recipientPhone() {
        return phones().recipientPhone();
    }

    /** The recipient's WhatsApp link, or {@code null}. */
    public String recipientWhatsapp() {
        return whatsappLink(recipientPhone());
    }

    /** The WhatsApp link of an E.164 number, or {@code null} for {@code null}. */
    public static String whatsappLink(String e164) {
        return e164 == null ? null : "https://wa.me/" + e164.substring(e164.startsWith("+") ? 1 : 0);
    }

    @Override
    public boolean equals(Object o) {
        return this == o || o instanceof Contact c && phones().equals(c.phones());
    }

    @Override
    public int hashCode() {
        return phones().hashCode();
    }

    @Override
    public String toString() {
        return "Contact[phone=" + phone() + ", whatsapp=" + whatsapp() + ", recipientPhone=" + recipientPhone()
                + ", recipientWhatsapp=" + recipientWhatsapp() + "]";
    }
}
