package io.ordertriage.model;

import java.math.BigDecimal;

/**
 * The bounds of every amount of money in the model: {@code unit_price} ({@link OrderLine}),
 * {@code paid_amount} and {@code discount} ({@link Order}), and a price list's {@code price}
 * ({@link PriceList}). An amount has at most {@value #MAX_INTEGER_DIGITS} digits before the decimal
 * point and at most {@value #MAX_DECIMAL_PLACES} after it, so that no sum, product or comparison a rule
 * makes can run out of memory or overflow a scale ({@code 1E+999999999} is a valid {@link BigDecimal},
 * but adding 1 to it needs a billion digits). The constructors and builders of those classes throw
 * {@link IllegalArgumentException} for an amount outside the bounds; readers of input (the CLI) check
 * with {@link #withinBounds} first, to reject the value with a message of their own.
 */
public final class Amounts {
    /** At most this many digits before the decimal point: {@code 999 999 999 999 999.999999} is the largest amount. */
    public static final int MAX_INTEGER_DIGITS = 15;
    /** At most this many digits after the decimal point (the scale), also for zero ({@code 0.0000001} is out). */
    public static final int MAX_DECIMAL_PLACES = 6;
    /** The bounds in words, for messages. */
    public static final String BOUNDS = "at most " + MAX_INTEGER_DIGITS + " digits before the decimal point and "
            + MAX_DECIMAL_PLACES + " after it";

    private Amounts() {
    }

    /**
     * True when {@code amount} has at most {@value #MAX_INTEGER_DIGITS} digits before the decimal point
     * and a scale of at most {@value #MAX_DECIMAL_PLACES}. The sign is not checked here. A negative scale
     * (exponent notation, {@code 1.5E+3}) is fine when the value itself is within the bounds.
     */
    public static boolean withinBounds(BigDecimal amount) {
        if (amount.scale() > MAX_DECIMAL_PLACES) {
            return false;
        }
        // within the bounds the unscaled value is below 10^21 (70 bits): a longer one is out without counting
        // its digits, which takes seconds for a million of them
        if (amount.unscaledValue().bitLength() > 80) {
            return false;
        }
        // long arithmetic: precision - scale overflows an int for 1E+2147483647
        return (long) amount.precision() - amount.scale() <= MAX_INTEGER_DIGITS;
    }

    /**
     * {@code amount} when null or {@link #withinBounds within the bounds}, else an
     * {@link IllegalArgumentException} naming {@code what} (for example {@code "unit_price of line MILK"}) and
     * the bounds.
     */
    /**
     * An amount given as text to a builder: a plain decimal ({@code 1.50}, {@code 1199}, {@code 1.5E+3}),
     * or {@code null} for {@code null}. Regional forms ({@code 1,50}, {@code 1 199,00}) are the CLI's to
     * read (it knows the export's conventions); here they fail naming {@code what} and the text.
     */
    static BigDecimal parse(String text, String what) {
        if (text == null) {
            return null;
        }
        try {
            return new BigDecimal(text.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + ": \"" + (text.length() > 40 ? text.substring(0, 40) + "…" : text)
                    + "\" is not a decimal number; expected digits with an optional '.' and fraction, such as 1.50"
                    + " (regional forms such as \"1,50\" are read by the CLI, not by the builder)", e);
        }
    }

    static BigDecimal requireWithinBounds(BigDecimal amount, String what) {
        if (amount != null && !withinBounds(amount)) {
            throw new IllegalArgumentException(what + " is out of range: " + describe(amount) + "; expected " + BOUNDS);
        }
        return amount;
    }

    /** The amount as a short text: itself when short, else its size (a million digits are not printed). */
    static String describe(BigDecimal amount) {
        int bits = amount.unscaledValue().bitLength();
        if (bits <= 128) {
            return amount.toString();
        }
        return "a number of about " + (long) (bits * Math.log10(2) + 1) + " digits with scale " + amount.scale();
    }
}
