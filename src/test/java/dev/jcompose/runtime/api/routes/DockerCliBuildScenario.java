package dev.jcompose.runtime.api.routes;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The docker CLI commands around a classic build (DOCKER_BUILDKIT=0) that compose users type, on one engine,
 * reduced to engine-independent facts: build with -f/--build-arg/--target/--label, run the results, history,
 * tag, images, image and container inspect formats (the fields docker-compose reads), rmi. Image ids, layer
 * sizes of the base image and the content hash in a COPY step's history are normalised away.
 */
final class DockerCliBuildScenario {
    static final String DOCKERFILE = """
            FROM jcompose/busybox:latest AS base
            ARG WHO=nobody
            RUN echo "hello $WHO" > /greeting
            LABEL stage=base

            FROM base AS final
            COPY file.txt /file.txt
            ENV MODE=final
            CMD ["cat", "/greeting", "/file.txt"]
            """;
    /** The history rows the build itself made (final: ARG RUN LABEL COPY ENV CMD and the --label step). */
    private static final int OWN_HISTORY_ROWS = 7;

    private final DockerCli docker;
    private final String repo;
    private final Path context;
    final Map<String, String> facts = new LinkedHashMap<>();

    DockerCliBuildScenario(DockerCli docker, String repo, Path context) {
        this.docker = docker.withEnv(Map.of("DOCKER_BUILDKIT", "0"));
        this.repo = repo;
        this.context = context;
    }

    static void writeContext(Path context) throws java.io.IOException {
        Files.createDirectories(context);
        Files.writeString(context.resolve("Build.dockerfile"), DOCKERFILE);
        Files.writeString(context.resolve("file.txt"), "content\n");
    }

    Map<String, String> run() throws Exception {
        DockerCli.Result base = docker("build", "-q", "-f", context.resolve("Build.dockerfile").toString(),
                "--build-arg", "WHO=world", "--target", "base", "-t", repo + ":base", context.toString());
        put("build -q --target base", base, base.stdout().strip().matches("sha256:[0-9a-f]{64}") ? "an image id"
                : base.stdout());
        DockerCli.Result fin = docker("build", "-f", context.resolve("Build.dockerfile").toString(), "--build-arg",
                "WHO=world", "--label", "jct.cli=yes", "-t", repo + ":final", context.toString());
        put("build final", fin, lines(fin.stdout()).stream().filter(l -> l.startsWith("Step ")
                || l.startsWith("Successfully tagged")).collect(Collectors.joining("\n")));
        put("run final", docker("run", "--rm", repo + ":final"), null);
        put("run base", docker("run", "--rm", repo + ":base", "sh", "-c", "cat /greeting; test -e /file.txt"), null);
        DockerCli.Result history = docker("history", "--no-trunc", "--format", "{{.CreatedBy}}|{{.Size}}|{{.Comment}}",
                repo + ":final");
        put("history", history, lines(history.stdout()).stream().limit(OWN_HISTORY_ROWS)
                .map(l -> l.replaceAll("(COPY|ADD) \\S+:[0-9a-f]+ in", "$1 <hash> in")).collect(Collectors.joining("\n")));
        DockerCli.Result humanFalse = docker("history", "--human=false", "--format", "{{.Size}}", repo + ":base");
        put("history --human=false", humanFalse, lines(humanFalse.stdout()).stream().limit(3)
                .collect(Collectors.joining(" ")));
        put("tag", docker("tag", repo + ":final", repo + ":other"), null);
        DockerCli.Result images = docker("images", "--format", "{{.Repository}}:{{.Tag}}", repo);
        put("images", images, images.stdout().lines().sorted().collect(Collectors.joining("\n")));
        put("image inspect", docker("image", "inspect", "-f", "{{.Config.Cmd}} {{.Config.Env}} {{json .Config.Labels}} "
                + "{{.Architecture}} {{.Os}} {{len .RootFS.Layers}} {{json .Config.ExposedPorts}} {{.Config.WorkingDir}} "
                + "{{.RepoTags}} {{json .Config.Volumes}} {{.Config.User}}", repo + ":final"), null);
        put("container create", docker("create", "--name", repo + "-c", "-l", "com.docker.compose.project=" + repo,
                "-p", "127.0.0.1::8080", "-v", "/data", "-e", "A=1", repo + ":final"), "created");
        put("container inspect", docker("inspect", "-f", "{{.Name}} {{.State.Status}} {{.State.Running}} "
                + "{{.State.ExitCode}} {{.Config.Image}} {{index .Config.Labels \"com.docker.compose.project\"}} "
                + "{{json .HostConfig.PortBindings}} {{.HostConfig.NetworkMode}} {{range .Mounts}}{{.Type}} "
                + "{{.Destination}} {{.RW}}{{end}} {{json .NetworkSettings.Ports}} {{.RestartCount}} {{.Config.Tty}} "
                + "{{.Config.Env}} {{json .HostConfig.LogConfig}} {{.HostConfig.RestartPolicy.Name}} "
                + "{{.State.Health}} {{len .NetworkSettings.Networks}}", repo + "-c"), null);
        String imageId = docker("image", "inspect", "-f", "{{.Id}}", repo + ":final").stdout().strip();
        put("container image", docker("inspect", "-f", "{{.Image}}", repo + "-c"),
                docker("inspect", "-f", "{{.Image}}", repo + "-c").stdout().strip().equals(imageId)
                        ? "the image's id" : "another id");
        put("start, wait, logs", docker("start", "-a", repo + "-c"), null);
        put("ps -s", docker("ps", "-a", "-s", "--filter", "name=" + repo + "-c", "--format", "{{.Names}} {{.Size}}"),
                null);
        put("exited", docker("inspect", "-f", "{{.State.Status}} {{.State.ExitCode}} {{.State.Running}}", repo + "-c"), null);
        put("rm -v", docker("rm", "-v", repo + "-c"), "removed");
        put("rmi while tagged twice", docker("rmi", repo + ":final"), null);
        DockerCli.Result last = docker("rmi", repo + ":other");
        put("rmi last tag", last, lines(last.stdout()).stream().filter(l -> l.startsWith("Untagged")
                || l.equals("Deleted: " + imageId)).collect(Collectors.joining("\n")));
        put("rmi unknown", docker("rmi", repo + ":nonexistent"), null);
        put("rmi base", docker("rmi", repo + ":base"), lines(docker.run("images", "-q", repo).stdout()).stream()
                .filter(l -> !l.isBlank()).count() + " images left");
        return facts;
    }

    private DockerCli.Result docker(String... args) throws Exception {
        return docker.run(args);
    }

    private void put(String name, DockerCli.Result r, String fact) {
        String shown = fact != null ? fact : r.stdout() + (r.exitCode() != 0 ? r.stderr() : "");
        facts.put(name, "exit " + r.exitCode() + "\n" + shown.replace(repo, "R").replaceAll("sha256:[0-9a-f]{64}", "sha256:ID")
                .strip());
        facts.put(name + " (raw, not compared)", r.toString());
    }

    private static List<String> lines(String text) {
        return List.of(text.split("\n"));
    }
}
