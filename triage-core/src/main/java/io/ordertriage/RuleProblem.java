package io.ordertriage;

/**
 * One problem found while compiling rule files.
 *
 * @param file    the rule file as given (a path), or a resource name for the default rules
 * @param line    1-based line, or 0 when unknown
 * @param column  1-based column, or 0 when unknown
 * @param message what is wrong
 */
public record RuleProblem(String file, int line, int column, String message) {

    /** {@code file:line:column: message}, the form editors and CI annotate. */
    @Override
    public String toString() {
        return file + ":" + line + ":" + column + ": " + message;
    }
}
