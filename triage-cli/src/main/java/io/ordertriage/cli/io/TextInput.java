package io.ordertriage.cli.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * A delimited text file with its encoding and delimiter settled: an explicit choice wins; else a
 * BOM decides the encoding, else strict UTF-8 if the first mebibyte decodes, else windows-1251; the
 * delimiter is sniffed among {@code , ; TAB |} in the first lines, outside quotes. {@link #describe()}
 * says what was chosen and why.
 */
public final class TextInput {
    private static final int SNIFF_BYTES = 1 << 20;
    private static final char[] DELIMITERS = {',', ';', '\t', '|'};
    public static final Charset WINDOWS_1251 = Charset.forName("windows-1251");

    private final Path file;
    private final String displayName;
    private final Charset charset;
    private final String charsetReason;
    private final int bomLength;
    private final char delimiter;
    private final String delimiterReason;
    private final long size;

    private TextInput(Path file, String displayName, Charset charset, String charsetReason, int bomLength,
                      char delimiter, String delimiterReason, long size) {
        this.file = file;
        this.displayName = displayName;
        this.charset = charset;
        this.charsetReason = charsetReason;
        this.bomLength = bomLength;
        this.delimiter = delimiter;
        this.delimiterReason = delimiterReason;
        this.size = size;
    }

    /**
     * @param encoding  an explicit encoding, or null to detect
     * @param delimiter an explicit delimiter, or null to sniff
     */
    public static TextInput open(Path file, String displayName, String encoding, Character delimiter) throws InputException {
        return open(file, displayName, encoding, delimiter, null, null);
    }

    /**
     * As {@link #open(Path, String, String, Character)}, with a mapping's hints: an encoding used when
     * neither {@code encoding} nor a BOM decides, a delimiter used instead of sniffing.
     */
    public static TextInput open(Path file, String displayName, String encoding, Character delimiter,
                                 String encodingHint, Character delimiterHint) throws InputException {
        if (Files.isDirectory(file)) {
            throw new InputException(displayName + ": is a directory, expected a file");
        }
        byte[] head;
        long size;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(SNIFF_BYTES);
            size = Files.size(file);
        } catch (NoSuchFileException e) {
            throw new InputException(displayName + ": no such file");
        } catch (IOException e) {
            throw new InputException(displayName + ": cannot read: " + e.getMessage(), e);
        }
        Charset cs;
        String why;
        int bom = 0;
        if (startsWith(head, 0xEF, 0xBB, 0xBF)) {
            bom = 3;
        } else if (startsWith(head, 0xFF, 0xFE) || startsWith(head, 0xFE, 0xFF)) {
            bom = 2;
        }
        if (encoding != null) {
            try {
                cs = Charset.forName(encoding);
            } catch (IllegalArgumentException e) {
                throw new InputException("unknown encoding \"" + encoding + "\"; expected a Java charset name such as UTF-8 or windows-1251");
            }
            why = "--encoding";
            if (bom == 3 && !cs.equals(StandardCharsets.UTF_8) || bom == 2 && !cs.name().startsWith("UTF-16")) {
                bom = 0;
            }
        } else if (bom == 3) {
            cs = StandardCharsets.UTF_8;
            why = "byte order mark";
        } else if (bom == 2) {
            cs = head[0] == (byte) 0xFF ? StandardCharsets.UTF_16LE : StandardCharsets.UTF_16BE;
            why = "byte order mark";
        } else if (encodingHint != null) {
            try {
                cs = Charset.forName(encodingHint);
            } catch (IllegalArgumentException e) {
                throw new InputException("the mapping names an unknown encoding \"" + encodingHint + "\"");
            }
            why = "mapping";
        } else if (decodes(head, StandardCharsets.UTF_8, head.length == SNIFF_BYTES)) {
            cs = StandardCharsets.UTF_8;
            why = "valid UTF-8";
        } else {
            cs = WINDOWS_1251;
            why = "not valid UTF-8";
        }
        char delim;
        String delimWhy;
        if (delimiter != null) {
            delim = delimiter;
            delimWhy = "--delimiter";
        } else if (delimiterHint != null) {
            delim = delimiterHint;
            delimWhy = "mapping";
        } else {
            String text = new String(head, bom, head.length - bom, cs);
            delim = sniff(text);
            delimWhy = "sniffed";
        }
        return new TextInput(file, displayName, cs, why, bom, delim, delimWhy, size);
    }

    private static boolean startsWith(byte[] b, int... prefix) {
        if (b.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((b[i] & 0xFF) != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    /**
     * Strict decoding. A multi-byte sequence cut at the end is allowed: at the end of a truncated sample,
     * and at the end of the whole file when the text before it has other non-ASCII characters (a UTF-8 file
     * whose last character was cut is still UTF-8, read so; the cut is reported when the file is read).
     */
    private static boolean decodes(byte[] bytes, Charset cs, boolean truncated) {
        CharsetDecoder d = cs.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length + 1);
        var result = d.decode(in, out, false);
        if (result.isError()) {
            return false;
        }
        if (!in.hasRemaining()) {
            return truncated || !d.decode(in, out, true).isError() && !d.flush(out).isError();
        }
        if (in.remaining() >= 4) {
            return false;
        }
        if (truncated) {
            return true;
        }
        out.flip();
        return out.chars().anyMatch(c -> c >= 0x80);
    }

    /** The delimiter that occurs most often outside quotes on the first line and as often on the next. */
    static char sniff(String text) {
        String[] lines = firstLines(text, 6);
        char best = ',';
        int bestScore = 0;
        for (char c : DELIMITERS) {
            int header = count(lines[0], c);
            if (header == 0) {
                continue;
            }
            int consistent = 0;
            for (int i = 1; i < lines.length; i++) {
                if (count(lines[i], c) == header) {
                    consistent++;
                }
            }
            int score = header * 10 + consistent;
            if (score > bestScore) {
                best = c;
                bestScore = score;
            }
        }
        return best;
    }

    private static String[] firstLines(String text, int n) {
        String[] all = text.split("\\R", n + 1);
        String[] lines = Arrays.copyOf(all, Math.min(all.length, n));
        return lines.length == 0 ? new String[]{""} : lines;
    }

    private static int count(String line, char c) {
        int n = 0;
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (ch == '"') {
                quoted = !quoted;
            } else if (ch == c && !quoted) {
                n++;
            }
        }
        return n;
    }

    /**
     * A reader positioned after the BOM that decodes strictly: a malformed byte sequence fails the
     * read with an {@link java.io.IOException} that names its byte offset, rather than turning into a
     * replacement character.
     */
    public Reader openReader(InputStream raw) throws IOException {
        return open(raw, false);
    }

    /**
     * As {@link #openReader}, except that a multi-byte sequence cut short by the end of the file reads as
     * one U+FFFD, for {@link RecordScanner} to reject the row it ends.
     */
    DecodingReader open(InputStream raw, boolean lenientEnd) throws IOException {
        long skipped = raw.skip(bomLength);
        if (skipped != bomLength) {
            throw new IOException("cannot skip the byte order mark");
        }
        return new DecodingReader(raw, charset, bomLength, lenientEnd);
    }

    public Path file() { return file; }
    public String displayName() { return displayName; }
    public Charset charset() { return charset; }
    public char delimiter() { return delimiter; }
    public long size() { return size; }

    /** For example {@code UTF-8 (valid UTF-8), delimiter ';' (sniffed)}. */
    public String describe() {
        String d = delimiter == '\t' ? "TAB" : "'" + delimiter + "'";
        return charset.name() + " (" + charsetReason + (bomLength > 0 ? ", BOM skipped" : "") + "), delimiter " + d
                + " (" + delimiterReason + ")";
    }
}
