package io.ordertriage.cli.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;

/**
 * Decodes bytes strictly, knowing the byte offset of every problem: a malformed or unmappable
 * sequence fails the read with an {@link UndecodableException} naming its offset and bytes, after the
 * characters before it have been returned (so a reader above knows the line it is on).
 *
 * <p>With {@code lenientEnd}, a multi-byte sequence cut short by the end of the input (a file whose
 * last character was truncated) is not an error: it reads as one U+FFFD and {@link #truncatedAt()}
 * tells its offset, for the caller to reject what it was part of.
 */
final class DecodingReader extends Reader {
    /** Bytes that do not decode; {@link #line} is filled in by a reader above that counts lines, else 0. */
    static final class UndecodableException extends CharacterCodingException {
        final long offset;
        final String bytes;
        final String charset;
        final boolean truncated;
        long line;

        UndecodableException(long offset, String bytes, String charset, boolean truncated) {
            this.offset = offset;
            this.bytes = bytes;
            this.charset = charset;
            this.truncated = truncated;
        }

        /** {@code bytes that are not valid UTF-8 at byte offset 1234 (0xC3 0x28)}, with no file or line. */
        @Override
        public String getMessage() {
            return (truncated ? "the file ends in the middle of a " + charset + " character" : "bytes that are not valid " + charset)
                    + " at byte offset " + offset + " (" + bytes + ")";
        }
    }

    private final InputStream in;
    private final Charset charset;
    private final CharsetDecoder decoder;
    private final boolean lenientEnd;
    private final ByteBuffer bytes = ByteBuffer.allocate(1 << 16).flip();
    /** The file offset of {@code bytes}' index 0. */
    private long base;
    private boolean eof;
    private boolean flushed;
    private boolean replacementDue;
    private UndecodableException pending;
    private long truncatedAt = -1;
    /** A character decoded but not yet returned (the second of a pair asked for one at a time), or -1. */
    private int carry = -1;

    /**
     * @param offset the file offset of the first byte {@code in} gives (the length of a skipped BOM)
     */
    DecodingReader(InputStream in, Charset charset, long offset, boolean lenientEnd) {
        this.in = in;
        this.charset = charset;
        this.decoder = charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        this.lenientEnd = lenientEnd;
        this.base = offset;
    }

    String charsetName() {
        return charset.name();
    }

    /** The byte offset of a sequence cut short by the end of the input, or -1. */
    long truncatedAt() {
        return truncatedAt;
    }

    @Override
    public int read(char[] cbuf, int off, int len) throws IOException {
        if (pending != null) {
            UndecodableException e = pending;
            pending = null;
            throw e;
        }
        if (len == 0) {
            return 0;
        }
        if (carry >= 0) {
            cbuf[off] = (char) carry;
            carry = -1;
            return 1;
        }
        if (len == 1) {
            // a surrogate pair needs room for two
            char[] two = new char[2];
            int n = read(two, 0, 2);
            if (n <= 0) {
                return n;
            }
            cbuf[off] = two[0];
            if (n == 2) {
                carry = two[1];
            }
            return 1;
        }
        CharBuffer out = CharBuffer.wrap(cbuf, off, len);
        while (true) {
            if (replacementDue) {
                if (!out.hasRemaining()) {
                    return out.position() - off;
                }
                out.put('\uFFFD');
                replacementDue = false;
            }
            if (!out.hasRemaining()) {
                return len;
            }
            if (flushed) {
                return out.position() > off ? out.position() - off : -1;
            }
            CoderResult r = decoder.decode(bytes, out, eof);
            if (r.isOverflow()) {
                return out.position() - off;
            }
            if (r.isError()) {
                long at = base + bytes.position();
                int n = r.length();
                if (eof && lenientEnd && bytes.position() + n == bytes.limit() && incomplete(bytes, n)) {
                    truncatedAt = at;
                    bytes.position(bytes.limit());
                    replacementDue = true;
                    continue;
                }
                UndecodableException e = new UndecodableException(at, hex(bytes, n), charset.name(),
                        eof && bytes.position() + n == bytes.limit() && incomplete(bytes, n));
                if (out.position() > off) {
                    pending = e;
                    return out.position() - off;
                }
                throw e;
            }
            // underflow
            if (eof) {
                if (decoder.flush(out).isOverflow()) {
                    return out.position() - off;
                }
                flushed = true;
                continue;
            }
            if (out.position() > off) {
                return out.position() - off;
            }
            base += bytes.position();
            bytes.compact();
            int n = in.read(bytes.array(), bytes.position(), bytes.remaining());
            if (n < 0) {
                eof = true;
            } else {
                bytes.position(bytes.position() + n);
            }
            bytes.flip();
        }
    }

    /** Whether the {@code n} bytes at the buffer's position are the start of a sequence that wants more bytes. */
    private boolean incomplete(ByteBuffer b, int n) {
        ByteBuffer tail = ByteBuffer.wrap(b.array(), b.position(), n);
        CharBuffer sink = CharBuffer.allocate(8);
        CoderResult r = charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT).decode(tail, sink, false);
        return r.isUnderflow() && sink.position() == 0 && tail.remaining() == n;
    }

    private static String hex(ByteBuffer b, int n) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < Math.min(n, 8); i++) {
            if (i > 0) {
                s.append(' ');
            }
            s.append(String.format("0x%02X", b.get(b.position() + i) & 0xFF));
        }
        return s.toString();
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
