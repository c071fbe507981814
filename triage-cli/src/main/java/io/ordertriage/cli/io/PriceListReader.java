package io.ordertriage.cli.io;

import io.ordertriage.model.PriceList;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads a price list: a header with the columns {@code city, store, sku, price} (any order, any
 * case, other columns ignored), one price per row. Prices take {@code .} or {@code ,} as the
 * decimal separator and are amounts within {@link io.ordertriage.model.Amounts#BOUNDS} ({@link Values#decimal}).
 * A bad row is an error naming its line: a price list is reference data, and classifying against half of it
 * would be wrong without saying so. Values echoed in messages are cut to a readable length.
 */
public final class PriceListReader {
    private static final List<String> COLUMNS = List.of("city", "store", "sku", "price");

    private PriceListReader() {
    }

    public static PriceList read(TextInput input) throws InputException {
        CSVFormat format = CSVFormat.RFC4180.builder().setDelimiter(input.delimiter()).setIgnoreEmptyLines(true).get();
        PriceList.Builder prices = PriceList.builder();
        try (InputStream raw = Files.newInputStream(input.file());
             Reader reader = input.openReader(raw);
             CSVParser parser = CSVParser.parse(reader, format)) {
            var it = parser.iterator();
            if (!it.hasNext()) {
                throw new InputException(input.displayName() + ": the price list is empty; expected a header " + COLUMNS);
            }
            List<String> header = new ArrayList<>();
            it.next().forEach(h -> header.add(h.replace("\uFEFF", "").strip().toLowerCase(Locale.ROOT)));
            int[] at = new int[COLUMNS.size()];
            List<String> missing = new ArrayList<>();
            for (int i = 0; i < at.length; i++) {
                at[i] = header.indexOf(COLUMNS.get(i));
                if (at[i] < 0) {
                    missing.add(COLUMNS.get(i));
                }
            }
            if (!missing.isEmpty()) {
                throw new InputException(input.displayName() + ": missing required column(s) " + missing
                        + " in the price list; expected " + COLUMNS + ", the header has " + Values.shorten(header.toString()));
            }
            while (it.hasNext()) {
                CSVRecord r = it.next();
                long line = ReferenceTable.firstLine(r, parser.getCurrentLineNumber());
                if (r.size() != header.size()) {
                    throw new InputException(input.displayName() + ":" + line + ": row has " + r.size()
                            + " fields but the header has " + header.size());
                }
                String price = r.get(at[3]);
                try {
                    prices.add(r.get(at[0]), r.get(at[1]), r.get(at[2]), Values.decimal(price));
                } catch (Values.BadValue e) {
                    throw new InputException(input.displayName() + ":" + line + ": price \"" + Values.shorten(price) + "\": "
                            + e.getMessage());
                } catch (IllegalArgumentException e) {
                    throw new InputException(input.displayName() + ":" + line + ": " + Values.shorten(e.getMessage()));
                }
            }
        } catch (UncheckedIOException e) {
            throw new InputException(input.displayName() + ": cannot read: " + e.getCause().getMessage(), e);
        } catch (IOException e) {
            throw new InputException(input.displayName() + ": cannot read: " + e.getMessage(), e);
        }
        return prices.build();
    }
}
