package io.ordertriage.cli.io;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * A file written in full or not at all: bytes go to a temporary file beside the target, which
 * replaces the target only on {@link #commit()}. Closing without committing deletes it, so a failed
 * run leaves no partial output behind.
 */
public final class AtomicOutput implements AutoCloseable {
    private final Path target;
    private final Path temp;
    private final OutputStream out;
    private boolean committed;
    private Writer writer;

    public AtomicOutput(Path target) throws IOException {
        this.target = target.toAbsolutePath();
        Path dir = this.target.getParent();
        this.temp = Files.createTempFile(dir, "." + this.target.getFileName() + ".", ".tmp");
        this.out = Files.newOutputStream(temp);
    }

    /** A UTF-8 writer on the file; {@link #commit()} flushes it. */
    public Writer writer() {
        if (writer == null) {
            writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        }
        return writer;
    }

    public void commit() throws IOException {
        if (writer != null) {
            writer.flush();
        }
        out.close();
        try {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
        committed = true;
    }

    @Override
    public void close() throws IOException {
        if (!committed) {
            out.close();
            Files.deleteIfExists(temp);
        }
    }
}
