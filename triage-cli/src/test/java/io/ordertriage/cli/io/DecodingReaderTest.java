package io.ordertriage.cli.io;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link DecodingReader}: strict decoding that knows byte offsets, and a cut last character. */
class DecodingReaderTest {
    private static String readAll(Reader r, int chunk) throws IOException {
        StringBuilder b = new StringBuilder();
        char[] buf = new char[chunk];
        int n;
        while ((n = r.read(buf, 0, chunk)) >= 0) {
            b.append(buf, 0, n);
        }
        return b.toString();
    }

    private static DecodingReader reader(byte[] bytes, boolean lenientEnd) {
        return new DecodingReader(new ByteArrayInputStream(bytes), StandardCharsets.UTF_8, 3, lenientEnd);
    }

    @Test
    void decodesWhateverTheChunkSize() throws IOException {
        String text = "Казань 😀 ok\n".repeat(5000);
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        for (int chunk : new int[]{1, 2, 3, 7, 8192}) {
            assertThat(readAll(reader(bytes, false), chunk)).as("chunks of %d", chunk).isEqualTo(text);
        }
    }

    @Test
    void aCutLastCharacterIsOneReplacementWhenLenient() throws IOException {
        byte[] bytes = "ab Й".getBytes(StandardCharsets.UTF_8);
        byte[] cut = Arrays.copyOf(bytes, bytes.length - 1);
        DecodingReader lenient = reader(cut, true);
        assertThat(readAll(lenient, 2)).isEqualTo("ab \uFFFD");
        assertThat(lenient.truncatedAt()).isEqualTo(3 + 3);
        assertThatThrownBy(() -> readAll(reader(cut, false), 64)).isInstanceOf(DecodingReader.UndecodableException.class)
                .hasMessage("the file ends in the middle of a UTF-8 character at byte offset 6 (0xD0)");
    }

    @Test
    void badBytesNameTheirOffsetAfterTheTextBeforeThem() throws IOException {
        byte[] bytes = {'a', 'b', (byte) 0xFF, 'c'};
        DecodingReader r = reader(bytes, true);
        char[] buf = new char[16];
        assertThat(r.read(buf, 0, 16)).isEqualTo(2);
        assertThatThrownBy(() -> r.read(buf, 0, 16)).isInstanceOf(DecodingReader.UndecodableException.class)
                .hasMessage("bytes that are not valid UTF-8 at byte offset 5 (0xFF)");
    }
}
