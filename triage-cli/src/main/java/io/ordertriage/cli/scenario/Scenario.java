package io.ordertriage.cli.scenario;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One scenario of a scenario file: orders, what they are classified with, and what to expect of
 * each. A file's top-level keys are defaults for its scenarios; a scenario's own keys win.
 *
 * @param file      the file as shown in messages
 * @param line      the line the scenario starts on
 * @param name      what the scenario shows
 * @param setup     as-of, zone, settings, reference tables and extra rules
 * @param orders    the orders, inline or a CSV file
 * @param expect    by order id, what to expect of that order, in the file's order
 */
record Scenario(String file, int line, String name, Setup setup, Orders orders, List<Expectation> expect) {

    /**
     * What the orders are classified with.
     *
     * @param asOf          the evaluation instant, as written (read as the CLI reads {@code --as-of})
     * @param zone          the zone for offset-less date-times
     * @param settings      setting key to value, as {@code --set}
     * @param prices        price list, or null
     * @param deliveryTerms delivery terms, or null
     * @param acks          acknowledgements, or null
     * @param rules         extra rule files or directories
     */
    record Setup(Yaml.Value asOf, Yaml.Value zone, Map<String, Yaml.Value> settings, Table prices, Table deliveryTerms,
                 Table acks, List<Path> rules) {
    }

    /** A CSV file next to the scenario file, or rows written inline (each row a map of column to value). */
    record Table(Path file, List<Map<String, Yaml.Value>> rows, int line) {
    }

    /**
     * Orders: inline (each a map of canonical fields, with its {@code lines}) with defaults for every
     * order, or a canonical CSV file.
     */
    record Orders(Path file, List<Yaml.Value> inline, Map<String, Yaml.Value> defaults, int line) {
    }

    /**
     * What to expect of one order; null means "not checked".
     *
     * @param line        where the expectation is written
     * @param verdict     OK or ATTENTION
     * @param priority    P1, P2, P3, or "none"
     * @param normal      the normal combination (N06), or "none"
     * @param codes       codes that must be among the findings
     * @param notCodes    codes that must not be
     * @param onlyCodes   the findings' codes, exactly (in any order; a code raised twice is one code)
     * @param findings    the findings, exactly, one "CODE" or "CODE SKU" each, in any order (a code raised
     *                    for two lines is two entries)
     * @param basket      the resolved basket, one "SKU: KEEP", "SKU: REMOVE" or "SKU: SUBSTITUTE OTHER" each
     */
    record Expectation(String orderId, int line, String verdict, String priority, String normal, List<String> codes,
                       List<String> notCodes, List<String> onlyCodes, List<String> findings, List<String> basket) {
    }
}
