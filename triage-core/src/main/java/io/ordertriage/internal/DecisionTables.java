package io.ordertriage.internal;

import io.ordertriage.RuleProblem;
import org.drools.decisiontable.InputType;
import org.drools.decisiontable.SpreadsheetCompiler;
import org.drools.decisiontable.parser.csv.CsvLineParser;
import org.drools.template.parser.DecisionTableParseException;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decision tables in CSV ({@code .drl.csv}): Drools' spreadsheet compiler turns a table into DRL,
 * and this class maps what goes wrong back to the table's cells, since a rule author edits the
 * table, not the DRL generated from it.
 *
 * <p>A problem is a {@link RuleProblem} whose line is the table's row (a spreadsheet's row number,
 * which is also the CSV file's line) and whose column is the cell's column (1 for A), with the cell
 * named in the message.
 */
final class DecisionTables {
    static final String SUFFIX = ".drl.csv";

    /** Spreadsheet-compiler comment before each generated rule: {@code // rule values at A10, header at A5}. */
    private static final Pattern RULE_ROW = Pattern.compile("^// rule values at ([A-Z]+)(\\d+), header at ([A-Z]+)(\\d+)");
    /** Where a parser error is in the generated DRL: {@code Line 62:144}. */
    private static final Pattern LINE_COLUMN = Pattern.compile("\\bLine (\\d+):(\\d+)\\b");
    /** The name MVEL could not resolve: {@code unable to resolve method using strict-mode: a.b.C.name()}. */
    private static final Pattern UNRESOLVED = Pattern.compile("unable to resolve method using strict-mode: [\\w.$]*?\\.?(\\w+)\\(\\)");
    /** A cell name in a parse error, such as {@code B7}. */
    private static final Pattern CELL = Pattern.compile("\\b([A-Z]{1,2})(\\d+)\\b");

    private DecisionTables() {
    }

    static boolean isTable(String name) {
        return name.endsWith(SUFFIX);
    }

    /** The table compiled to DRL, or a problem naming the cell (when the compiler names one). */
    static Compiled compile(String source, byte[] table) {
        RuleProblem header = checkColumnTypes(source, table);
        if (header != null) {
            return new Compiled(source, table, null, header);
        }
        try {
            String drl = new SpreadsheetCompiler().compile(new ByteArrayInputStream(table), InputType.CSV);
            return new Compiled(source, table, drl, null);
        } catch (DecisionTableParseException | IllegalArgumentException | IllegalStateException e) {
            String message = oneLine(e.getMessage());
            Matcher m = CELL.matcher(message);
            RuleProblem p = m.find()
                    ? new RuleProblem(source, Integer.parseInt(m.group(2)), columnNumber(m.group(1)),
                            "cell " + m.group(1) + m.group(2) + ": " + message)
                    : new RuleProblem(source, 0, 0, "not a decision table: " + message);
            return new Compiled(source, table, null, p);
        }
    }

    /** The column types Drools reads (ActionType): full headers are matched by prefix, short ones exactly. */
    private static final List<String> COLUMN_TYPES = List.of("CONDITION", "ACTION", "NAME", "DESCRIPTION", "PRIORITY",
            "SALIENCE", "DURATION", "TIMER", "ENABLED", "CALENDARS", "NO-LOOP", "NOLOOP", "LOCK-ON-ACTIVE", "LOCKONACTIVE",
            "AUTO-FOCUS", "AUTOFOCUS", "ACTIVATION-GROUP", "ACTIVATIONGROUP", "AGENDA-GROUP", "AGENDAGROUP",
            "RULEFLOW-GROUP", "RULEFLOWGROUP", "DATE-EFFECTIVE", "DATEEFFECTIVE", "DATE-EXPIRES", "DATEEXPIRES", "METADATA");
    private static final List<String> SHORT_TYPES = List.of("C", "A", "N", "I", "P", "D", "T", "B", "E", "U", "L", "F",
            "X", "G", "R", "V", "Z", "@");

    /**
     * Drools skips a column whose type it does not know, so a misspelt CONDITION would silently
     * widen every rule of the table: the row after each RuleTable may hold only known types.
     */
    private static RuleProblem checkColumnTypes(String source, byte[] table) {
        List<String> lines = new String(table, StandardCharsets.UTF_8).lines().toList();
        for (int i = 0; i + 1 < lines.size(); i++) {
            List<String> cells = new CsvLineParser().parse(lines.get(i));
            int start = -1;
            for (int c = 0; c < cells.size() && start < 0; c++) {
                if (cells.get(c).strip().startsWith("RuleTable")) {
                    start = c;
                }
            }
            if (start < 0) {
                continue;
            }
            List<String> types = new CsvLineParser().parse(lines.get(i + 1));
            for (int c = start; c < types.size(); c++) {
                String type = types.get(c).strip().toUpperCase(java.util.Locale.ROOT);
                if (!type.isEmpty() && !SHORT_TYPES.contains(type) && COLUMN_TYPES.stream().noneMatch(type::startsWith)) {
                    String cell = columnName(c) + (i + 2);
                    return new RuleProblem(source, i + 2, c + 1, "cell " + cell + " = \"" + types.get(c).strip()
                            + "\": not a column type of a decision table; expected CONDITION, ACTION, NAME, DESCRIPTION, "
                            + "PRIORITY or another Drools column type (or an empty cell)");
                }
            }
        }
        return null;
    }

    /** A table and the DRL made from it, or the problem that stopped it. */
    record Compiled(String source, byte[] table, String drl, RuleProblem problem) {

        /**
         * A problem Drools found in the generated DRL, placed on the table: the row of the rule
         * it is in, and the cell of that row whose text the faulty line or message quotes (the
         * first condition or action cell of the row when none does).
         */
        RuleProblem locate(int drlLine, String message) {
            List<String> generated = drl.lines().toList();
            String token = null;
            Matcher at = LINE_COLUMN.matcher(message);   // a parser error: "Line 62:144 mismatched input ..."
            if (at.find()) {
                drlLine = Integer.parseInt(at.group(1));
                token = wordAt(drlLine >= 1 && drlLine <= generated.size() ? generated.get(drlLine - 1) : "",
                        Integer.parseInt(at.group(2)));
            }
            int row = 0;
            int header = 0;
            for (int i = Math.min(drlLine, generated.size()) - 1; i >= 0; i--) {
                Matcher m = RULE_ROW.matcher(generated.get(i).strip());
                if (m.find()) {
                    row = Integer.parseInt(m.group(2));
                    header = Integer.parseInt(m.group(4));
                    break;
                }
            }
            if (row == 0) {
                return settingsProblem(message);
            }
            List<String> cells = cells(row);
            List<String> types = cells(header + 1);
            List<String> templates = cells(header + 3);
            List<String> headings = cells(header + 4);
            int name = types.indexOf("NAME");
            String faulty = drlLine >= 1 && drlLine <= generated.size() ? generated.get(drlLine - 1) : "";
            int column = -1;
            if (token != null) {
                String t = token;
                column = pick(cells, name, v -> containsWord(v, t)).orElse(-1);
            }
            if (column < 0) {
                column = pick(cells, name, v -> allWordsIn(v, message)).or(() -> pick(cells, name, v -> allWordsIn(v, faulty)))
                        .orElse(-1);
            }
            Matcher unresolved = UNRESOLVED.matcher(message);
            if (column >= 0 && unresolved.find() && !containsWord(cells.get(column), unresolved.group(1))
                    && column < templates.size() && containsWord(templates.get(column), unresolved.group(1))) {
                // the column's template is wrong, not the value: one problem, at the template cell
                return problem(header + 3, column, templates, headings, message);
            }
            if (column < 0) {
                // nothing in the row is quoted: the rule's name cell (or its first cell) places it
                column = name >= 0 && name < cells.size() ? name : firstNonBlank(cells);
            }
            if (column < 0) {
                return new RuleProblem(source, row, 0, "row " + row + ": " + message);
            }
            return problem(row, column, cells, headings, message);
        }

        private RuleProblem problem(int row, int column, List<String> cells, List<String> headings, String message) {
            String title = column < headings.size() && !headings.get(column).isBlank() ? " (" + headings.get(column).strip() + ")" : "";
            return new RuleProblem(source, row, column + 1,
                    "cell " + columnName(column) + row + title + " = \"" + cells.get(column).strip() + "\": " + message);
        }

        /** A problem outside the rule tables: at the Import cell when an import is named, else without a place. */
        private RuleProblem settingsProblem(String message) {
            List<String> lines = new String(table, StandardCharsets.UTF_8).lines().toList();
            if (message.contains("import")) {
                for (int r = 1; r <= lines.size(); r++) {
                    List<String> cells = cells(r);
                    int c = cells.indexOf("Import");
                    if (c >= 0 && c + 1 < cells.size()) {
                        return new RuleProblem(source, r, c + 2, "cell " + columnName(c + 1) + r + " (Import): " + message);
                    }
                }
            }
            return new RuleProblem(source, 0, 0, "in the table's RuleSet, Import or other settings: " + message);
        }

        /** The cells of one row of the table (1-based), as Drools' own CSV reader splits it. */
        private List<String> cells(int row) {
            List<String> lines = new String(table, StandardCharsets.UTF_8).lines().toList();
            if (row < 1 || row > lines.size()) {
                return List.of();
            }
            return new ArrayList<>(new CsvLineParser().parse(lines.get(row - 1)));
        }
    }

    /** The column (0-based) of the longest non-blank cell, other than the rule's name, that {@code matches}. */
    private static Optional<Integer> pick(List<String> cells, int nameColumn, java.util.function.Predicate<String> matches) {
        int best = -1;
        for (int c = 0; c < cells.size(); c++) {
            String value = cells.get(c).strip();
            if (c == nameColumn || value.isEmpty() || !matches.test(value)) {
                continue;
            }
            if (best < 0 || value.length() > cells.get(best).strip().length()) {
                best = c;
            }
        }
        return best < 0 ? Optional.empty() : Optional.of(best);
    }

    private static boolean allWordsIn(String value, String text) {
        for (String word : value.split("[\\s,]+")) {
            if (!word.isEmpty() && !containsWord(text, word)) {
                return false;
            }
        }
        return true;
    }

    private static int firstNonBlank(List<String> cells) {
        for (int c = 0; c < cells.size(); c++) {
            if (!cells.get(c).isBlank()) {
                return c;
            }
        }
        return -1;
    }

    /** The word (letters, digits, underscores) at a 0-based column of a line, or null. */
    private static String wordAt(String line, int column) {
        if (column < 0 || column >= line.length()) {
            return null;
        }
        int from = column;
        int to = column;
        while (from > 0 && isWordChar(line.charAt(from - 1))) {
            from--;
        }
        while (to < line.length() && isWordChar(line.charAt(to))) {
            to++;
        }
        return to > from ? line.substring(from, to) : null;
    }

    private static boolean isWordChar(char ch) {
        return Character.isLetterOrDigit(ch) || ch == '_';
    }

    private static boolean containsWord(String text, String word) {
        return Pattern.compile("(?<![A-Za-z0-9_])" + Pattern.quote(word) + "(?![A-Za-z0-9_])").matcher(text).find();
    }

    /** A spreadsheet column name, 0 for A. */
    static String columnName(int column) {
        StringBuilder name = new StringBuilder();
        for (int c = column + 1; c > 0; c = (c - 1) / 26) {
            name.insert(0, (char) ('A' + (c - 1) % 26));
        }
        return name.toString();
    }

    /** 1 for A, 27 for AA. */
    private static int columnNumber(String name) {
        int n = 0;
        for (char ch : name.toCharArray()) {
            n = n * 26 + (ch - 'A' + 1);
        }
        return n;
    }

    private static String oneLine(String message) {
        return message == null ? "(no message)" : message.strip().replaceAll("\\s*\\R\\s*", " ");
    }
}
