package dev.jcompose.cli;

import dev.jcompose.app.ContainerProcesses;
import dev.jcompose.app.EngineSelector;
import dev.jcompose.app.ProjectQueries;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** `jcompose top`: the processes of the project's running containers, one table for all of them. */
@Command(name = "top", description = "Display the running processes")
final class TopCommand extends ContainerCommand {
    @Parameters(paramLabel = "SERVICE", description = "Services (default: all)")
    List<String> services = new ArrayList<>();

    @Override
    public Integer call() {
        List<ContainerProcesses> containers;
        try (EngineSelector.Selected engine = openEngine()) {
            containers = new ProjectQueries(engine.engine()).top(projectName(), services);
        }
        out().print(render(containers));
        out().flush();
        return ExitCodes.OK;
    }

    /**
     * compose's collectTop/topPrint: columns SERVICE, #, then every process title in order of appearance with
     * CMD moved last; a value a container's ps lacks prints "-". Nothing at all when no process runs.
     */
    static String render(List<ContainerProcesses> containers) {
        List<String> header = new ArrayList<>(List.of("SERVICE", "#"));
        List<Map<String, String>> rows = new ArrayList<>();
        for (ContainerProcesses c : containers) {
            List<String> titles = c.processes().titles();
            for (List<String> process : c.processes().processes()) {
                Map<String, String> row = new HashMap<>();
                row.put("SERVICE", c.service());
                row.put("#", c.replica());
                for (int i = 0; i < titles.size(); i++) {
                    if (!header.contains(titles.get(i))) {
                        header.add(titles.get(i));
                    }
                    row.put(titles.get(i), i < process.size() ? process.get(i) : "");
                }
                rows.add(row);
            }
        }
        if (rows.isEmpty()) {
            return "";
        }
        if (header.remove("CMD")) {
            header.add("CMD");
        }
        StringBuilder b = new StringBuilder(String.join("\t", header)).append('\n');
        for (Map<String, String> row : rows) {
            Map<String, String> ordered = new LinkedHashMap<>();
            header.forEach(h -> ordered.put(h, row.getOrDefault(h, "-")));
            b.append(String.join("\t", ordered.values())).append('\n');
        }
        return TabWriter.format(b.toString(), 4, 2);
    }
}
