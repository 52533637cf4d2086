package dev.jcompose.app;

import dev.jcompose.engine.ContainerSummary;
import dev.jcompose.engine.Engine;
import dev.jcompose.engine.PathStat;
import dev.jcompose.error.ComposeException;
import dev.jcompose.exec.ProgressEvent;
import dev.jcompose.exec.ProgressListener;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * `cp` between the host and a service's containers through the engine's archive endpoints, with docker cp's
 * placement rules ({@link CopyRules}). A copy into a service goes to every replica (or --index); a copy out of
 * one reads the first container. "-" streams a tar from stdin or to stdout.
 */
public final class CopyService {
    private final Engine engine;
    private final ServiceContainers containers;
    private final ProgressListener listener;
    private final Path cwd;
    private final InputStream stdin;
    private final OutputStream stdout;

    /** cwd resolves relative host paths; stdin/stdout serve "-". */
    public CopyService(Engine engine, String projectName, ProgressListener listener, Path cwd, InputStream stdin,
            OutputStream stdout) {
        this.engine = engine;
        this.containers = new ServiceContainers(engine, projectName);
        this.listener = listener;
        this.cwd = cwd;
        this.stdin = stdin;
        this.stdout = stdout;
    }

    public void copy(CopyRequest req) {
        if (req.source().isEmpty()) {
            throw ComposeException.usage("source can not be empty");
        }
        if (req.destination().isEmpty()) {
            throw ComposeException.usage("destination can not be empty");
        }
        String[] src = CopyRules.split(req.source());
        String[] dst = CopyRules.split(req.destination());
        boolean fromService = !src[0].isEmpty();
        boolean toService = !dst[0].isEmpty();
        if (fromService && toService) {
            throw ComposeException.usage("copying between services is not supported");
        }
        if (!fromService && !toService) {
            throw ComposeException.usage("unknown copy direction");
        }
        for (ContainerSummary c : targets(req, fromService ? src[0] : dst[0], fromService)) {
            String detail = fromService ? c.name() + ":" + src[1] + " to " + dst[1]
                    : src[1] + " to " + c.name() + ":" + dst[1];
            listener.on(new ProgressEvent("Container", c.name(), ProgressEvent.Status.WORKING, "Copying", detail));
            try {
                if (fromService) {
                    copyFrom(c, src[1], dst[1], req.followLink());
                } else {
                    copyTo(c, src[1], dst[1], req);
                }
            } catch (IOException e) {
                throw new ComposeException(ComposeException.Kind.ENGINE, e.toString(), e);
            }
            listener.on(new ProgressEvent("Container", c.name(), ProgressEvent.Status.DONE, "Copied", detail));
        }
    }

    private List<ContainerSummary> targets(CopyRequest req, String service, boolean fromService) {
        if (req.index() > 0) {
            return List.of(containers.specified(ServiceContainers.OneOff.EXCLUDE, true, service, req.index()));
        }
        List<ContainerSummary> found = containers.list(req.all() ? ServiceContainers.OneOff.INCLUDE
                : ServiceContainers.OneOff.EXCLUDE, true, List.of(service));
        if (found.isEmpty()) {
            throw new ComposeException(ComposeException.Kind.NOT_FOUND, "no container found for service \""
                    + service + "\"");
        }
        return fromService ? found.subList(0, 1) : found;
    }

    private void copyTo(ContainerSummary c, String source, String destination, CopyRequest req) throws IOException {
        String resolved = destination;
        Optional<PathStat> stat = engine.statPath(c.id(), destination);
        if (stat.isPresent() && stat.get().isSymlink()) {
            resolved = CopyRules.linkTarget(destination, stat.get().linkTarget());
            stat = engine.statPath(c.id(), resolved);
        }
        if (stat.isPresent() && !stat.get().isDirectory() && !stat.get().isRegular()) {
            throw new ComposeException(ComposeException.Kind.CONFLICT, "destination \"" + c.id() + ":" + destination
                    + "\" must be a directory or a regular file");
        }
        boolean exists = stat.isPresent();
        boolean isDirectory = exists && stat.get().isDirectory();
        if (source.equals("-")) {
            if (!isDirectory) {
                throw new ComposeException(ComposeException.Kind.CONFLICT, "destination \"" + c.id() + ":"
                        + destination + "\" must be a directory");
            }
            engine.copyTo(c.id(), resolved, stdin, req.copyOwnership());
            return;
        }
        String local = local(source);
        Path sourcePath = Path.of(local.endsWith("/.") ? local.substring(0, local.length() - 2) : local);
        if (!Files.exists(sourcePath, LinkOption.NOFOLLOW_LINKS)) {
            throw new ComposeException(ComposeException.Kind.NOT_FOUND, "lstat " + sourcePath
                    + ": no such file or directory");
        }
        boolean sourceIsDirectory = req.followLink() ? Files.isDirectory(sourcePath)
                : Files.isDirectory(sourcePath, LinkOption.NOFOLLOW_LINKS);
        CopyRules.Placement placement = CopyRules.place(sourceIsDirectory, local, resolved, exists, isDirectory);
        Path tar = Files.createTempFile("jcompose-cp-", ".tar");
        try {
            try (OutputStream out = Files.newOutputStream(tar)) {
                LocalArchive.write(sourcePath, placement.to(), req.followLink(), out);
            }
            try (InputStream in = Files.newInputStream(tar)) {
                engine.copyTo(c.id(), placement.directory(), in, req.copyOwnership());
            }
        } finally {
            Files.deleteIfExists(tar);
        }
    }

    private void copyFrom(ContainerSummary c, String source, String destination, boolean followLink)
            throws IOException {
        String path = source;
        if (followLink) {
            Optional<PathStat> link = engine.statPath(c.id(), source);
            if (link.isPresent() && link.get().isSymlink()) {
                path = CopyRules.linkTarget(source, link.get().linkTarget());
            }
        }
        String wanted = path;
        PathStat stat = engine.statPath(c.id(), path).orElseThrow(() -> new ComposeException(
                ComposeException.Kind.NOT_FOUND, "Could not find the file " + wanted + " in container " + c.name()));
        if (destination.equals("-")) {
            try (InputStream in = engine.copyFrom(c.id(), path)) {
                in.transferTo(stdout);
            }
            stdout.flush();
            return;
        }
        String local = local(destination);
        Path target = Path.of(local);
        Path parent = target.toAbsolutePath().getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            throw new ComposeException(ComposeException.Kind.NOT_FOUND, "invalid output path: directory \"" + parent
                    + "\" does not exist");
        }
        boolean exists = Files.exists(target);
        if (exists && !Files.isDirectory(target) && !Files.isRegularFile(target)) {
            // a device, FIFO or socket: extracting would replace it with a regular file (think /dev/null)
            throw new ComposeException(ComposeException.Kind.CONFLICT, "destination \"" + destination
                    + "\" must be a directory or a regular file");
        }
        CopyRules.Placement placement = CopyRules.place(stat.isDirectory(), source, local, exists,
                exists && Files.isDirectory(target));
        try (InputStream in = engine.copyFrom(c.id(), path)) {
            LocalArchive.extract(in, Path.of(placement.directory()), CopyRules.base(path), placement.to());
        }
    }

    /** Absolute, keeping a trailing "/" or "/." (they change the meaning of the copy). */
    private String local(String path) {
        String abs = cwd.resolve(path).normalize().toString();
        if (path.endsWith("/.") && !abs.endsWith("/.")) {
            return abs + "/.";
        }
        if (path.endsWith("/") && !abs.endsWith("/")) {
            return abs + "/";
        }
        return abs;
    }
}
