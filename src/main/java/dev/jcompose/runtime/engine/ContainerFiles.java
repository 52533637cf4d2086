package dev.jcompose.runtime.engine;

import dev.jcompose.runtime.RuntimeError;
import dev.jcompose.runtime.archive.FsView;
import dev.jcompose.runtime.archive.PathStat;
import dev.jcompose.runtime.archive.TarExtract;
import dev.jcompose.runtime.archive.TreeTar;
import dev.jcompose.runtime.oci.UserSpec;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The files of a container for {@code docker cp} and {@code docker export}: stat, archive and extract
 * ({@code /containers/{id}/archive}) and the whole rootfs ({@code /containers/{id}/export}), for created,
 * running and stopped containers alike.
 *
 * <p>Paths resolve inside the container (see {@link FsView}) over its rootfs and its mounts: a bind or volume
 * destination shows the mount's host source, the engine's /etc/hosts, /etc/hostname and /etc/resolv.conf show
 * the container's files. A tmpfs exists only in the running container's mount namespace, so it is reached
 * through {@code /proc/<pid>/root} while the container runs (dockerd shows the empty mount point instead);
 * for a stopped container the path shows what the rootfs has beneath it.
 *
 * <p>A container that does not run has no rootfs mount: it is mounted for the operation and unmounted after,
 * by the one {@link Rootfs} that mounts. Each operation holds the container's lifecycle lock, so a start or a
 * stop never unmounts or mounts under it (a start waits for a long copy to finish).
 */
public final class ContainerFiles {
    private final EngineContext ctx;

    ContainerFiles(EngineContext ctx) {
        this.ctx = ctx;
    }

    /** HEAD archive: the path's stat (the last link not followed); 404 in Docker's words when missing. */
    public PathStat stat(String ref, String path) {
        return withView(ref, (r, view) -> statOf(r, ref, view, path));
    }

    /** GET archive: the stat, then the tar written to {@code out}. The stat is checked again under the lock. */
    public void archive(String ref, String path, OutputStream out) {
        withView(ref, (r, view) -> {
            PathStat stat = statOf(r, ref, view, path);
            FsView.Located at = located(view, path);
            String rebase = path.endsWith("/.") || path.equals(".") ? "." : stat.name();
            TreeTar.write(view, at, rebase, false, out);
            ctx.containerEvent(r, "archive-path");
            return null;
        });
    }

    /**
     * PUT archive: extracts {@code tar} into the directory at {@code path} (a last link is followed), which must
     * exist and be writable (not under a read-only mount, not on a read-only rootfs).
     */
    public void extract(String ref, String path, InputStream tar, boolean noOverwriteDirNonDir, boolean copyUidGid) {
        withView(ref, (r, view) -> {
            FsView.Located at = view.resolve(clean(path), true);
            if (!FsView.exists(at)) {
                throw notFound(ref, path);
            }
            if (!Files.isDirectory(at.host())) {
                throw new RuntimeError(500, "extraction point is not a directory");
            }
            view.checkWritable(at.components());
            TarExtract.Owner owner = null;
            if (copyUidGid) {
                UserSpec user = UserResolver.forRootfs(ctx.rootfs.dir(r.id())).resolve(
                        DockerJson.text(r.config(), "User", ""), List.of());
                owner = new TarExtract.Owner(user.uid(), user.gid());
            }
            TarExtract.extract(view, at.components(), tar, noOverwriteDirNonDir, owner);
            ctx.containerEvent(r, "extract-to-dir");
            return null;
        });
    }

    /** GET export: the rootfs alone (no volumes or binds, like docker export), names relative, no top entry. */
    public void export(String ref, OutputStream out) {
        withView(ref, (r, view) -> {
            FsView rootOnly = new FsView(ctx.rootfs.dir(r.id()), true, List.of());
            TreeTar.write(rootOnly, rootOnly.resolve("/", false), "", true, out);
            ctx.containerEvent(r, "export");
            return null;
        });
    }

    private PathStat statOf(ContainerRecord r, String ref, FsView view, String path) throws IOException {
        String clean = clean(path);
        FsView.Located at = located(view, path);
        if (!FsView.exists(at)) {
            throw notFound(ref, path);
        }
        if (wantsDirectory(path) && !Files.isDirectory(at.host(), java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            throw new RuntimeError(500, "lstat " + path + ": not a directory");
        }
        String linkTarget = "";
        if (Files.isSymbolicLink(at.host())) {
            linkTarget = view.resolve(clean, true).containerPath();
        }
        List<String> parts = FsView.split(clean);
        String name = path.endsWith("/.") ? "." : parts.isEmpty() ? "/" : parts.get(parts.size() - 1);
        return PathStat.of(at.host(), name, linkTarget);
    }

    /**
     * The path's target: the last link is not followed, except after a trailing slash (the kernel follows it
     * there, so {@code /bin/sh/} is what the link names, which must be a directory).
     */
    private static FsView.Located located(FsView view, String path) {
        return view.resolve(clean(path), wantsDirectory(path));
    }

    private static boolean wantsDirectory(String path) {
        return path.endsWith("/") || path.endsWith("/.");
    }

    private static RuntimeError notFound(String ref, String path) {
        return RuntimeError.notFound("Could not find the file " + path + " in container " + ref);
    }

    /** Docker joins the path to "/" and cleans it before resolving (so {@code /a/link/..} is {@code /a}). */
    private static String clean(String path) {
        if (path == null || path.isEmpty()) {
            throw RuntimeError.badRequest("path cannot be empty");
        }
        return "/" + String.join("/", FsView.split(path));
    }

    @FunctionalInterface
    private interface ViewAction<T> {
        T apply(ContainerRecord r, FsView view) throws IOException;
    }

    private <T> T withView(String ref, ViewAction<T> action) {
        String id = ctx.store.get(ref).id();
        return ctx.locked(id, () -> {
            ContainerRecord r = ctx.store.get(id);
            boolean running = r.state().hasProcess() && r.state().pid() > 0;
            boolean mountedHere = false;
            if (!ctx.rootfs.isMounted(id)) {
                ctx.rootfs.mount(id);
                mountedHere = true;
            }
            try {
                return action.apply(r, view(r, running));
            } catch (IOException e) {
                throw RuntimeError.internal(e.getMessage() == null ? e.toString() : e.getMessage(), e);
            } catch (UncheckedIOException e) {
                throw RuntimeError.internal(e.getCause().getMessage(), e);
            } finally {
                if (mountedHere) {
                    ctx.rootfs.unmount(id);
                }
            }
        });
    }

    private FsView view(ContainerRecord r, boolean running) {
        Path containerDir = ctx.store.dirOf(r.id());
        List<FsView.Mount> mounts = new ArrayList<>();
        Set<String> taken = new LinkedHashSet<>();
        Map<String, String> tmpfs = DockerJson.stringMap(r.hostConfig(), "Tmpfs");
        for (MountPoint m : r.mounts()) {
            taken.add(m.destination());
            if (!MountPoint.TMPFS.equals(m.type())) {
                mounts.add(new FsView.Mount(m.destination(), Path.of(m.source()), m.rw()));
            } else if (running) {
                mounts.add(new FsView.Mount(m.destination(), inRunning(r, m.destination()), m.rw()));
            }
        }
        for (String dest : tmpfs.keySet()) {
            taken.add(dest);
            if (running) {
                mounts.add(new FsView.Mount(dest, inRunning(r, dest), true));
            }
        }
        Map<String, Path> engineFiles = Map.of("/etc/resolv.conf", EtcFiles.resolvConf(containerDir),
                "/etc/hostname", EtcFiles.hostname(containerDir), "/etc/hosts", EtcFiles.hosts(containerDir));
        engineFiles.forEach((dest, file) -> {
            if (!taken.contains(dest) && Files.isRegularFile(file)) {
                mounts.add(new FsView.Mount(dest, file, true));
            }
        });
        boolean readOnlyRoot = DockerJson.bool(r.hostConfig(), "ReadonlyRootfs");
        return new FsView(ctx.rootfs.dir(r.id()), !readOnlyRoot, mounts);
    }

    /** A path as the running container's mount namespace has it, resolved in its scope. */
    private static Path inRunning(ContainerRecord r, String destination) {
        Path procRoot = Path.of("/proc", Integer.toString(r.state().pid()), "root");
        return new FsView(procRoot, true, List.of()).resolve(destination, true).host();
    }
}
