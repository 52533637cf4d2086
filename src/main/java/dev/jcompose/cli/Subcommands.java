package dev.jcompose.cli;

import java.util.List;
import java.util.Map;
import java.util.SequencedMap;
import java.util.LinkedHashMap;
import java.util.Set;
import picocli.CommandLine;

/**
 * The subcommands of `jcompose`, by name. picocli builds a command's model by reflection when it is added, and
 * building all of them cost ~60 ms of every start; a command line that names a subcommand gets only the
 * subcommands it names. Without one (`jcompose --help`, a typo that deserves a "did you mean"), and for the
 * commands that describe the whole tree (completion scripts, docs), every subcommand is added.
 */
final class Subcommands {
    /** In the order help lists them. SubcommandsTest checks each name against the class's @Command. */
    static final SequencedMap<String, Class<?>> ALL = ordered(List.of(
            Map.entry("attach", AttachCommand.class),
            Map.entry("build", BuildCommand.class),
            Map.entry("completion", CompletionCommand.class),
            Map.entry("config", ConfigCommand.class),
            Map.entry("cp", CpCommand.class),
            Map.entry("create", CreateCommand.class),
            Map.entry("docs", DocsCommand.class),
            Map.entry("down", DownCommand.class),
            Map.entry("engine", EngineCommand.class),
            Map.entry("events", EventsCommand.class),
            Map.entry("exec", ExecCommand.class),
            Map.entry("images", ImagesCommand.class),
            Map.entry("kill", KillCommand.class),
            Map.entry("logs", LogsCommand.class),
            Map.entry("ls", LsCommand.class),
            Map.entry("pause", PauseCommand.class),
            Map.entry("plan", PlanCommand.class),
            Map.entry("port", PortCommand.class),
            Map.entry("ps", PsCommand.class),
            Map.entry("pull", PullCommand.class),
            Map.entry("push", PushCommand.class),
            Map.entry("restart", RestartCommand.class),
            Map.entry("rm", RmCommand.class),
            Map.entry("run", RunCommand.class),
            Map.entry("scale", ScaleCommand.class),
            Map.entry("start", StartCommand.class),
            Map.entry("stats", StatsCommand.class),
            Map.entry("stop", StopCommand.class),
            Map.entry("top", TopCommand.class),
            Map.entry("unpause", UnpauseCommand.class),
            Map.entry("up", UpCommand.class),
            Map.entry("version", VersionCommand.class),
            Map.entry("wait", WaitCommand.class)
    ));

    /** Commands whose output is the whole command tree. */
    private static final Set<String> NEED_ALL = Set.of("completion", "docs");

    private Subcommands() {
    }

    /** Adds to {@code root} the subcommands {@code args} may invoke (all of them when it cannot tell). */
    static void addFor(CommandLine root, String[] args) {
        List<String> named = args == null ? List.of()
                : java.util.Arrays.stream(args).filter(ALL::containsKey).distinct().toList();
        if (named.isEmpty() && versionOnly(args)) {
            return; // `jcompose --version` is answered by the root alone
        }
        if (named.isEmpty() || named.stream().anyMatch(NEED_ALL::contains)) {
            addAll(root);
            return;
        }
        // Every token that is a subcommand name is added: one may be an option's value (-p up), never a miss.
        ALL.forEach((name, type) -> {
            if (named.contains(name)) {
                add(root, name, type);
            }
        });
    }

    private static boolean versionOnly(String[] args) {
        List<String> list = args == null ? List.of() : java.util.Arrays.asList(args);
        return (list.contains("--version") || list.contains("-V")) && !list.contains("--help") && !list.contains("-h");
    }

    static void addAll(CommandLine root) {
        ALL.forEach((name, type) -> add(root, name, type));
    }

    /** Through a CommandLine of its own: picocli applies a command's model transformer only in that constructor. */
    private static void add(CommandLine root, String name, Class<?> type) {
        root.addSubcommand(name, new CommandLine(type));
    }

    private static SequencedMap<String, Class<?>> ordered(List<Map.Entry<String, Class<?>>> entries) {
        SequencedMap<String, Class<?>> out = new LinkedHashMap<>();
        entries.forEach(e -> out.put(e.getKey(), e.getValue()));
        return java.util.Collections.unmodifiableSequencedMap(out);
    }
}
