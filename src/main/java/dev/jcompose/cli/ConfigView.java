package dev.jcompose.cli;

import dev.jcompose.error.ComposeException;
import dev.jcompose.load.tree.MapNode;
import dev.jcompose.load.tree.Node;
import dev.jcompose.load.tree.Nodes;
import dev.jcompose.model.Project;
import dev.jcompose.model.Service;
import dev.jcompose.state.ConfigHash;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/** What `config` prints, computed from the loaded canonical tree and model; no I/O here. */
final class ConfigView {
    /** Name parts that mark a variable as secret; "KEY" only as a whole part (not MONKEY). */
    private static final Pattern SECRET_PART = Pattern.compile(
            "(?i)(.*(PASSWORD|PASSWD|SECRET|TOKEN|CREDENTIAL|PRIVATE).*|KEY|APIKEY|AUTH|PASS)");
    static final String MASK = "********";

    private ConfigView() {
    }

    /** The services to show: all, or the named ones with everything they depend on. */
    static Set<String> select(MapNode canonical, List<String> names) {
        MapNode services = services(canonical);
        if (names.isEmpty()) {
            return new TreeSet<>(services.keys());
        }
        Set<String> out = new TreeSet<>();
        for (String name : names) {
            if (!services.has(name)) {
                throw ComposeException.usage("no such service: " + name);
            }
            addWithDependencies(services, name, out);
        }
        return out;
    }

    private static void addWithDependencies(MapNode services, String name, Set<String> out) {
        if (!out.add(name)) {
            return;
        }
        for (String dep : dependencies(services, name)) {
            if (services.has(dep)) {
                addWithDependencies(services, dep, out);
            }
        }
    }

    private static Set<String> dependencies(MapNode services, String name) {
        return services.get(name) instanceof MapNode s && s.get("depends_on") instanceof MapNode d
                ? new TreeSet<>(d.keys()) : Set.of();
    }

    static MapNode services(MapNode canonical) {
        return canonical.get("services") instanceof MapNode m ? m : MapNode.empty(canonical.mark());
    }

    /**
     * The tree `config` prints: selected services only, env_file and label_file dropped (their contents are in
     * environment and labels, as docker compose prints it).
     */
    @SuppressWarnings("unchecked")
    static Map<String, Object> printable(MapNode canonical, Set<String> selected) {
        Map<String, Object> root = new LinkedHashMap<>((Map<String, Object>) Nodes.toPlain(canonical));
        Map<String, Object> services = new TreeMap<>();
        MapNode all = services(canonical);
        for (String name : selected) {
            Map<String, Object> s = new LinkedHashMap<>((Map<String, Object>) Nodes.toPlain(all.get(name)));
            s.remove("env_file");
            s.remove("label_file");
            services.put(name, s);
        }
        root.put("services", services);
        return root;
    }

    /** Service names with dependencies first (name order among independent services). */
    static List<String> dependencyOrder(MapNode canonical, Set<String> selected) {
        MapNode services = services(canonical);
        Set<String> out = new LinkedHashSet<>();
        for (String name : selected) {
            visit(services, name, selected, out, new LinkedHashSet<>());
        }
        return new ArrayList<>(out);
    }

    private static void visit(MapNode services, String name, Set<String> selected, Set<String> out,
            Set<String> onPath) {
        if (out.contains(name) || !onPath.add(name)) {
            return; // done, or a cycle (the loader reports cycles; printing must still terminate)
        }
        for (String dep : dependencies(services, name)) {
            if (selected.contains(dep)) {
                visit(services, dep, selected, out, onPath);
            }
        }
        onPath.remove(name);
        out.add(name);
    }

    static List<String> keys(MapNode canonical, String section) {
        Node n = canonical.get(section);
        return n instanceof MapNode m ? new ArrayList<>(new TreeSet<>(m.keys())) : List.of();
    }

    /** image, or the name compose gives the image it builds: project-service. */
    static List<String> images(String projectName, MapNode canonical, Set<String> selected) {
        List<String> out = new ArrayList<>();
        MapNode services = services(canonical);
        for (String name : selected) {
            Node image = services.get(name) instanceof MapNode s ? s.get("image") : null;
            out.add(image == null ? projectName + "-" + name : String.valueOf(Nodes.toPlain(image)));
        }
        return out;
    }

    /** Every profile named by any service, enabled or not, sorted. */
    @SuppressWarnings("unchecked")
    static List<String> profiles(MapNode canonical, Project project) {
        Set<String> out = new TreeSet<>();
        if (project != null) {
            project.services().values().forEach(s -> out.addAll(s.profiles()));
            project.disabledServices().values().forEach(s -> out.addAll(s.profiles()));
        } else {
            services(canonical).entries().values().forEach(s -> {
                if (Nodes.toPlain(s) instanceof Map<?, ?> m && m.get("profiles") instanceof List<?> l) {
                    ((List<Object>) l).forEach(p -> out.add(String.valueOf(p)));
                }
            });
        }
        return new ArrayList<>(out);
    }

    /** "service hash" lines for "*" or a comma-separated list of services. */
    static List<String> hashes(Project project, String spec) {
        List<String> names = spec.equals("*") ? project.serviceNames()
                : Arrays.stream(spec.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        List<String> out = new ArrayList<>();
        for (String name : new TreeSet<>(names)) {
            Service s = project.service(name);
            if (s == null) {
                throw ComposeException.usage("no such service: " + name);
            }
            out.add(name + " " + ConfigHash.of(project, s));
        }
        return out;
    }

    /** KEY=VALUE lines, sorted; values of secret-looking keys masked unless showSecrets. */
    static List<String> environment(Map<String, String> env, boolean showSecrets) {
        List<String> out = new ArrayList<>();
        new TreeMap<>(env).forEach((k, v) -> out.add(k + "=" + (showSecrets || !looksSecret(k) ? v : MASK)));
        return out;
    }

    static boolean looksSecret(String key) {
        for (String part : key.split("[_.\\-]")) {
            if (SECRET_PART.matcher(part).matches()) {
                return true;
            }
        }
        return false;
    }

    /** `config --variables`: NAME, REQUIRED, DEFAULT VALUE, ALTERNATE VALUE of every ${} reference. */
    static String variables(dev.jcompose.load.tree.MapNode uninterpolated) {
        var vars = dev.jcompose.load.interpolate.Variables.extract(uninterpolated);
        List<String[]> rows = new java.util.ArrayList<>();
        rows.add(new String[] {"NAME", "REQUIRED", "DEFAULT VALUE", "ALTERNATE VALUE"});
        for (var v : vars.values()) {
            rows.add(new String[] {v.name(), v.required() ? "true" : "false", v.defaultValue(), v.presenceValue()});
        }
        int[] w = new int[4];
        for (String[] r : rows) {
            for (int i = 0; i < 4; i++) {
                w[i] = Math.max(w[i], r[i].length());
            }
        }
        StringBuilder b = new StringBuilder();
        for (String[] r : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < 4; i++) {
                line.append(r[i]);
                if (i < 3) {
                    line.append(" ".repeat(w[i] - r[i].length() + 3));
                }
            }
            b.append(line.toString().stripTrailing()).append('\n');
        }
        return b.toString();
    }
}
