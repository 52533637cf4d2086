package dev.jcompose.exec;

import dev.jcompose.engine.Engine;
import dev.jcompose.model.Project;
import dev.jcompose.model.Service;
import dev.jcompose.state.InjectedFiles;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Writes a service's content:/environment: secrets and configs into a created or stopped container before it
 * starts, as compose does: one single-file tar per file, extracted at "/" through the engine's archive call,
 * keeping the tar's uid/gid only when the service gave one (otherwise the engine's default owner applies).
 */
public final class FileInjector {
    private FileInjector() {
    }

    /** Checks that the files can be resolved (variables set, ids numeric) before anything is created. */
    public static void check(Project project, Service service) {
        InjectedFiles.of(project, service);
    }

    public static void inject(Engine engine, Project project, Service service, String container) {
        if (service == null) {
            return;
        }
        List<InjectedFiles.File> files = InjectedFiles.of(project, service);
        for (InjectedFiles.File f : files) {
            engine.copyTo(container, "/", new ByteArrayInputStream(tar(f)), f.ownershipGiven());
        }
    }

    /** A tar holding only {@code f}, named by its absolute target (the engine creates missing parents). */
    static byte[] tar(InjectedFiles.File f) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            TarArchiveEntry entry = new TarArchiveEntry(f.target().substring(1));
            entry.setSize(f.content().length);
            entry.setMode(TarArchiveEntry.DEFAULT_FILE_MODE & ~07777 | f.mode() & 07777);
            entry.setModTime(Instant.now().toEpochMilli());
            entry.setUserId(f.uid() == null ? 0 : f.uid());
            entry.setGroupId(f.gid() == null ? 0 : f.gid());
            tar.putArchiveEntry(entry);
            tar.write(f.content());
            tar.closeArchiveEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
