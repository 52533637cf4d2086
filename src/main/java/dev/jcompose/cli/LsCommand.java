package dev.jcompose.cli;

import dev.jcompose.app.EngineSelector;
import dev.jcompose.app.ProjectQueries;
import dev.jcompose.app.ProjectStack;
import dev.jcompose.error.ComposeException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** `jcompose ls`: the compose projects the engine runs (all of them with -a), found by their labels. */
@Command(name = "ls", description = "List running compose projects")
final class LsCommand extends ContainerCommand {
    @Option(names = "--format", paramLabel = "FORMAT", description = "Format the output. Values: [table | json]")
    String format = "table";
    @Option(names = {"-q", "--quiet"}, description = "Only display project names")
    boolean quiet;
    @Option(names = "--filter", paramLabel = "FILTER", description = "Filter output based on conditions provided")
    List<String> filters = new ArrayList<>();
    @Option(names = {"-a", "--all"}, description = "Show all stopped Compose projects")
    boolean all;

    @Override
    public Integer call() {
        List<String> names = names(filters);
        List<ProjectStack> stacks;
        try (EngineSelector.Selected engine = openEngine()) {
            stacks = new ProjectQueries(engine.engine()).stacks(all, w -> err().println(
                    Ansi.color(global().ansiEnabled(), 33, "WARN[0000] " + w)));
        }
        if (!names.isEmpty()) {
            stacks = stacks.stream().filter(s -> names.stream().anyMatch(n -> matches(n, s.name()))).toList();
        }
        if (quiet) {
            stacks.forEach(s -> out().println(s.name()));
            return ExitCodes.OK;
        }
        out().print(render(stacks, format));
        out().flush();
        return ExitCodes.OK;
    }

    static String render(List<ProjectStack> stacks, String format) {
        switch (format.toLowerCase(java.util.Locale.ROOT)) {
            case "table", "pretty", "" -> {
                StringBuilder b = new StringBuilder("NAME\tSTATUS\tCONFIG FILES\n");
                stacks.forEach(s -> b.append(s.name()).append('\t').append(s.status()).append('\t')
                        .append(s.configFiles()).append('\n'));
                return TabWriter.format(b.toString(), 20, 3);
            }
            case "json" -> {
                List<Object> view = new ArrayList<>();
                for (ProjectStack s : stacks) {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("Name", s.name());
                    m.put("Status", s.status());
                    m.put("ConfigFiles", s.configFiles());
                    view.add(m);
                }
                return GoJson.write(view, false) + "\n";
            }
            default -> throw ComposeException.usage("format value \"" + format + "\" could not be parsed: parsing "
                    + "failed");
        }
    }

    /** --filter name=VALUE (repeatable); any other key is refused, as compose does. */
    private static List<String> names(List<String> filters) {
        List<String> names = new ArrayList<>();
        for (String f : filters) {
            int eq = f.indexOf('=');
            if (eq < 0) {
                throw ComposeException.usage("bad format of filter (expected name=value)");
            }
            String key = f.substring(0, eq).strip().toLowerCase(java.util.Locale.ROOT);
            if (!key.equals("name")) {
                throw ComposeException.usage("invalid filter '" + key + "'");
            }
            names.add(f.substring(eq + 1).strip());
        }
        return names;
    }

    /** Exact name, or a regular expression found anywhere in it (Go's regexp.MatchString). */
    private static boolean matches(String filter, String name) {
        if (filter.equals(name)) {
            return true;
        }
        try {
            return Pattern.compile(filter).matcher(name).find();
        } catch (PatternSyntaxException e) {
            return false;
        }
    }
}
