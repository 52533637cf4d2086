package dev.jcompose.cli;

import dev.jcompose.load.LoadOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/** Options of `jcompose` itself, given before the subcommand, with their COMPOSE_* environment fallbacks. */
public final class GlobalOptions {
    @Option(names = {"-f", "--file"}, paramLabel = "FILE",
            description = "Compose configuration files (repeatable; '-' reads stdin)")
    List<String> files = new ArrayList<>();

    @Option(names = {"-p", "--project-name"}, paramLabel = "NAME", description = "Project name")
    String projectName;

    @Option(names = "--project-directory", paramLabel = "DIR",
            description = "Alternate working directory (default: the directory of the first compose file)")
    Path projectDirectory;

    @Option(names = "--env-file", paramLabel = "FILE", description = "Alternate environment files (repeatable)")
    List<String> envFiles = new ArrayList<>();

    @Option(names = "--profile", paramLabel = "PROFILE", description = "Profiles to enable (repeatable)")
    List<String> profiles = new ArrayList<>();

    @Option(names = "--progress", paramLabel = "MODE", description = "Progress output: auto, tty, plain, json, quiet")
    String progress;

    @Option(names = "--ansi", paramLabel = "WHEN", description = "Control characters: never, always, auto")
    String ansi;

    @Option(names = "--parallel", paramLabel = "N", description = "Max parallel engine calls (-1 = unlimited)")
    Integer parallel;

    @Option(names = "--dry-run", description = "Show what would be done, change nothing")
    boolean dryRun;

    @Option(names = "--engine", paramLabel = "ENGINE", description = "auto, docker or embedded (env JCOMPOSE_ENGINE)")
    String engine;

    @Option(names = "--stacktrace", description = "Print stack traces of errors")
    boolean stacktrace;

    Map<String, String> env = System.getenv();
    Path cwd = Path.of("").toAbsolutePath();

    /** Loader options from flags, falling back to COMPOSE_* variables as docker compose does. */
    public LoadOptions loadOptions() {
        LoadOptions o = LoadOptions.defaults(cwd, env)
                .withFiles(files)
                .withEnvFiles(envFiles.isEmpty() ? splitEnv("COMPOSE_ENV_FILES", ",") : envFiles)
                .withProfiles(profiles)
                .withProjectName(projectName)
                .withProjectDir(projectDirectory == null ? null : cwd.resolve(projectDirectory).normalize());
        if (files.contains("-")) {
            o = o.withStdin(readStdin());
        }
        return o;
    }

    private List<String> splitEnv(String key, String sep) {
        String v = env.get(key);
        if (v == null || v.isBlank()) {
            return List.of();
        }
        return List.of(v.split(sep));
    }

    private static String readStdin() {
        try {
            return new String(System.in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    public int parallelLimit() {
        if (parallel != null) {
            return parallel;
        }
        String v = env.get("COMPOSE_PARALLEL_LIMIT");
        try {
            return v == null ? -1 : Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    public String progressMode() {
        String p = progress != null ? progress : env.getOrDefault("COMPOSE_PROGRESS", "auto");
        return p.toLowerCase();
    }

    public boolean ansiEnabled() {
        String a = ansi != null ? ansi : env.getOrDefault("COMPOSE_ANSI", "auto");
        return switch (a.toLowerCase()) {
            case "always" -> true;
            case "never" -> false;
            default -> Terminal.isTerminal() && env.get("NO_COLOR") == null;
        };
    }

    public boolean stacktrace() {
        return stacktrace;
    }

    public boolean dryRun() {
        return dryRun;
    }

    public String engine() {
        return engine != null ? engine : env.getOrDefault("JCOMPOSE_ENGINE", "auto");
    }
}
