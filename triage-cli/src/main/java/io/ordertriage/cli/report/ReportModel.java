package io.ordertriage.cli.report;

import gg.jte.Content;

import java.util.List;

/**
 * What the HTML report's template ({@code src/main/jte/report.jte}) shows. Every text here is put
 * on the page by the template engine, escaped for where it goes; the JSON and the page's own style
 * and script are inserted as they are.
 *
 * @param orders the work queue as a JSON array, streamed into the page
 */
public record ReportModel(String input, String inputName, String inputDescription, String asOf, String zone,
                          String mapping, String rules, boolean extraRules, String settings, long read, long classified,
                          long rejected, long attention, long written, List<PriorityCount> priorities, long acknowledged,
                          String version, String csp, String css, String js, String runJson, Content orders) {

    /** Orders that need attention with one priority. */
    public record PriorityCount(String name, long count) {
    }
}
