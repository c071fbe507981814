package io.ordertriage.cli.io;

import io.ordertriage.model.DeliveryTerms;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads delivery terms (rulebook §11): a header with the columns {@code locality, days} (any order,
 * any case, other columns ignored), one locality per row: the promised number of whole days from the
 * handover to the delivery service until arrival there. Like a price list it is reference data, so a
 * bad row is an error naming the file, its line and the value, not a row to skip.
 */
public final class DeliveryTermsReader {
    private static final List<String> COLUMNS = List.of("locality", "days");

    private DeliveryTermsReader() {
    }

    public static DeliveryTerms read(TextInput input) throws InputException {
        DeliveryTerms.Builder terms = DeliveryTerms.builder();
        Map<String, Long> firstLine = new HashMap<>();
        Map<String, Integer> firstDays = new HashMap<>();
        ReferenceTable.read(input, "delivery terms", COLUMNS, COLUMNS, (line, cells) -> {
            String locality = Values.strip(cells.get(0));
            String days = Values.strip(cells.get(1));
            String shownLocality = Values.shorten(locality);
            String where = input.displayName() + ":" + line + ": ";
            if (locality.isEmpty()) {
                throw new InputException(where + "locality is blank; expected the name of a settlement");
            }
            int n;
            try {
                n = Integer.parseInt(days);
            } catch (NumberFormatException e) {
                throw new InputException(where + "days \"" + Values.shorten(days) + "\" for " + shownLocality
                        + ": not a whole number; expected 0 or more days");
            }
            if (n < 0) {
                throw new InputException(where + "days \"" + days + "\" for " + shownLocality
                        + ": must not be negative; expected 0 or more days");
            }
            String key = locality.toLowerCase(Locale.ROOT);
            Integer before = firstDays.putIfAbsent(key, n);
            if (before != null && before != n) {
                throw new InputException(where + "locality \"" + shownLocality + "\" is given twice with different days: "
                        + before + " (line " + firstLine.get(key) + ") and " + n + "; give each locality once");
            }
            firstLine.putIfAbsent(key, line);
            terms.add(locality, n);
        });
        return terms.build();
    }
}
