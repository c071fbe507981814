package io.ordertriage.cli.io;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;

/**
 * A file written in full or not at all: bytes go to a temporary file beside the target, which
 * replaces the target only on {@link #commit()}. Closing without committing deletes it, so a failed
 * run leaves no partial output behind.
 *
 * <p>Opening one is the check that the target can be written: a target that is a directory, or whose
 * directory is missing or not writable, fails here with an {@link Unwritable} that says which, before
 * anything was read. A target that exists and is not a regular file ({@code /dev/null}, a named pipe)
 * is written directly: it cannot be replaced, and nothing partial can be left in it.
 */
public final class AtomicOutput implements AutoCloseable {
    private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();

    private final Path target;
    private final Path temp;
    private final OutputStream out;
    private boolean committed;
    private Writer writer;

    /** The target cannot be written; the message says why, naming the file (and the directory at fault). */
    public static final class Unwritable extends IOException {
        Unwritable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** @throws Unwritable when {@code target} cannot be written, saying why */
    public AtomicOutput(Path target) throws Unwritable {
        this.target = target.toAbsolutePath().normalize();
        if (Files.isDirectory(this.target)) {
            throw new Unwritable(target + " is a directory; expected the name of a file to write", null);
        }
        Path dir = this.target.getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw new Unwritable("cannot write " + target + ": the directory " + dir
                    + (dir != null && Files.exists(dir) ? " is not a directory" : " does not exist"), null);
        }
        if (Files.exists(this.target) && !Files.isRegularFile(this.target)) {
            try {
                this.temp = null;
                this.out = Files.newOutputStream(this.target);
                return;
            } catch (IOException e) {
                throw unwritable(target, dir, e);
            }
        }
        if (Files.exists(this.target) && !Files.isWritable(this.target)) {
            throw new Unwritable("cannot write " + target + ": the file is read-only", null);
        }
        Path t = null;
        try {
            // not Files.createTempFile, whose file is readable by its owner only: a report to put on a share
            // gets the permissions any new file gets here (the umask's), or those of the file it replaces
            OutputStream opened = null;
            for (int attempt = 0; opened == null; attempt++) {
                Path candidate = dir.resolve("." + this.target.getFileName() + "." + Long.toUnsignedString(RANDOM.nextLong(), 36) + ".tmp");
                try {
                    opened = Files.newOutputStream(candidate, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                    t = candidate;
                } catch (java.nio.file.FileAlreadyExistsException e) {
                    if (attempt > 100) {
                        throw e;
                    }
                }
            }
            this.out = opened;
            this.temp = t;
        } catch (IOException e) {
            if (t != null) {
                try {
                    Files.deleteIfExists(t);
                } catch (IOException ignored) {
                    // nothing more to do
                }
            }
            throw unwritable(target, dir, e);
        }
    }

    private static Unwritable unwritable(Path target, Path dir, IOException e) {
        String why;
        if (e instanceof AccessDeniedException) {
            why = "permission denied in the directory " + dir;
        } else if (e instanceof NoSuchFileException) {
            why = "the directory " + dir + " does not exist";
        } else if (e instanceof FileSystemException f && f.getReason() != null) {
            why = f.getReason();
        } else {
            why = String.valueOf(e.getMessage());
        }
        return new Unwritable("cannot write " + target + ": " + why, e);
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
        if (temp != null) {
            if (Files.exists(target) && Files.getFileStore(temp).supportsFileAttributeView(PosixFileAttributeView.class)) {
                Files.setPosixFilePermissions(temp, Files.getPosixFilePermissions(target));
            }
            try {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        }
        committed = true;
    }

    @Override
    public void close() throws IOException {
        if (!committed) {
            out.close();
            if (temp != null) {
                Files.deleteIfExists(temp);
            }
        }
    }
}
