package dev.jcompose.runtime.build;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Dockerfile text → {@link Dockerfile}, following Docker's parser: parser directives ({@code # escape=},
 * {@code # syntax=}) only at the very top, comment lines dropped (also inside continuations), lines joined where
 * they end with the escape character, instruction keywords case-insensitive, leading {@code --flags}, JSON exec
 * form when the arguments are a JSON array of strings. Errors name the line like dockerd's.
 */
public final class DockerfileParser {
    private static final Pattern DIRECTIVE = Pattern.compile("^#\\s*([a-zA-Z][a-zA-Z0-9]*)\\s*=\\s*(.+?)\\s*$");
    private static final Pattern FLAG = Pattern.compile("^--([a-zA-Z][a-zA-Z0-9-]*)(?:=(.*))?$");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> JSON_FORMS = Set.of("RUN", "CMD", "ENTRYPOINT", "SHELL", "COPY", "ADD", "VOLUME");
    private static final Map<String, Set<String>> FLAGS = Map.ofEntries(
            Map.entry("FROM", Set.of("platform")),
            Map.entry("RUN", Set.of()),
            Map.entry("COPY", Set.of("from", "chown", "chmod", "link")),
            Map.entry("ADD", Set.of("chown", "chmod", "link", "checksum", "keep-git-dir")),
            Map.entry("HEALTHCHECK", Set.of("interval", "timeout", "start-period", "start-interval", "retries")),
            Map.entry("ENV", Set.of()), Map.entry("ARG", Set.of()), Map.entry("WORKDIR", Set.of()),
            Map.entry("USER", Set.of()), Map.entry("CMD", Set.of()), Map.entry("ENTRYPOINT", Set.of()),
            Map.entry("EXPOSE", Set.of()), Map.entry("LABEL", Set.of()), Map.entry("VOLUME", Set.of()),
            Map.entry("STOPSIGNAL", Set.of()), Map.entry("SHELL", Set.of()), Map.entry("ONBUILD", Set.of()),
            Map.entry("MAINTAINER", Set.of()));

    private DockerfileParser() {
    }

    public static Dockerfile parse(String text) {
        List<String> lines = text.replace("\r\n", "\n").lines().toList();
        char escape = '\\';
        int first = 0;
        // directives: leading "# name=value" lines; the first other line (even a blank one) ends them
        for (; first < lines.size(); first++) {
            Matcher m = DIRECTIVE.matcher(lines.get(first).strip());
            if (!m.matches()) {
                break;
            }
            if (m.group(1).equalsIgnoreCase("escape")) {
                String value = m.group(2);
                if (!value.equals("\\") && !value.equals("`")) {
                    throw BuildException.parse(first + 1, "invalid escape token '" + value
                            + "' does not match ` or \\");
                }
                escape = value.charAt(0);
            }
        }
        List<Instruction> all = new ArrayList<>();
        StringBuilder pending = null;
        int start = 0;
        for (int i = first; i < lines.size(); i++) {
            String line = lines.get(i);
            String trimmed = line.strip();
            if (trimmed.startsWith("#") || (trimmed.isEmpty() && pending == null)) {
                continue; // comments vanish, even between continued lines
            }
            if (trimmed.isEmpty()) {
                continue; // an empty line inside a continuation is skipped, as Docker does
            }
            if (pending == null) {
                pending = new StringBuilder();
                start = i + 1;
                line = line.stripLeading();
            }
            String body = line.stripTrailing();
            if (body.endsWith(String.valueOf(escape))) {
                pending.append(body, 0, body.length() - 1);
                continue;
            }
            pending.append(line);
            all.add(instruction(start, pending.toString().strip(), escape));
            pending = null;
        }
        if (pending != null && !pending.toString().isBlank()) {
            all.add(instruction(start, pending.toString().strip(), escape));
        }
        if (all.isEmpty()) {
            throw new BuildException("the Dockerfile cannot be empty");
        }
        return group(escape, all);
    }

    private static Instruction instruction(int line, String text, char escape) {
        int space = indexOfSpace(text);
        String keyword = (space < 0 ? text : text.substring(0, space)).toUpperCase(Locale.ROOT);
        String rest = space < 0 ? "" : text.substring(space).strip();
        Set<String> allowed = FLAGS.get(keyword);
        if (allowed == null) {
            throw BuildException.parse(line, "unknown instruction: " + text.substring(0, space < 0 ? text.length()
                    : space).toUpperCase(Locale.ROOT));
        }
        Map<String, String> flags = new LinkedHashMap<>();
        while (rest.startsWith("--")) {
            int end = indexOfSpace(rest);
            String word = end < 0 ? rest : rest.substring(0, end);
            Matcher m = FLAG.matcher(word);
            if (!m.matches()) {
                throw BuildException.parse(line, "invalid flag: " + word);
            }
            if (!allowed.contains(m.group(1))) {
                throw BuildException.parse(line, "Unknown flag: " + m.group(1));
            }
            flags.put(m.group(1), m.group(2) == null ? "true" : m.group(2));
            rest = end < 0 ? "" : rest.substring(end).strip();
        }
        List<String> json = JSON_FORMS.contains(keyword) ? jsonArray(rest) : null;
        Instruction result = new Instruction(line, keyword, text, flags, rest, json);
        validate(result);
        return result;
    }

    /** The exec form, or null: text that is not a JSON array of strings is the shell form, as in Docker. */
    static List<String> jsonArray(String text) {
        if (!text.startsWith("[")) {
            return null;
        }
        try {
            com.fasterxml.jackson.databind.JsonNode node = JSON.readTree(text);
            if (node == null || !node.isArray()) {
                return null;
            }
            List<String> words = new ArrayList<>();
            for (com.fasterxml.jackson.databind.JsonNode n : node) {
                if (!n.isTextual()) {
                    return null; // Docker wants strings only; anything else is the shell form
                }
                words.add(n.asText());
            }
            return words;
        } catch (IOException e) {
            return null;
        }
    }

    private static void validate(Instruction i) {
        String args = i.args();
        int words = args.isEmpty() ? 0 : args.split("\\s+").length;
        switch (i.keyword()) {
            case "FROM" -> {
                if (words != 1 && !(words == 3 && args.split("\\s+")[1].equalsIgnoreCase("as"))) {
                    throw i.error("FROM requires either one or three arguments");
                }
            }
            case "COPY", "ADD" -> {
                int count = i.isExecForm() ? i.json().size() : words;
                if (count < 2) {
                    throw i.error(i.keyword() + " requires at least two arguments, but only one was provided. "
                            + "Destination could not be determined.");
                }
            }
            case "WORKDIR", "USER", "STOPSIGNAL" -> {
                if (words == 0) {
                    throw i.error(i.keyword() + " requires exactly one argument");
                }
            }
            case "ENV", "LABEL", "ARG", "EXPOSE", "VOLUME", "MAINTAINER", "ONBUILD" -> {
                if (words == 0) {
                    throw i.error(i.keyword() + " requires at least one argument");
                }
                if (i.keyword().equals("ONBUILD")) {
                    checkTrigger(i, args.split("\\s+")[0].toUpperCase(Locale.ROOT));
                }
            }
            case "SHELL" -> {
                if (!i.isExecForm() || i.json().isEmpty()) {
                    throw i.error("SHELL requires the arguments to be in JSON form");
                }
            }
            case "HEALTHCHECK" -> {
                if (words == 0) {
                    throw i.error("HEALTHCHECK requires at least one argument");
                }
            }
            default -> { }
        }
    }

    private static void checkTrigger(Instruction i, String triggerKeyword) {
        if (triggerKeyword.equals("ONBUILD")) {
            throw i.error("Chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed");
        }
        if (triggerKeyword.equals("FROM") || triggerKeyword.equals("MAINTAINER")) {
            throw i.error(triggerKeyword + " isn't allowed as an ONBUILD trigger");
        }
    }

    /**
     * One ONBUILD trigger of a base image, parsed when a FROM runs it. Like dockerd, errors name no line (the
     * trigger is not in this Dockerfile), the default escape applies, and the keywords an ONBUILD may not hold
     * are refused again (an image made elsewhere may carry them).
     */
    static Instruction trigger(String text) {
        String trimmed = text.strip();
        if (trimmed.isEmpty()) {
            throw new BuildException("onbuild trigger should be a single expression");
        }
        try {
            Instruction i = instruction(1, trimmed, '\\');
            checkTrigger(i, i.keyword());
            return i;
        } catch (BuildException e) {
            throw new BuildException(e.detail());
        }
    }

    /** Splits the instructions into the meta ARGs and the stages; only ARG may come before the first FROM. */
    private static Dockerfile group(char escape, List<Instruction> all) {
        List<Instruction> meta = new ArrayList<>();
        List<Dockerfile.Stage> stages = new ArrayList<>();
        Instruction from = null;
        String name = null;
        List<Instruction> body = new ArrayList<>();
        for (Instruction i : all) {
            if (i.keyword().equals("FROM")) {
                if (from != null) {
                    stages.add(new Dockerfile.Stage(stages.size(), name, from, body));
                }
                from = i;
                String[] words = i.args().split("\\s+");
                name = words.length == 3 ? words[2].toLowerCase(Locale.ROOT) : null;
                if (name != null && !name.matches("[a-z][a-z0-9-_.]*")) {
                    throw i.error("invalid name for build stage: \"" + words[2]
                            + "\", name can't start with a number or contain symbols");
                }
                body = new ArrayList<>();
            } else if (from == null) {
                if (!i.keyword().equals("ARG")) {
                    throw i.error("no build stage in current context");
                }
                meta.add(i);
            } else {
                body.add(i);
            }
        }
        if (from == null) {
            throw new BuildException("no build stage in current context");
        }
        stages.add(new Dockerfile.Stage(stages.size(), name, from, body));
        return new Dockerfile(escape, meta, stages);
    }

    static int indexOfSpace(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (Character.isWhitespace(text.charAt(i))) {
                return i;
            }
        }
        return -1;
    }
}
