package dev.jcompose.state;

import dev.jcompose.error.ComposeException;
import dev.jcompose.model.FileObject;
import dev.jcompose.model.FileReference;
import dev.jcompose.model.Project;
import dev.jcompose.model.Service;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The secrets and configs of a service whose content comes from {@code content:} or {@code environment:}
 * rather than a file. compose writes them into the container (through the archive API) before each start instead
 * of bind-mounting them: secrets at /run/secrets/&lt;target or source&gt;, configs at /&lt;source&gt; or their
 * target, mode 0444 unless given, owned by uid/gid when given. File-based ones stay bind mounts (ContainerSpecs).
 */
public final class InjectedFiles {
    /** compose's default mode for a written secret or config. */
    public static final int DEFAULT_MODE = 0444;

    public enum Kind {
        SECRET("secret"), CONFIG("config");

        private final String word;

        Kind(String word) {
            this.word = word;
        }

        public String word() {
            return word;
        }
    }

    /**
     * One file to write: target is absolute; uid/gid null = not given (the file then belongs to the container's
     * root, and the archive's ownership is not applied).
     */
    public record File(Kind kind, String name, String target, byte[] content, int mode, Integer uid, Integer gid) {
        public boolean ownershipGiven() {
            return uid != null || gid != null;
        }
    }

    private InjectedFiles() {
    }

    /**
     * The files to write for {@code service}. Fails (CONFIG) when a source variable is not set, a uid/gid is not a
     * number, or the service is read_only (compose refuses: only `file` sources work there).
     */
    public static List<File> of(Project project, Service service) {
        List<File> out = new ArrayList<>();
        collect(project, service, Kind.SECRET, service.secrets(), project.secrets(), out, true);
        collect(project, service, Kind.CONFIG, service.configs(), project.configs(), out, true);
        return out;
    }

    /**
     * What the config hash covers: like {@link #of} but never failing, so a plan can still be computed and the
     * failure is reported when the container is created. An unset variable hashes as absent content.
     */
    static List<File> forHash(Project project, Service service) {
        List<File> out = new ArrayList<>();
        collect(project, service, Kind.SECRET, service.secrets(), project.secrets(), out, false);
        collect(project, service, Kind.CONFIG, service.configs(), project.configs(), out, false);
        return out;
    }

    private static void collect(Project project, Service service, Kind kind, List<FileReference> refs,
            Map<String, FileObject> objects, List<File> out, boolean strict) {
        for (FileReference ref : refs) {
            FileObject obj = objects.get(ref.source());
            if (obj == null || obj.external() || obj.file() != null) {
                continue;
            }
            String content = content(project, kind, obj, strict);
            if (content == null || content.isEmpty()) {
                continue; // compose writes nothing for empty content (an empty variable included)
            }
            if (strict && service.readOnly()) {
                throw ComposeException.config("cannot create " + kind.word() + " \"" + obj.name()
                        + "\" in read-only service " + service.name() + ": `file` is the sole supported option");
            }
            out.add(new File(kind, obj.name(), target(kind, ref), content.getBytes(StandardCharsets.UTF_8),
                    ref.mode() == null ? DEFAULT_MODE : ref.mode(), id(ref.uid(), "uid", strict),
                    id(ref.gid(), "gid", strict)));
        }
    }

    private static String content(Project project, Kind kind, FileObject obj, boolean strict) {
        if (obj.content() != null && !obj.content().isEmpty()) {
            return obj.content();
        }
        if (obj.environment() != null && !obj.environment().isEmpty()) {
            String value = project.environment().get(obj.environment());
            if (value == null && strict) {
                throw ComposeException.config("environment variable \"" + obj.environment() + "\" required by "
                        + kind.word() + " \"" + obj.name() + "\" is not set");
            }
            return value == null ? "" : value;
        }
        return null;
    }

    /** compose: a secret's relative target lives under /run/secrets; a config's is relative to /. */
    static String target(Kind kind, FileReference ref) {
        String t = ref.target();
        if (t == null || t.isEmpty()) {
            return kind == Kind.SECRET ? "/run/secrets/" + ref.source() : "/" + ref.source();
        }
        if (t.startsWith("/")) {
            return t;
        }
        return kind == Kind.SECRET ? "/run/secrets/" + t : "/" + t;
    }

    private static Integer id(String value, String what, boolean strict) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            if (!strict) {
                return -1;
            }
            throw ComposeException.config(what + " \"" + value + "\" must be a number");
        }
    }
}
