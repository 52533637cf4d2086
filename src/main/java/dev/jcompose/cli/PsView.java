package dev.jcompose.cli;

import dev.jcompose.app.PsRow;
import dev.jcompose.engine.HealthStatus;
import dev.jcompose.engine.PublishedPort;
import dev.jcompose.state.Names;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * `ps` output as compose renders it through docker's formatter (ContainerContext): the table NAME IMAGE COMMAND
 * SERVICE CREATED STATUS PORTS, one JSON object per line for --format json (every field, keys sorted, as Go
 * marshals the context), or a custom `{{.Field}}` template. Truncation (default) shortens ID, COMMAND, MOUNTS.
 */
final class PsView {
    static final String DEFAULT_TABLE = "table {{.Name}}\t{{.Image}}\t{{.Command}}\t{{.Service}}\t{{.RunningFor}}"
            + "\t{{.Status}}\t{{.Ports}}";
    private static final Map<String, String> HEADERS = Map.ofEntries(Map.entry("ID", "CONTAINER ID"),
            Map.entry("Name", "NAME"), Map.entry("Names", "NAMES"), Map.entry("Project", "PROJECT"),
            Map.entry("Service", "SERVICE"), Map.entry("Image", "IMAGE"), Map.entry("Command", "COMMAND"),
            Map.entry("CreatedAt", "CREATED AT"), Map.entry("RunningFor", "CREATED"), Map.entry("Ports", "PORTS"),
            Map.entry("State", "STATE"), Map.entry("Status", "STATUS"), Map.entry("Size", "SIZE"),
            Map.entry("Labels", "LABELS"), Map.entry("Mounts", "MOUNTS"), Map.entry("LocalVolumes", "LOCAL VOLUMES"),
            Map.entry("Networks", "NETWORKS"));
    private static final java.util.Set<String> KNOWN = java.util.Set.of("Command", "CreatedAt", "ExitCode",
            "Health", "ID", "Image", "Labels", "LocalVolumes", "Mounts", "Name", "Names", "Networks", "Ports",
            "Project", "Publishers", "RunningFor", "Service", "Size", "State", "Status");

    private final boolean trunc;
    private final Instant now;
    private final ZoneId zone;

    PsView(boolean trunc, Instant now, ZoneId zone) {
        this.trunc = trunc;
        this.now = now;
        this.zone = zone;
    }

    /** "" or "table" = the default table; "json"; otherwise a template ("table ..." prints a header). */
    String render(List<PsRow> rows, String format) {
        if (format == null || format.isEmpty() || format.equals("table")) {
            format = DEFAULT_TABLE;
        }
        if (format.equals("json")) {
            StringBuilder b = new StringBuilder();
            rows.forEach(r -> b.append(GoJson.write(fields(r), true)).append('\n'));
            return b.toString();
        }
        boolean table = format.startsWith("table");
        String template = (table ? format.substring(5) : format).strip().replace("\\t", "\t").replace("\\n", "\n");
        FieldTemplate.check(template, KNOWN);
        StringBuilder b = new StringBuilder();
        if (table) {
            b.append(FieldTemplate.fill(template, HEADERS)).append('\n');
        }
        for (PsRow r : rows) {
            Map<String, String> text = new TreeMap<>();
            fields(r).forEach((k, v) -> text.put(k, v instanceof List<?> ? GoJson.write(v, false) : String.valueOf(v)));
            b.append(FieldTemplate.fill(template, text)).append('\n');
        }
        return table ? TabWriter.format(b.toString(), 10, 3) : b.toString();
    }

    /** Every field of docker's ContainerContext that marshals, as the JSON output holds them. */
    Map<String, Object> fields(PsRow r) {
        Map<String, Object> m = new TreeMap<>();
        m.put("Command", GoFormat.quote(trunc ? GoFormat.ellipsis(r.command(), 20) : r.command()));
        Instant created = r.created() == null ? Instant.EPOCH : r.created();
        m.put("CreatedAt", GoFormat.timeString(created, zone));
        m.put("ExitCode", r.exitCode());
        m.put("Health", r.health() == null ? "" : r.health() == HealthStatus.NONE ? "" : r.health().wireName());
        m.put("ID", trunc ? Names.shortId(r.id()) : r.id());
        m.put("Image", r.image());
        List<String> labels = new ArrayList<>();
        new TreeMap<>(r.labels()).forEach((k, v) -> labels.add(k + "=" + v));
        m.put("Labels", String.join(",", labels));
        m.put("LocalVolumes", Integer.toString(r.localVolumes()));
        m.put("Mounts", String.join(",", r.mounts().stream().map(n -> trunc ? GoFormat.ellipsis(n, 15) : n)
                .toList()));
        m.put("Name", r.name());
        m.put("Names", r.name());
        m.put("Networks", String.join(",", r.networks()));
        m.put("Ports", PortsText.of(r.ports()));
        m.put("Project", r.project());
        m.put("Publishers", publishers(r.ports()));
        m.put("RunningFor", GoFormat.humanDuration(Duration.between(created, now)) + " ago");
        m.put("Service", r.service());
        m.put("Size", "0B");
        m.put("State", r.state().wireName());
        m.put("Status", r.status() == null || r.status().isEmpty() ? DockerStatus.of(r.detail(), now) : r.status());
        return m;
    }

    private static List<Object> publishers(List<PublishedPort> ports) {
        List<Object> out = new ArrayList<>();
        for (PublishedPort p : ports) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("URL", p.hostIp());
            m.put("TargetPort", p.containerPort());
            m.put("PublishedPort", p.hostPort());
            m.put("Protocol", p.protocol());
            out.add(m);
        }
        return out;
    }
}
