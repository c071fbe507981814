package io.ordertriage.cli.io;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;

/** An output (a report to share, say) gets the permissions of any new file, or keeps those of the file it replaces. */
class AtomicOutputPermissionsTest {
    @TempDir
    Path dir;

    @Test
    void aNewOutputGetsTheUmasksPermissionsNotOwnerOnly() throws IOException {
        Path plain = Files.createFile(dir.resolve("plain.txt"));
        Path target = dir.resolve("report.html");
        try (AtomicOutput out = new AtomicOutput(target)) {
            out.writer().write("x");
            out.commit();
        }
        assertThat(Files.getPosixFilePermissions(target)).isEqualTo(Files.getPosixFilePermissions(plain));
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("plain.txt", "report.html");
        }
    }

    @Test
    void aReplacedOutputKeepsItsPermissions() throws IOException {
        Path target = Files.writeString(dir.resolve("queue.csv"), "old");
        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-------"));
        try (AtomicOutput out = new AtomicOutput(target)) {
            out.writer().write("new");
            out.commit();
        }
        assertThat(Files.readString(target)).isEqualTo("new");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target))).isEqualTo("rw-------");
    }
}
