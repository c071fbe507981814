package io.ordertriage.cli.io;

import io.ordertriage.model.Acknowledgement;
import io.ordertriage.model.Acknowledgements;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads acknowledged findings (rulebook §18): a header with the columns {@code order_id, code, until,
 * note} (any order, any case; {@code until} and {@code note} may be left out, other columns are
 * ignored), one acknowledgement per row. {@code until} is empty (for good) or a date-time in any form
 * of rulebook §1, read in the evaluation zone when it has no offset; codes are compared in upper case.
 * An operator keeps this file by hand, so a bad row is an error naming the file, the line, the field
 * and the value: a silently skipped acknowledgement would put a dealt-with order back in the queue
 * without saying why.
 */
public final class AcknowledgementsReader {
    private static final List<String> COLUMNS = List.of("order_id", "code", "until", "note");
    private static final List<String> REQUIRED = List.of("order_id", "code");

    private AcknowledgementsReader() {
    }

    /** @param values parses {@code until} (the run's zone; no mapping patterns) */
    public static Acknowledgements read(TextInput input, Values values) throws InputException {
        List<Acknowledgement> acks = new ArrayList<>();
        ReferenceTable.read(input, "acknowledgements", REQUIRED, COLUMNS, (line, cells) -> {
            String where = input.displayName() + ":" + line + ": ";
            String orderId = cells.get(0).strip();
            String code = Values.strip(cells.get(1)).toUpperCase(Locale.ROOT);
            String until = Values.strip(cells.get(2));
            String note = cells.get(3).strip();
            if (orderId.isEmpty()) {
                throw new InputException(where + "order_id is blank; expected the id of the order acknowledged");
            }
            if (code.isEmpty()) {
                throw new InputException(where + "code is blank (order " + Values.shorten(orderId)
                        + "); expected the finding code acknowledged, for example PAYMENT_OVERDUE");
            }
            Instant end = null;
            if (!until.isEmpty()) {
                try {
                    end = values.instant(until);
                } catch (Values.BadValue e) {
                    throw new InputException(where + "until \"" + Values.shorten(until) + "\" (order " + Values.shorten(orderId)
                            + ", " + Values.shorten(code) + "): "
                            + e.getMessage() + "; or empty for no end");
                }
            }
            acks.add(new Acknowledgement(orderId, code, end, note.isEmpty() ? null : note));
        });
        return Acknowledgements.of(acks);
    }
}
