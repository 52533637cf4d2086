package dev.jcompose.runtime.api.routes;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The commands compose users type, run by docker-compose 1.29.2 on one engine, each reduced to the facts that
 * must not depend on the engine: exit code, container names and states, command output, what is left. Ids,
 * pids, sizes, timings and ephemeral ports are normalised away; the project name reads {@code P}, the fixed
 * host port {@code FIXED}. Two engines are compatible for a stack when their fact maps are equal.
 */
final class ComposeV1Scenario {
    /** compose's own progress lines; build output and deprecation notes from the docker CLI are not facts. */
    private static final Pattern PROGRESS = Pattern.compile(
            "^(?!Removing intermediate container)(Creating|Starting|Stopping|Removing|Restarting|Recreating|Pulling|\\S+ is up-to-date|WARNING).*");
    private static final Pattern BUILD_STEP = Pattern.compile("^(Building \\S+|Step \\d+/\\d+ : .*|Successfully tagged .*)$");

    record Stack(String name, String execService, String scaleService, boolean build) {
    }

    private final ComposeV1Client compose;
    private final DockerCli docker;
    private final int fixedPort;
    final Map<String, String> facts = new LinkedHashMap<>();

    ComposeV1Scenario(ComposeV1Client compose, DockerCli docker, int fixedPort) {
        this.compose = compose;
        this.docker = docker;
        this.fixedPort = fixedPort;
    }

    /** Runs the whole sequence; the facts gathered so far stay readable when a step throws. */
    Map<String, String> run(Stack stack) throws Exception {
        ComposeV1Client.Result up = stack.build() ? compose.run("up", "-d", "--build") : compose.run("up", "-d");
        step("up", up, progress(up));
        if (stack.build()) {
            facts.put("build steps", normalise(lines(up.all()).stream().filter(l -> BUILD_STEP.matcher(l).matches())
                    .collect(Collectors.joining("\n"))));
            facts.put("built images", normalise(sorted(docker("images", "--format", "{{.Repository}}:{{.Tag}}",
                    "--filter", "reference=" + compose.project + "_*"))));
        }
        facts.put("after up", objects());
        ComposeV1Client.Result ps = compose.run("ps");
        step("ps", ps, collapse(ps.stdout()).replaceAll("\\(health: starting\\)|\\(healthy\\)", "(health)"));
        ComposeV1Client.Result logs = compose.run("logs", "--no-color");
        step("logs", logs, logsFacts(logs.stdout()));
        ComposeV1Client.Result exec = compose.run("exec", "-T", stack.execService(), "sh", "-c", "echo $((6*7))");
        step("exec", exec, exec.stdout());
        ComposeV1Client.Result run = compose.run("run", "--rm", "-T", stack.execService(), "echo", "hi");
        step("run --rm", run, run.stdout() + "one-off containers left: "
                + docker("ps", "-aq", "--filter", "label=com.docker.compose.oneoff=True", "--filter", projectLabel()));
        if (stack.scaleService() != null) {
            ComposeV1Client.Result scaled = compose.run("up", "-d", "--scale", stack.scaleService() + "=3");
            step("up --scale", scaled, progress(scaled));
            facts.put("after scale", objects());
        }
        for (String command : List.of("restart", "stop", "start")) {
            ComposeV1Client.Result r = command.equals("start") ? compose.run(command) : compose.run(command, "-t", "1");
            step(command, r, progress(r));
            facts.put("after " + command, objects());
        }
        ComposeV1Client.Result top = compose.run("top");
        step("top", top, topFacts(top.stdout()));
        ComposeV1Client.Result port = compose.run("port", stack.execService(), "8080");
        step("port", port, port.stdout());
        ComposeV1Client.Result images = compose.run("images");
        step("images", images, lines(images.stdout()).stream().skip(2)
                .map(l -> String.join(" ", Arrays.asList(l.trim().split("\\s+")).subList(0, 3)))
                .collect(Collectors.joining("\n")));
        ComposeV1Client.Result down = compose.run("down", "-v", "--rmi", "local", "-t", "1");
        step("down -v --rmi local", down, progress(down));
        facts.put("after down", objects() + "\nimages: " + docker("images", "-q", "--filter",
                "reference=" + compose.project + "_*"));
        return facts;
    }

    private void step(String name, ComposeV1Client.Result r, String fact) {
        facts.put(name, "exit " + r.exitCode() + "\n" + normalise(fact));
        facts.put(name + " (raw, not compared)", r.toString());
    }

    /** What the project has on the engine: containers with their states and exit codes, volumes, networks. */
    String objects() throws Exception {
        String containers = docker("ps", "-a", "--filter", projectLabel(), "--format",
                "{{.Names}} {{.State}} {{.Label \"com.docker.compose.service\"}}");
        String exitCodes = docker("ps", "-a", "--filter", projectLabel(), "--filter", "status=exited", "--format",
                "{{.Names}} {{.Status}}").replaceAll("\\) .*", ")");
        String volumes = docker("volume", "ls", "-q", "--filter", projectLabel());
        String networks = docker("network", "ls", "--filter", projectLabel(), "--format", "{{.Name}}");
        return normalise("containers:\n" + sorted(containers) + "\nexited:\n" + sorted(exitCodes) + "\nvolumes: "
                + sorted(volumes) + "\nnetworks: " + sorted(networks));
    }

    String projectLabel() {
        return "label=com.docker.compose.project=" + compose.project;
    }

    private String docker(String... args) throws Exception {
        DockerCli.Result r = docker.run(args);
        if (r.exitCode() != 0) {
            throw new AssertionError("docker " + String.join(" ", args) + " on " + compose.host + ": " + r);
        }
        return r.stdout().strip();
    }

    private static String progress(ComposeV1Client.Result r) {
        // compose ends its progress lines with \r: stripped first, or "." would not match them
        return lines(r.all()).stream().map(String::strip).filter(l -> PROGRESS.matcher(l).matches())
                .map(l -> l.replaceAll("\\s+", " ").replaceAll(" \\.\\.\\.( done)?$", ""))
                .distinct().sorted().collect(Collectors.joining("\n"));
    }

    /** The attached containers (a set) and the lines of containers that already exited (deterministic). */
    private static String logsFacts(String out) {
        List<String> lines = lines(out);
        String attached = lines.stream().filter(l -> l.startsWith("Attaching to ")).map(l -> Arrays.stream(
                l.substring("Attaching to ".length()).split(", ")).sorted().collect(Collectors.joining(", ")))
                .findFirst().orElse("(no Attaching line)");
        String oneShot = lines.stream().filter(l -> l.startsWith("migrate_1 ")).collect(Collectors.joining("\n"));
        return attached + "\n" + oneShot;
    }

    /** Per container: its name and the command of its first process (pids and transient children differ). */
    private static String topFacts(String out) {
        List<String> result = new ArrayList<>();
        String container = null;
        long lowestPid = Long.MAX_VALUE;
        String command = "";
        for (String line : lines(out)) {
            String[] columns = line.trim().split("\\s+", 8);
            if (columns.length == 1 && !columns[0].isEmpty() && !columns[0].startsWith("-")) {
                if (container != null) {
                    result.add(container + ": " + command);
                }
                container = columns[0];
                lowestPid = Long.MAX_VALUE;
            } else if (columns.length == 8 && columns[1].matches("\\d+") && Long.parseLong(columns[1]) < lowestPid) {
                lowestPid = Long.parseLong(columns[1]);
                command = columns[7].strip();
            }
        }
        if (container != null) {
            result.add(container + ": " + command);
        }
        return String.join("\n", result);
    }

    private String normalise(String text) {
        return text.replace(compose.project, "P").replace("127.0.0.1:" + fixedPort, "127.0.0.1:FIXED")
                .replaceAll("127\\.0\\.0\\.1:\\d{2,5}", "127.0.0.1:EPHEMERAL");
    }

    private static String collapse(String text) {
        return lines(text).stream().map(l -> l.replaceAll("\\s+", " ").strip()).filter(l -> !l.matches("-+"))
                .collect(Collectors.joining("\n"));
    }

    private static String sorted(String text) {
        return lines(text).stream().filter(l -> !l.isBlank()).sorted().collect(Collectors.joining("\n"));
    }

    private static List<String> lines(String text) {
        return List.of(text.replace("\r", "").split("\n"));
    }
}
