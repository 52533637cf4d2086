package dev.jcompose.e2e;

import dev.jcompose.engine.ContainerInfo;
import dev.jcompose.engine.ContainerSummary;
import dev.jcompose.engine.ExecResult;
import dev.jcompose.engine.ExecSpec;
import dev.jcompose.engine.docker.DockerEngine;
import dev.jcompose.state.Labels;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One compose project under test: a unique name (jct-e2e-TEST-RANDOM), the compose files and env file every
 * command gets, and the engine ({@link EngineTarget}: dockerd or an embedded daemon), through which tests look
 * at the state the CLI left. {@link #close} runs
 * `down -v --remove-orphans` and then removes by label whatever that left, failing if there was anything.
 */
final class E2eProject implements AutoCloseable {
    static final Path EXAMPLES = Path.of("compose-examples").toAbsolutePath();

    final String name;
    final EngineTarget target;
    final DockerEngine engine;
    final Path dir;
    private final List<String> files = new ArrayList<>();
    private Path envFile;
    private final List<String> extraVolumes = new ArrayList<>();

    E2eProject(String testName, Path dir, EngineTarget target) {
        String slug = testName.replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase().replaceAll("[^a-z0-9]+", "-");
        slug = slug.length() > 24 ? slug.substring(0, 24) : slug;
        this.name = ("jct-e2e-" + slug + "-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt())
                .substring(2)).replace("--", "-");
        this.dir = dir;
        this.target = target;
        this.engine = new DockerEngine(DockerEngine.Options.of(target.host()));
    }

    /** Uses compose-examples/EXAMPLE/compose.yaml as the (first) compose file. */
    E2eProject example(String example) {
        files.add(EXAMPLES.resolve(example).resolve("compose.yaml").toString());
        return this;
    }

    /**
     * Writes {@code yaml} into the test's directory and adds it as a compose file (an override, or a whole stack);
     * writing the same file name again changes the file in place.
     */
    E2eProject file(String fileName, String yaml) throws IOException {
        Path f = dir.resolve(fileName);
        Files.writeString(f, yaml);
        if (!files.contains(f.toString())) {
            files.add(f.toString());
        }
        return this;
    }

    /** Interpolation variables for every command, through --env-file (the CLI runs in this JVM's environment). */
    E2eProject env(Map<String, String> vars) throws IOException {
        envFile = dir.resolve("test.env");
        StringBuilder b = new StringBuilder();
        vars.forEach((k, v) -> b.append(k).append('=').append(v).append('\n'));
        Files.writeString(envFile, b);
        return this;
    }

    /** The global options naming this project, then {@code command}. */
    List<String> args(String... command) {
        List<String> a = new ArrayList<>(List.of("-p", name, "--progress", "plain", "--ansi", "never"));
        for (String f : files) {
            a.add("-f");
            a.add(f);
        }
        if (envFile != null) {
            a.add("--env-file");
            a.add(envFile.toString());
        }
        a.addAll(List.of(command));
        return a;
    }

    /** Runs `jcompose -p NAME -f ... COMMAND` in-process. */
    Cli.Result jc(String... command) {
        return Cli.run(target.cliEnv(), args(command));
    }

    /** Like {@link #jc} but fails the test unless the command exits 0. */
    Cli.Result ok(String... command) {
        Cli.Result r = jc(command);
        if (r.code() != 0) {
            throw new AssertionError("jcompose " + String.join(" ", command) + " failed\n" + r.transcript());
        }
        return r;
    }

    /** The project's containers of {@code service} (one-offs excluded), inspected, ordered by replica number. */
    List<ContainerInfo> containers(String service) {
        List<ContainerInfo> out = new ArrayList<>();
        for (ContainerSummary s : engine.listContainers(List.of(Labels.PROJECT + "=" + name,
                Labels.SERVICE + "=" + service, Labels.ONEOFF + "=" + Labels.FALSE), true)) {
            engine.findContainer(s.id()).ifPresent(out::add);
        }
        out.sort(Comparator.comparing((ContainerInfo c) -> number(c)).thenComparing(ContainerInfo::id));
        return out;
    }

    /** The single container of {@code service} (fails when there is not exactly one). */
    ContainerInfo container(String service) {
        List<ContainerInfo> cs = containers(service);
        if (cs.size() != 1) {
            throw new AssertionError("expected one container of " + service + ", found " + cs.stream()
                    .map(ContainerInfo::name).toList());
        }
        return cs.get(0);
    }

    /** Every container carrying the project label, one-offs too. */
    List<ContainerSummary> allContainers() {
        return engine.listContainers(List.of(Labels.PROJECT + "=" + name), true);
    }

    static int number(ContainerInfo c) {
        return Integer.parseInt(c.config().labels().getOrDefault(Labels.CONTAINER_NUMBER, "0"));
    }

    /** Runs {@code cmd} in the running container. */
    ExecResult exec(ContainerInfo c, String... cmd) throws InterruptedException {
        return engine.exec(c.id(), ExecSpec.of(cmd));
    }

    /**
     * A volume to remove after `down -v`: an anonymous volume a `-V` recreate detached, which nothing removes
     * (docker compose leaves it too).
     */
    void removeAfterDown(String volume) {
        extraVolumes.add(volume);
    }

    /** A TCP port on 127.0.0.1 that nothing listens on right now. */
    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() {
        try {
            Cli.Result down = jc("down", "-v", "--remove-orphans", "-t", "0");
            extraVolumes.forEach(v -> quietly(() -> engine.removeVolume(v, true)));
            List<String> left = removeLeftovers();
            if (down.code() != 0 || !left.isEmpty()) {
                throw new AssertionError("cleanup of " + name + ": down left " + left + "\n" + down.transcript());
            }
        } finally {
            engine.close();
        }
    }

    /** Removes, by label, what `down -v` should have removed; returns what there was. */
    private List<String> removeLeftovers() {
        List<String> left = new ArrayList<>();
        String filter = Labels.PROJECT + "=" + name;
        for (ContainerSummary c : engine.listContainers(List.of(filter), true)) {
            left.add("container " + c.name());
            quietly(() -> engine.removeContainer(c.id(), true, true));
        }
        engine.listNetworks(List.of(filter)).forEach(n -> {
            left.add("network " + n.name());
            quietly(() -> engine.removeNetwork(n.id()));
        });
        engine.listVolumes(List.of(filter)).forEach(v -> {
            left.add("volume " + v.name());
            quietly(() -> engine.removeVolume(v.name(), true));
        });
        return left;
    }

    private static void quietly(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            // best effort: the leftover is reported anyway
        }
    }
}
