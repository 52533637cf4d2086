package dev.jcompose.runtime.build;

import dev.jcompose.runtime.image.HealthcheckInstruction;
import dev.jcompose.runtime.image.RunConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Instructions that only change the image config (ENV, LABEL, EXPOSE, VOLUME, USER, WORKDIR, CMD, ENTRYPOINT,
 * STOPSIGNAL, SHELL, ONBUILD, HEALTHCHECK), with Docker's expansion rules. Returns the new config and the text
 * the step is known by (after substitution), which is its cache key and its history entry.
 */
final class ConfigSteps {
    static final List<String> DEFAULT_SHELL = List.of("/bin/sh", "-c");
    private static final java.util.regex.Pattern ONBUILD_PREFIX =
            java.util.regex.Pattern.compile("^\\s*ONBUILD\\s*", java.util.regex.Pattern.CASE_INSENSITIVE);

    record Result(RunConfig config, String text) {
    }

    private final ShellLex lex;

    ConfigSteps(ShellLex lex) {
        this.lex = lex;
    }

    /** @param cmdSet whether this stage set CMD already (ENTRYPOINT then keeps it, else clears the base's) */
    Result apply(Instruction i, RunConfig config, Map<String, String> env, boolean cmdSet) {
        RunConfig.Builder b = config.toBuilder();
        String args = i.args();
        String text;
        switch (i.keyword()) {
            case "ENV" -> {
                List<String[]> pairs = pairs(i, env);
                pairs.forEach(p -> b.env(p[0], p[1]));
                text = "ENV " + join(pairs);
            }
            case "LABEL" -> {
                List<String[]> pairs = pairs(i, env);
                pairs.forEach(p -> b.label(p[0], p[1]));
                text = "LABEL " + join(pairs);
            }
            case "EXPOSE" -> {
                List<String> ports = lex.words(args, env);
                for (String port : ports) {
                    expose(i, b, port);
                }
                text = "EXPOSE " + String.join(" ", ports);
            }
            case "VOLUME" -> {
                List<String> volumes = i.isExecForm() ? i.json().stream().map(v -> lex.word(v, env)).toList()
                        : lex.words(args, env);
                for (String v : volumes) {
                    if (v.isBlank()) {
                        throw i.error("VOLUME specified can not be an empty string");
                    }
                    b.volume(v);
                }
                text = "VOLUME " + volumes;
            }
            case "USER" -> {
                String user = lex.word(args, env);
                b.user(user);
                text = "USER " + user;
            }
            case "WORKDIR" -> {
                String dir = workdir(config.workingDir(), lex.word(args, env));
                b.workingDir(dir);
                text = "WORKDIR " + dir;
            }
            case "CMD" -> {
                List<String> cmd = command(i, config);
                b.cmd(cmd);
                text = "CMD " + quoted(cmd);
            }
            case "ENTRYPOINT" -> {
                List<String> ep = command(i, config);
                b.entrypoint(ep);
                if (!cmdSet) {
                    b.cmd(null);
                }
                text = "ENTRYPOINT " + quoted(ep);
            }
            case "STOPSIGNAL" -> {
                String signal = lex.word(args, env);
                b.stopSignal(signal);
                text = "STOPSIGNAL " + signal;
            }
            case "SHELL" -> {
                b.shell(i.json());
                text = "SHELL " + quoted(i.json());
            }
            case "ONBUILD" -> {
                // dockerd keeps the trigger as written (keyword case too), continuations joined
                String trigger = ONBUILD_PREFIX.matcher(i.original()).replaceFirst("");
                b.onBuild(trigger);
                text = "ONBUILD " + trigger;
            }
            case "HEALTHCHECK" -> {
                StringBuilder full = new StringBuilder();
                i.flags().forEach((k, v) -> full.append("--").append(k).append('=').append(v).append(' '));
                full.append(args);
                b.healthcheck(HealthcheckInstruction.parse(full.toString()));
                text = "HEALTHCHECK " + full;
            }
            default -> throw new IllegalStateException("not a config instruction: " + i.keyword());
        }
        return new Result(b.build(), text);
    }

    static boolean handles(String keyword) {
        return Set.of("ENV", "LABEL", "EXPOSE", "VOLUME", "USER", "WORKDIR", "CMD", "ENTRYPOINT", "STOPSIGNAL",
                "SHELL", "ONBUILD", "HEALTHCHECK").contains(keyword);
    }

    /** Exec form as written; shell form through the stage's SHELL (default /bin/sh -c). */
    static List<String> command(Instruction i, RunConfig config) {
        if (i.isExecForm()) {
            return i.json();
        }
        List<String> shell = new ArrayList<>(config.shell() == null ? DEFAULT_SHELL : config.shell());
        shell.add(i.args());
        return shell;
    }

    static String workdir(String current, String dir) {
        String base = current == null || current.isEmpty() ? "/" : current;
        String joined = dir.startsWith("/") ? dir : base + "/" + dir;
        java.nio.file.Path p = java.nio.file.Path.of(joined).normalize();
        return p.toString();
    }

    /** key=value pairs (values expanded), or the legacy one-pair form {@code KEY value with spaces}. */
    List<String[]> pairs(Instruction i, Map<String, String> env) {
        List<String> raw = lex.rawWords(i.args());
        List<String[]> out = new ArrayList<>();
        if (raw.isEmpty()) {
            throw i.error(i.keyword() + " requires at least one argument");
        }
        if (!raw.get(0).contains("=")) {
            int space = DockerfileParser.indexOfSpace(i.args());
            if (space < 0) {
                throw i.error(i.keyword() + " must have two arguments");
            }
            out.add(new String[] {raw.get(0), lex.word(i.args().substring(space).strip(), env)});
            return out;
        }
        for (String word : raw) {
            int eq = word.indexOf('=');
            if (eq <= 0) {
                throw i.error("Syntax error - can't find = in \"" + word + "\". Must be of the form: name=value");
            }
            String key = lex.word(word.substring(0, eq), env);
            if (key.isEmpty()) {
                throw i.error(i.keyword() + " names can not be blank");
            }
            out.add(new String[] {key, lex.word(word.substring(eq + 1), env)});
        }
        return out;
    }

    private static String join(List<String[]> pairs) {
        return String.join(" ", pairs.stream().map(p -> p[0] + "=" + p[1]).toList());
    }

    private static String quoted(List<String> words) {
        return "[" + String.join(" ", words.stream().map(w -> "\"" + w.replace("\"", "\\\"") + "\"").toList()) + "]";
    }

    private static void expose(Instruction i, RunConfig.Builder b, String spec) {
        try {
            b.exposeSpec(spec);
        } catch (IllegalArgumentException e) {
            throw i.error("invalid containerPort: " + spec);
        }
    }
}
