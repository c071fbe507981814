package io.ordertriage.cli.io;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayDeque;

/**
 * Sits between the decoded text and Commons CSV: finds where each record starts and ends, on which
 * physical lines, and keeps a quote that is never closed from swallowing the rest of the file.
 *
 * <p>It follows the quoting of Commons CSV's RFC 4180 format with trailing data and lenient end of file
 * exactly (a quote opens a value only as the value's first character; {@code ""} inside is a quote; after
 * the closing quote, text up to the delimiter is kept; CR, LF and CRLF end a record; empty lines are
 * skipped), so every record Commons CSV parses from what this reader passes on has one {@link Span}, in
 * order: {@link #nextSpan()} after each record tells its lines.
 *
 * <p>A quoted value that spans lines is <em>runaway</em> when it is still open after
 * {@value #MAX_QUOTED_LINES} line breaks or {@value #MAX_QUOTED_CHARS} characters, when the file ends
 * inside it, or when the quote that closes it is followed by more text than spaces and tabs (then it was the
 * opening quote of a later value). A runaway value is taken to end at the end of the line its quote opened on: the record
 * is passed on as that text with a closing quote added, its span carries the problem, and scanning
 * resumes at the next line as the start of a record.
 *
 * <p>The text is scanned once, in blocks, with no per-character call: the cost is a small fraction of
 * Commons CSV's own.
 */
final class RecordScanner extends Reader {
    static final int MAX_QUOTED_LINES = 1000;
    static final int MAX_QUOTED_CHARS = 1_000_000;

    /**
     * One record: its physical lines and, when it could not be read as it stands, why ({@code column}: the
     * index of the value at fault, or -1 for the whole record).
     */
    record Span(int firstLine, int lastLine, String problem, int column) {
    }

    private static final int RECORD_START = 0;
    private static final int FIELD_START = 1;
    private static final int UNQUOTED = 2;
    private static final int QUOTED = 3;
    private static final int QUOTE_SEEN = 4;
    /** After the closing quote of a value that spans lines, spaces or tabs: only a delimiter or a line end may follow. */
    private static final int QUOTE_SPACE = 5;

    private final Reader in;
    private final DecodingReader decoding;
    private final char delimiter;
    private final ArrayDeque<Span> spans = new ArrayDeque<>();
    private int runaways;
    private final StringBuilder runawayLines = new StringBuilder();

    private char[] buf;
    /** {@code [relStart, relEnd)} is ready to be passed on; {@code relEnd} is also where the current record starts. */
    private int relStart;
    private int relEnd;
    private int pos;
    private int end;
    private boolean eof;
    private boolean done;
    private String inject;
    private int injectPos;

    private int state = RECORD_START;
    /** The line of the character at {@code pos}. */
    private int line = 1;
    private int recordLine = 1;
    private int field;
    private int quotePos;
    private int quoteLine;
    private int quoteField;
    private int quoteLines;
    /** Where the first line break inside the open quoted value is, or -1. */
    private int quoteEol;

    RecordScanner(Reader in, char delimiter) {
        this(in, delimiter, 1 << 16);
    }

    /** With a first buffer of {@code bufferSize} characters (it grows for a longer record): tests use tiny ones. */
    RecordScanner(Reader in, char delimiter, int bufferSize) {
        this.buf = new char[bufferSize];
        this.in = in;
        this.decoding = in instanceof DecodingReader d ? d : null;
        this.delimiter = delimiter;
    }

    /** The span of the next record Commons CSV returned, or null when there is none (never, if in step). */
    Span nextSpan() {
        return spans.pollFirst();
    }

    /** How many runaway quoted values were cut. */
    int runaways() {
        return runaways;
    }

    /** Their lines, {@code 2, 57-58}. */
    String runawayLines() {
        return runawayLines.toString();
    }

    @Override
    public int read(char[] cbuf, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        while (true) {
            if (relStart < relEnd) {
                int n = Math.min(len, relEnd - relStart);
                System.arraycopy(buf, relStart, cbuf, off, n);
                relStart += n;
                return n;
            }
            if (inject != null) {
                int n = Math.min(len, inject.length() - injectPos);
                inject.getChars(injectPos, injectPos + n, cbuf, off);
                injectPos += n;
                if (injectPos == inject.length()) {
                    inject = null;
                    relStart = relEnd = pos;
                }
                return n;
            }
            if (done) {
                return -1;
            }
            scan();
        }
    }

    /** Scans on until there is something to pass on (or the end). Called only when nothing is pending. */
    private void scan() throws IOException {
        final char d = delimiter;
        while (true) {
            if (pos == end || pos + 1 == end && buf[pos] == '\r' && !eof) {
                if (state == QUOTED && quoteEol >= 0 && pos - quotePos > MAX_QUOTED_CHARS) {
                    runaway("is still open after " + MAX_QUOTED_CHARS + " characters");
                    return;
                }
                if (relEnd > relStart) {
                    return;
                }
                if (eof) {
                    atEnd();
                    return;
                }
                fill();
                continue;
            }
            char c = buf[pos];
            switch (state) {
                case RECORD_START -> {
                    if (c == '\n' || c == '\r') {
                        // an empty line: Commons CSV skips it too
                        pos = afterEol(pos);
                        line++;
                        relEnd = pos;
                        continue;
                    }
                    recordLine = line;
                    field = 0;
                    state = FIELD_START;
                    continue;
                }
                case FIELD_START -> {
                    if (c == '"') {
                        state = QUOTED;
                        quotePos = pos;
                        quoteLine = line;
                        quoteField = field;
                        quoteLines = 0;
                        quoteEol = -1;
                        pos++;
                    } else if (c == d) {
                        field++;
                        pos++;
                    } else if (c == '\n' || c == '\r') {
                        endRecord();
                    } else {
                        state = UNQUOTED;
                        pos++;
                    }
                }
                case UNQUOTED -> {
                    // the hot loop: most characters of most files are here
                    int p = pos;
                    int e = end;
                    char[] b = buf;
                    while (p < e) {
                        char ch = b[p];
                        if (ch == d || ch == '\n' || ch == '\r') {
                            break;
                        }
                        p++;
                    }
                    pos = p;
                    if (p < e) {
                        if (b[p] == d) {
                            field++;
                            state = FIELD_START;
                            pos++;
                        } else if (p + 1 < e || b[p] != '\r' || eof) {
                            endRecord();
                        } // else: a CR last in the buffer; learn whether LF follows first
                    }
                }
                case QUOTED -> {
                    int p = pos;
                    int e = end;
                    char[] b = buf;
                    while (p < e) {
                        char ch = b[p];
                        if (ch == '"' || ch == '\n' || ch == '\r') {
                            break;
                        }
                        p++;
                    }
                    pos = p;
                    if (p < e) {
                        if (b[p] == '"') {
                            state = QUOTE_SEEN;
                            pos++;
                        } else {
                            if (p + 1 == e && b[p] == '\r' && !eof) {
                                continue; // learn whether LF follows first
                            }
                            if (quoteEol < 0) {
                                quoteEol = p;
                            }
                            pos = afterEol(p);
                            line++;
                            if (++quoteLines > MAX_QUOTED_LINES) {
                                runaway("is still open after " + MAX_QUOTED_LINES + " lines");
                                return;
                            }
                        }
                    }
                }
                case QUOTE_SEEN -> {
                    if (c == '"') {
                        state = QUOTED;
                        pos++;
                    } else if (c == d) {
                        field++;
                        state = FIELD_START;
                        pos++;
                    } else if (c == '\n' || c == '\r') {
                        endRecord();
                    } else if (quoteLine == line) {
                        state = UNQUOTED;
                        pos++;
                    } else if (c == ' ' || c == '\t') {
                        state = QUOTE_SPACE;
                        pos++;
                    } else {
                        runaway("is not closed: the next quote, on line " + line
                                + ", has more text after it, so it opens another value");
                        return;
                    }
                }
                case QUOTE_SPACE -> {
                    if (c == d) {
                        field++;
                        state = FIELD_START;
                        pos++;
                    } else if (c == '\n' || c == '\r') {
                        endRecord();
                    } else if (c == ' ' || c == '\t') {
                        pos++;
                    } else {
                        runaway("is not closed: the next quote, on line " + line
                                + ", has more text after it, so it opens another value");
                        return;
                    }
                }
                default -> throw new IllegalStateException();
            }
        }
    }

    /** The record ends with the line break at {@code pos}. */
    private void endRecord() {
        spans.addLast(new Span(recordLine, line, null, -1));
        pos = afterEol(pos);
        line++;
        relEnd = pos;
        state = RECORD_START;
    }

    /** Past the line break at {@code p} (CR LF counts as one; the caller made sure the LF is in the buffer). */
    private int afterEol(int p) {
        return buf[p] == '\r' && p + 1 < end && buf[p + 1] == '\n' ? p + 2 : p + 1;
    }

    private void atEnd() {
        done = true;
        String cut = decoding != null && decoding.truncatedAt() >= 0
                ? "the file ends in the middle of a " + decoding.charsetName() + " character (byte offset "
                + decoding.truncatedAt() + "): it was cut short, so this row is incomplete"
                : null;
        if (state == QUOTED) {
            boolean lastLine = quoteEol < 0;
            runaway("is never closed (the file ends inside it)");
            if (lastLine && cut != null) {
                truncatedLast(cut);
            }
        } else if (state != RECORD_START) {
            // the character cut short is the file's last, so it is in this record
            spans.addLast(new Span(recordLine, line, cut, -1));
            relEnd = end;
            pos = end;
        }
    }

    /** Adds the cut to the last span that ends at the end of the file. */
    private void truncatedLast(String cut) {
        Span last = spans.pollLast();
        if (last != null) {
            spans.addLast(new Span(last.firstLine(), last.lastLine(),
                    last.problem() == null ? cut : last.problem() + "; " + cut, last.problem() == null ? -1 : last.column()));
        }
    }

    /**
     * The quoted value opened at {@code quotePos} is runaway: pass the record on up to the end of the quote's
     * line, with a closing quote, and scan on from the next line.
     */
    private void runaway(String what) {
        int resume;
        int cutAt;
        boolean atFileEnd;
        if (quoteEol >= 0) {
            cutAt = quoteEol;
            resume = afterEol(quoteEol);
            atFileEnd = false;
        } else {
            cutAt = end;
            resume = end;
            atFileEnd = true;
        }
        String reason = "a quote opened on line " + quoteLine + " " + what + "; the row is read as ending on line "
                + quoteLine + (atFileEnd ? "" : " and reading goes on at line " + (quoteLine + 1));
        spans.addLast(new Span(recordLine, quoteLine, reason, quoteField));
        runaways++;
        if (runawayLines.length() > 0) {
            runawayLines.append(", ");
        }
        runawayLines.append(recordLine == quoteLine ? Integer.toString(quoteLine) : recordLine + "-" + quoteLine);
        relEnd = cutAt;
        inject = atFileEnd ? "\"" : "\"\n";
        injectPos = 0;
        pos = resume;
        line = quoteLine + 1;
        state = RECORD_START;
        done = atFileEnd;
    }

    /** Moves the current record to the start of the buffer (growing it when full) and reads more. */
    private void fill() throws IOException {
        int shift = relEnd;
        if (shift > 0) {
            System.arraycopy(buf, shift, buf, 0, end - shift);
            end -= shift;
            pos -= shift;
            quotePos -= shift;
            if (quoteEol >= 0) {
                quoteEol -= shift;
            }
            relStart = relEnd = 0;
        }
        if (buf.length - end < 2) {
            buf = java.util.Arrays.copyOf(buf, Math.max(16, buf.length * 2));
        }
        int n;
        try {
            n = in.read(buf, end, buf.length - end);
        } catch (DecodingReader.UndecodableException e) {
            e.line = line + (pos < end && buf[pos] == '\r' ? 1 : 0);
            throw e;
        }
        if (n < 0) {
            eof = true;
        } else {
            end += n;
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
