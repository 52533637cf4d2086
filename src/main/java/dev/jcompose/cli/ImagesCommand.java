package dev.jcompose.cli;

import dev.jcompose.app.EngineSelector;
import dev.jcompose.app.ImageRow;
import dev.jcompose.app.ProjectQueries;
import dev.jcompose.error.ComposeException;
import dev.jcompose.state.Names;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** `jcompose images`: the image of each of the project's containers. */
@Command(name = "images", description = "List images used by the created containers")
final class ImagesCommand extends ContainerCommand {
    @Option(names = "--format", paramLabel = "FORMAT", description = "Format the output. Values: [table | json]")
    String format = "table";
    @Option(names = {"-q", "--quiet"}, description = "Only display IDs")
    boolean quiet;
    @Parameters(paramLabel = "SERVICE", description = "Services (default: all)")
    List<String> services = new ArrayList<>();

    @Override
    public Integer call() {
        SortedMap<String, ImageRow> images;
        try (EngineSelector.Selected engine = openEngine()) {
            images = new ProjectQueries(engine.engine()).images(projectName(), services);
        }
        out().print(render(images, quiet, format, Instant.now()));
        out().flush();
        return ExitCodes.OK;
    }

    static String render(SortedMap<String, ImageRow> images, boolean quiet, String format, Instant now) {
        if (quiet) {
            LinkedHashSet<String> ids = new LinkedHashSet<>();
            images.values().forEach(i -> ids.add(i.id().contains(":") ? i.id().substring(i.id().indexOf(':') + 1)
                    : i.id()));
            StringBuilder b = new StringBuilder();
            ids.forEach(id -> b.append(id).append('\n'));
            return b.toString();
        }
        switch (format.toLowerCase(Locale.ROOT)) {
            case "json" -> {
                List<Object> list = new ArrayList<>();
                images.forEach((container, i) -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("ID", i.id());
                    m.put("ContainerName", container);
                    m.put("Repository", i.repository());
                    m.put("Tag", i.tag());
                    m.put("Platform", platform(i));
                    m.put("Size", i.size());
                    if (i.created() != null) {
                        m.put("Created", GoFormat.rfc3339Nano(i.created()));
                    }
                    list.add(m);
                });
                return (list.isEmpty() ? "null" : GoJson.write(list, false)) + "\n";
            }
            case "table", "pretty", "" -> {
                StringBuilder b = new StringBuilder("CONTAINER\tREPOSITORY\tTAG\tPLATFORM\tIMAGE ID\tSIZE\tCREATED\n");
                images.forEach((container, i) -> b.append(container).append('\t')
                        .append(i.repository().isEmpty() ? "<none>" : i.repository()).append('\t')
                        .append(i.tag().isEmpty() ? "<none>" : i.tag()).append('\t')
                        .append(platform(i)).append('\t')
                        .append(Names.shortId(i.id())).append('\t')
                        .append(GoFormat.humanSize(i.size())).append('\t')
                        .append(i.created() == null ? "N/A"
                                : GoFormat.humanDuration(Duration.between(i.created(), now)) + " ago")
                        .append('\n'));
                return TabWriter.format(b.toString(), 20, 3);
            }
            default -> throw ComposeException.usage("format value \"" + format + "\" could not be parsed: parsing "
                    + "failed");
        }
    }

    /** containerd's platforms.Format: "linux/amd64", "unknown" when the image says nothing. */
    private static String platform(ImageRow i) {
        return i.os().isEmpty() ? "unknown" : i.os() + "/" + i.architecture();
    }
}
