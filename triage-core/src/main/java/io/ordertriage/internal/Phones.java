package io.ordertriage.internal;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads phone numbers with libphonenumber (rulebook §17): a value is usable when libphonenumber
 * judges it a valid number, read with the configured region for numbers without a country code
 * ({@code 8 914 584-13-32} in RU is {@code +79145841332}). Anything else gives {@code null}, never
 * an error (libphonenumber itself refuses input longer than 250 characters). Thread-safe.
 *
 * <p>libphonenumber takes about 12 µs a number here, longer than classifying an order, so numbers
 * read are remembered (customers order again): up to {@value #CACHED} of them, then the cache
 * starts afresh.
 */
final class Phones {
    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
    private static final int CACHED = 100_000;
    private static final String INVALID = new String("invalid");

    private final String region;
    private final ConcurrentHashMap<String, String> cache = new ConcurrentHashMap<>();

    Phones(String region) {
        this.region = region;
    }

    /** {@code raw} in E.164 form, or {@code null} when it is empty or not a valid number. */
    String e164(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String known = cache.get(raw);
        if (known == null) {
            known = read(raw);
            if (cache.size() >= CACHED) {
                cache.clear();
            }
            cache.put(raw, known == null ? INVALID : known);
        }
        return known == INVALID ? null : known;
    }

    private String read(String raw) {
        try {
            PhoneNumber n = UTIL.parse(raw, region);
            return UTIL.isValidNumber(n) ? UTIL.format(n, PhoneNumberUtil.PhoneNumberFormat.E164) : null;
        } catch (NumberParseException e) {
            return null;
        }
    }
}
