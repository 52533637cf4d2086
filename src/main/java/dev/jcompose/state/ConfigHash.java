package dev.jcompose.state;

import dev.jcompose.model.Project;
import dev.jcompose.model.Service;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The com.docker.compose.config-hash label: sha256 of the canonical JSON of the service definition with the
 * fields that must not force a recreate removed (build, pull_policy, scale, deploy.replicas, depends_on,
 * profiles).
 *
 * <p>env_file and label_file are removed too: their contents are already merged into environment and labels (a
 * changed file changes the hash through them), and docker compose discards both before hashing. Canonical JSON
 * here means sorted keys and no insignificant whitespace, so the hash does not depend on key order.
 */
public final class ConfigHash {
    private static final List<String> IGNORED = List.of("build", "pull_policy", "scale", "depends_on", "profiles",
            "env_file", "label_file");
    /** Holds the written files' digests; an x- key cannot clash with a service attribute. */
    static final String INJECTED_KEY = "x-jcompose-injected-files";

    private ConfigHash() {
    }

    public static String of(Service service) {
        return sha256(canonicalJson(hashedDefinition(service.definition())).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The hash of a service in its project: as {@link #of(Service)}, plus, when the service has secrets or configs
     * written from content: or environment: (see {@link InjectedFiles}), their targets, modes, owners and content
     * digests, so a changed content recreates the container. A service without such files keeps the plain hash,
     * so containers made before this was hashed are not recreated for nothing.
     */
    public static String of(Project project, Service service) {
        List<InjectedFiles.File> files = InjectedFiles.forHash(project, service);
        if (files.isEmpty()) {
            return of(service);
        }
        Map<String, Object> d = hashedDefinition(service.definition());
        List<Object> injected = new ArrayList<>();
        for (InjectedFiles.File f : files) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("kind", f.kind().word());
            entry.put("target", f.target());
            entry.put("mode", f.mode());
            entry.put("uid", f.uid());
            entry.put("gid", f.gid());
            entry.put("sha256", sha256(f.content()));
            injected.add(entry);
        }
        d.put(INJECTED_KEY, injected);
        return sha256(canonicalJson(d).getBytes(StandardCharsets.UTF_8));
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /** The definition as hashed: the ignored fields removed, an emptied deploy removed as well. */
    static Map<String, Object> hashedDefinition(Map<String, Object> definition) {
        Map<String, Object> d = new LinkedHashMap<>(definition);
        IGNORED.forEach(d::remove);
        if (d.get("deploy") instanceof Map<?, ?> deploy) {
            Map<Object, Object> copy = new LinkedHashMap<>(deploy);
            copy.remove("replicas");
            if (copy.isEmpty()) {
                d.remove("deploy");
            } else {
                d.put("deploy", copy);
            }
        }
        return d;
    }

    static String canonicalJson(Object value) {
        StringBuilder b = new StringBuilder();
        write(b, value);
        return b.toString();
    }

    private static void write(StringBuilder b, Object v) {
        switch (v) {
            case null -> b.append("null");
            case Map<?, ?> m -> {
                Map<String, Object> sorted = new TreeMap<>();
                m.forEach((k, val) -> sorted.put(String.valueOf(k), val));
                b.append('{');
                boolean first = true;
                for (var e : sorted.entrySet()) {
                    if (!first) {
                        b.append(',');
                    }
                    first = false;
                    string(b, e.getKey());
                    b.append(':');
                    write(b, e.getValue());
                }
                b.append('}');
            }
            case List<?> l -> {
                b.append('[');
                for (int i = 0; i < l.size(); i++) {
                    if (i > 0) {
                        b.append(',');
                    }
                    write(b, l.get(i));
                }
                b.append(']');
            }
            case Boolean bool -> b.append(bool);
            case Double d when Double.isFinite(d) -> b.append(new BigDecimal(Double.toString(d))
                    .stripTrailingZeros().toPlainString());
            case Float f when Float.isFinite(f) -> b.append(new BigDecimal(Float.toString(f))
                    .stripTrailingZeros().toPlainString());
            case Number n when !(n instanceof Double) && !(n instanceof Float) -> b.append(n);
            default -> string(b, v.toString());
        }
    }

    private static void string(StringBuilder b, String s) {
        b.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        b.append('"');
    }
}
