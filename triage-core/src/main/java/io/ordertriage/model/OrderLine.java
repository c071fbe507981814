package io.ordertriage.model;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * One line of an order (rulebook §1). Build one with {@link #builder(String)}.
 *
 * @param sku                 the item; never blank; surrounding white space is removed
 * @param qty                 at least 1
 * @param unitPrice           what the customer pays for one unit, or {@code null} when unknown; never negative,
 *                            and within {@link Amounts#BOUNDS the bounds of an amount}
 * @param adultOnly           18+ goods
 * @param keyItem             without it the rest of its group is pointless
 * @param lineGroup           lines that belong together (a recipe); {@code ""} is the order's default group
 * @param available           in stock at the store
 * @param substituteSku       the analogue the customer accepted in advance, or {@code null}
 * @param substituteAvailable whether that analogue is in stock
 * @param comboId             lines with the same combo id are one combo set (§16), or {@code null}
 */
public record OrderLine(String sku, int qty, BigDecimal unitPrice, boolean adultOnly, boolean keyItem,
                        String lineGroup, boolean available, String substituteSku, boolean substituteAvailable,
                        String comboId) {

    public OrderLine {
        if (sku == null || sku.isBlank()) {
            throw new IllegalArgumentException("sku is required for a line, got " + (sku == null ? "null" : "\"" + sku + "\""));
        }
        if (qty < 1) {
            throw new IllegalArgumentException("qty of line " + sku + " must be at least 1, got " + qty);
        }
        if (unitPrice != null && unitPrice.signum() < 0) {
            throw new IllegalArgumentException("unit_price of line " + sku + " must not be negative, got " + unitPrice);
        }
        Amounts.requireWithinBounds(unitPrice, "unit_price of line " + sku);
        sku = sku.strip();
        lineGroup = lineGroup == null ? "" : lineGroup;
        substituteSku = substituteSku == null || substituteSku.isBlank() ? null : substituteSku;
        comboId = comboId == null || comboId.isBlank() ? null : comboId;
    }

    /** A line that belongs to no combo set. */
    public OrderLine(String sku, int qty, BigDecimal unitPrice, boolean adultOnly, boolean keyItem,
                     String lineGroup, boolean available, String substituteSku, boolean substituteAvailable) {
        this(sku, qty, unitPrice, adultOnly, keyItem, lineGroup, available, substituteSku, substituteAvailable, null);
    }

    /** A builder with the rulebook's defaults: qty 1, available, default group, no substitute. */
    public static Builder builder(String sku) {
        return new Builder(sku);
    }

    /** A builder holding this line's values, to derive a changed copy. */
    public Builder toBuilder() {
        return new Builder(sku).qty(qty).unitPrice(unitPrice).adultOnly(adultOnly).keyItem(keyItem)
                .lineGroup(lineGroup).available(available).substitute(substituteSku, substituteAvailable).comboId(comboId);
    }

    /** Builds an {@link OrderLine}; not thread-safe. */
    public static final class Builder {
        private final String sku;
        private int qty = 1;
        private BigDecimal unitPrice;
        private boolean adultOnly;
        private boolean keyItem;
        private String lineGroup = "";
        private boolean available = true;
        private String substituteSku;
        private boolean substituteAvailable;
        private String comboId;

        private Builder(String sku) {
            this.sku = sku;
        }

        public Builder qty(int qty) { this.qty = qty; return this; }
        public Builder unitPrice(BigDecimal unitPrice) { this.unitPrice = unitPrice; return this; }
        /** As {@link #unitPrice(BigDecimal)}, from a plain decimal such as {@code "1.50"}; {@code null} for unknown. */
        public Builder unitPrice(String unitPrice) { return unitPrice(Amounts.parse(unitPrice, "unitPrice of line " + sku)); }
        public Builder adultOnly(boolean adultOnly) { this.adultOnly = adultOnly; return this; }
        public Builder keyItem(boolean keyItem) { this.keyItem = keyItem; return this; }
        public Builder lineGroup(String lineGroup) { this.lineGroup = Objects.requireNonNullElse(lineGroup, ""); return this; }
        public Builder available(boolean available) { this.available = available; return this; }

        /** The analogue the customer accepted in advance, and whether it is in stock. */
        public Builder substitute(String substituteSku, boolean substituteAvailable) {
            this.substituteSku = substituteSku;
            this.substituteAvailable = substituteAvailable;
            return this;
        }

        /** The combo set the line belongs to (§16). */
        public Builder comboId(String comboId) { this.comboId = comboId; return this; }

        public OrderLine build() {
            return new OrderLine(sku, qty, unitPrice, adultOnly, keyItem, lineGroup, available, substituteSku,
                    substituteAvailable, comboId);
        }
    }
}
