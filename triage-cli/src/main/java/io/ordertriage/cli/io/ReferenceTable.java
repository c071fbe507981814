package io.ordertriage.cli.io;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

/**
 * Reads a small reference table (delivery terms, acknowledgements): a header naming its columns (any
 * order, any case, other columns ignored), then one record per row. A row with another number of
 * fields than the header is an error naming its line; blank lines are skipped.
 */
final class ReferenceTable {
    /** One row: its physical line and the cells of the wanted columns ("" for an absent optional one). */
    @FunctionalInterface
    interface RowHandler {
        void row(long line, List<String> cells) throws InputException;
    }

    private ReferenceTable() {
    }

    /**
     * @param what     what the file is, for messages ("delivery terms")
     * @param required the columns that must be present
     * @param columns  the columns handed to {@code handler}, in this order (a superset of {@code required})
     */
    static void read(TextInput input, String what, List<String> required, List<String> columns, RowHandler handler)
            throws InputException {
        CSVFormat format = CSVFormat.RFC4180.builder().setDelimiter(input.delimiter()).setIgnoreEmptyLines(true)
                .setTrailingData(true).setLenientEof(true).get();
        try (InputStream raw = Files.newInputStream(input.file());
             Reader reader = input.openReader(raw);
             CSVParser parser = CSVParser.parse(reader, format)) {
            Iterator<CSVRecord> it = parser.iterator();
            if (!it.hasNext()) {
                throw new InputException(input.displayName() + ": the " + what + " file is empty; expected a header "
                        + String.join(", ", columns));
            }
            List<String> header = new ArrayList<>();
            it.next().forEach(h -> header.add(h.replace("\uFEFF", "").strip().toLowerCase(Locale.ROOT)));
            int[] at = new int[columns.size()];
            List<String> missing = new ArrayList<>();
            for (int i = 0; i < at.length; i++) {
                at[i] = header.indexOf(columns.get(i));
                if (at[i] < 0 && required.contains(columns.get(i))) {
                    missing.add(columns.get(i));
                }
            }
            if (!missing.isEmpty()) {
                throw new InputException(input.displayName() + ": missing required column" + (missing.size() > 1 ? "s " : " ")
                        + String.join(", ", missing) + " in the " + what + "; expected a header " + String.join(", ", columns)
                        + (required.size() < columns.size() ? " (" + String.join(", ", required) + " required)" : "")
                        + ", the header has " + Values.shorten(header.toString()));
            }
            while (it.hasNext()) {
                CSVRecord r = it.next();
                long line = firstLine(r, parser.getCurrentLineNumber());
                if (r.size() != header.size()) {
                    throw new InputException(input.displayName() + ":" + line + ": row has " + r.size()
                            + " fields but the header has " + header.size() + "; is a delimiter or a quote inside an unquoted value?");
                }
                List<String> cells = new ArrayList<>(at.length);
                for (int i : at) {
                    cells.add(i < 0 ? "" : r.get(i));
                }
                handler.row(line, cells);
            }
        } catch (UncheckedIOException e) {
            throw unreadable(input, e.getCause());
        } catch (IOException e) {
            throw unreadable(input, e);
        }
    }

    /**
     * The physical line a record starts on, given the line it ends on ({@link CSVParser#getCurrentLineNumber()}
     * right after reading it): blank lines skipped before it do not count, line breaks inside its quoted
     * cells do.
     */
    static long firstLine(CSVRecord r, long lastLine) {
        long breaks = 0;
        for (String v : r) {
            for (int i = 0; i < v.length(); i++) {
                char c = v.charAt(i);
                if (c == '\n' || c == '\r' && (i + 1 == v.length() || v.charAt(i + 1) != '\n')) {
                    breaks++;
                }
            }
        }
        return Math.max(1, lastLine - breaks);
    }

    private static InputException unreadable(TextInput input, IOException e) {
        if (e instanceof DecodingReader.UndecodableException u) {
            return new InputException(input.displayName() + ": " + u.getMessage(), e);
        }
        if (e instanceof CharacterCodingException) {
            return new InputException(input.displayName() + ": bytes that are not valid " + input.charset().name()
                    + " (" + e.getMessage() + ")", e);
        }
        return new InputException(input.displayName() + ": cannot read: " + e.getMessage(), e);
    }
}
