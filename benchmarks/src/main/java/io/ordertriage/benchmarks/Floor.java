package io.ordertriage.benchmarks;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The floor of an export's run (issue 11): Commons CSV alone streams the canonical file
 * ({@code CSVFormat.RFC4180} with its header), groups consecutive rows by {@code order_id} and writes
 * one short JSON line per order. Nothing a CLI could do to the same file is cheaper than this, so
 * {@code triage classify} is measured against it as a whole process:
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar io.ordertriage.benchmarks.Floor orders.csv out.jsonl</pre>
 */
public final class Floor {
    private Floor() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: Floor EXPORT.csv OUT.jsonl");
            System.exit(2);
        }
        long orders = run(Path.of(args[0]), Path.of(args[1]));
        System.err.println("floor: " + orders + " orders");
    }

    /** Streams {@code export} into {@code out}; returns the number of orders. */
    public static long run(Path export, Path out) throws IOException {
        CSVFormat format = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get();
        long orders = 0;
        try (Reader in = Files.newBufferedReader(export, StandardCharsets.UTF_8);
             CSVParser parser = CSVParser.parse(in, format);
             Writer w = Files.newBufferedWriter(out, StandardCharsets.UTF_8);
             JsonGenerator json = new JsonFactory().createGenerator(w)) {
            int id = parser.getHeaderMap().get("order_id");
            String current = null;
            int rows = 0;
            for (CSVRecord record : parser) {
                String orderId = record.get(id);
                if (!orderId.equals(current)) {
                    if (current != null) {
                        line(json, current, rows);
                        orders++;
                    }
                    current = orderId;
                    rows = 0;
                }
                rows++;
            }
            if (current != null) {
                line(json, current, rows);
                orders++;
            }
        }
        return orders;
    }

    private static void line(JsonGenerator json, String orderId, int rows) throws IOException {
        json.writeStartObject();
        json.writeStringField("order_id", Objects.requireNonNull(orderId));
        json.writeNumberField("rows", rows);
        json.writeEndObject();
        json.writeRaw('\n');
    }
}
