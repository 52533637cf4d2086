package dev.jcompose.runtime.image;

import dev.jcompose.runtime.RuntimeError;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The {@code --change} instructions of {@code docker import} (a Dockerfile subset) applied to a config.
 * Exec form ({@code ["a","b"]}) and shell form ({@code a b} → {@code /bin/sh -c "a b"}) as in a Dockerfile.
 */
final class ImportChanges {
    private static final Set<String> ALLOWED = Set.of("CMD", "ENTRYPOINT", "ENV", "EXPOSE", "HEALTHCHECK", "LABEL",
            "ONBUILD", "STOPSIGNAL", "USER", "VOLUME", "WORKDIR");
    private static final List<String> DEFAULT_SHELL = List.of("/bin/sh", "-c");

    private ImportChanges() {
    }

    static RunConfig apply(RunConfig base, List<String> changes) {
        RunConfig.Builder config = base.toBuilder();
        String workingDir = base.workingDir();
        for (String change : changes) {
            String line = change.strip();
            if (line.isEmpty()) {
                continue;
            }
            int space = indexOfWhitespace(line);
            String instruction = (space < 0 ? line : line.substring(0, space)).toUpperCase(Locale.ROOT);
            String args = space < 0 ? "" : line.substring(space).strip();
            if (!ALLOWED.contains(instruction)) {
                throw RuntimeError.badRequest(instruction + " is not a valid change command");
            }
            switch (instruction) {
                case "CMD" -> config.cmd(commandForm(args));
                case "ENTRYPOINT" -> config.entrypoint(commandForm(args));
                case "ENV" -> pairs(instruction, args).forEach(pair -> config.env(pair[0], pair[1]));
                case "LABEL" -> pairs(instruction, args).forEach(pair -> config.label(pair[0], pair[1]));
                case "EXPOSE" -> words(args).forEach(port -> expose(config, port));
                case "VOLUME" -> (args.startsWith("[") ? DockerfileWords.jsonArray(args) : words(args))
                        .forEach(config::volume);
                case "USER" -> config.user(single(instruction, args));
                case "STOPSIGNAL" -> config.stopSignal(single(instruction, args));
                case "WORKDIR" -> {
                    String dir = single(instruction, args);
                    workingDir = dir.startsWith("/") ? dir
                            : (workingDir == null || workingDir.isEmpty() ? "/" : workingDir + "/") + dir;
                    config.workingDir(workingDir);
                }
                case "ONBUILD" -> config.onBuild(args);
                case "HEALTHCHECK" -> config.healthcheck(HealthcheckInstruction.parse(args));
                default -> throw new IllegalStateException(instruction);
            }
        }
        return config.build();
    }

    static List<String> commandForm(String args) {
        if (args.startsWith("[")) {
            return DockerfileWords.jsonArray(args);
        }
        List<String> shell = new ArrayList<>(DEFAULT_SHELL);
        shell.add(args);
        return shell;
    }

    private static List<String> words(String args) {
        return DockerfileWords.split(args);
    }

    /** key=value pairs, or the legacy one-pair form {@code KEY value with spaces}. */
    private static List<String[]> pairs(String instruction, String args) {
        List<String> words = DockerfileWords.split(args);
        if (words.isEmpty()) {
            throw RuntimeError.badRequest(instruction + " requires at least one argument");
        }
        List<String[]> pairs = new ArrayList<>();
        if (!words.get(0).contains("=")) {
            int space = indexOfWhitespace(args);
            if (space < 0) {
                throw RuntimeError.badRequest(instruction + " names must have a value: " + args);
            }
            pairs.add(new String[] {args.substring(0, space), args.substring(space).strip()});
            return pairs;
        }
        for (String word : words) {
            int equals = word.indexOf('=');
            if (equals <= 0) {
                throw RuntimeError.badRequest(instruction + ": \"" + word + "\" is not of the form key=value");
            }
            pairs.add(new String[] {word.substring(0, equals), word.substring(equals + 1)});
        }
        return pairs;
    }

    /** 80, 80/tcp, 53/udp, 8000-8002/tcp (a range exposes each port). */
    private static void expose(RunConfig.Builder config, String spec) {
        try {
            config.exposeSpec(spec);
        } catch (IllegalArgumentException e) {
            throw RuntimeError.badRequest("invalid port in EXPOSE: \"" + spec + "\"");
        }
    }

    private static String single(String instruction, String args) {
        if (args.isEmpty()) {
            throw RuntimeError.badRequest(instruction + " requires exactly one argument");
        }
        return args;
    }

    static int indexOfWhitespace(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (Character.isWhitespace(text.charAt(i))) {
                return i;
            }
        }
        return -1;
    }
}
