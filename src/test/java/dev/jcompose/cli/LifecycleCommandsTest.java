package dev.jcompose.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcompose.engine.ContainerState;
import dev.jcompose.engine.ContainerSummary;
import dev.jcompose.engine.EngineEvent;
import dev.jcompose.engine.ImageConfig;
import dev.jcompose.engine.fake.FakeEngine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** start, stop, restart, kill, pause, unpause and rm through the CLI against the in-memory engine. */
class LifecycleCommandsTest {
    /** db ← app ← web (web depends on app with restart: true, app on db without). */
    static final String YAML = """
            name: demo
            services:
              db:
                image: busybox:latest
              app:
                image: busybox:latest
                depends_on: [db]
              web:
                image: busybox:latest
                depends_on:
                  app: {condition: service_started, restart: true}
            """;

    @TempDir
    Path dir;
    FakeEngine fake;
    FakeCli cli;

    @BeforeEach
    void up() throws IOException {
        fake = new FakeEngine();
        fake.addImage("busybox:latest", ImageConfig.EMPTY);
        Files.writeString(dir.resolve("compose.yaml"), YAML);
        cli = new FakeCli(fake, dir);
        assertOk(cli.run("up", "-d"));
    }

    private static void assertOk(FakeCli.Result r) {
        assertEquals(0, r.code(), r.toString());
    }

    private Map<String, ContainerSummary> containers() {
        return fake.listContainers(List.of("com.docker.compose.project=demo"), true).stream()
                .collect(Collectors.toMap(ContainerSummary::name, c -> c, (a, b) -> a, TreeMap::new));
    }

    private Map<String, ContainerState> states() {
        Map<String, ContainerState> out = new TreeMap<>();
        containers().forEach((n, c) -> out.put(n, c.state()));
        return out;
    }

    /** Names of containers that got {@code action} events after {@code from}, in event order. */
    private List<String> actions(String action, int from) {
        List<EngineEvent> history = fake.eventHistory();
        return history.subList(from, history.size()).stream()
                .filter(e -> "container".equals(e.type()) && action.equals(e.action()))
                .map(EngineEvent::actorName).toList();
    }

    @Test
    void stopGoesDependentsFirstAndStartDependenciesFirstKeepingIds() {
        Map<String, String> ids = new TreeMap<>();
        containers().forEach((n, c) -> ids.put(n, c.id()));
        int mark = fake.eventHistory().size();
        FakeCli.Result stop = cli.run("stop");
        assertOk(stop);
        assertEquals(List.of("demo-web-1", "demo-app-1", "demo-db-1"), actions("stop", mark));
        assertEquals(Map.of("demo-app-1", ContainerState.EXITED, "demo-db-1", ContainerState.EXITED, "demo-web-1",
                ContainerState.EXITED), states());
        assertTrue(stop.err().contains(" Container demo-web-1  Stopping\n Container demo-web-1  Stopped\n"),
                stop.err());
        mark = fake.eventHistory().size();
        assertOk(cli.run("start"));
        assertEquals(List.of("demo-db-1", "demo-app-1", "demo-web-1"), actions("start", mark));
        Map<String, String> after = new TreeMap<>();
        containers().forEach((n, c) -> after.put(n, c.id()));
        assertEquals(ids, after, "start reuses the containers");
    }

    @Test
    void stopOfOneServiceLeavesTheOthersAndStartOfOneStartsItsDependencies() {
        assertOk(cli.run("stop", "-t", "1", "app"));
        assertEquals(Map.of("demo-app-1", ContainerState.EXITED, "demo-db-1", ContainerState.RUNNING, "demo-web-1",
                ContainerState.RUNNING), states());
        assertOk(cli.run("stop"));
        assertOk(cli.run("start", "app"));
        assertEquals(Map.of("demo-app-1", ContainerState.RUNNING, "demo-db-1", ContainerState.RUNNING, "demo-web-1",
                ContainerState.EXITED), states());
    }

    @Test
    void restartTakesDependentsWithRestartTrueUnlessNoDeps() {
        int mark = fake.eventHistory().size();
        assertOk(cli.run("restart", "app"));
        assertEquals(List.of("demo-app-1", "demo-web-1"), actions("start", mark), "web restarts after app");
        mark = fake.eventHistory().size();
        assertOk(cli.run("restart", "--no-deps", "app"));
        assertEquals(List.of("demo-app-1"), actions("start", mark));
        mark = fake.eventHistory().size();
        FakeCli.Result db = cli.run("restart", "db");
        assertOk(db);
        assertEquals(List.of("demo-db-1"), actions("start", mark), "app depends on db without restart: true");
        assertTrue(db.err().contains(" Container demo-db-1  Restarting\n Container demo-db-1  Started\n"), db.err());
    }

    @Test
    void killSendsTheSignalToRunningContainersOnly() {
        fake.exit(containers().get("demo-db-1").id(), 0);
        int mark = fake.eventHistory().size();
        FakeCli.Result r = cli.run("kill", "-s", "SIGUSR1");
        assertOk(r);
        List<EngineEvent> kills = fake.eventHistory().subList(mark, fake.eventHistory().size()).stream()
                .filter(e -> "kill".equals(e.action())).toList();
        assertEquals(2, kills.size(), kills.toString());
        assertTrue(kills.stream().allMatch(e -> "10".equals(e.attributes().get("signal"))), kills.toString());
        assertTrue(r.err().contains(" Container demo-web-1  Killed\n"), r.err());
        assertOk(cli.run("kill"));
        FakeCli.Result none = cli.run("kill");
        assertOk(none);
        assertEquals("No container to kill\n", none.err());
    }

    @Test
    void pauseAndUnpause() {
        FakeCli.Result pause = cli.run("pause", "web");
        assertOk(pause);
        assertEquals(ContainerState.PAUSED, states().get("demo-web-1"));
        assertEquals(" Container demo-web-1  Paused\n", pause.err());
        assertOk(cli.run("unpause", "web"));
        assertEquals(ContainerState.RUNNING, states().get("demo-web-1"));
        FakeCli.Result notPaused = cli.run("unpause");
        assertEquals(1, notPaused.code(), "like compose, every running container is unpaused: the engine refuses");
        assertTrue(notPaused.err().contains("is not paused"), notPaused.err());
    }

    @Test
    void rmRemovesOnlyStoppedContainersAfterConfirmation() {
        FakeCli.Result nothing = cli.run("rm", "-f");
        assertOk(nothing);
        assertEquals("No stopped containers\n", nothing.err());
        assertOk(cli.run("stop", "web", "app"));
        FakeCli.Result declined = cli.runWithInput("n\n", "rm");
        assertOk(declined);
        assertEquals("Going to remove demo-app-1, demo-web-1", declined.out(), "piped prompt, no newline");
        assertEquals(3, containers().size());
        FakeCli.Result accepted = cli.runWithInput("y\n", "rm", "web");
        assertOk(accepted);
        assertEquals(List.of("demo-app-1", "demo-db-1"), List.copyOf(containers().keySet()));
        FakeCli.Result noAnswer = cli.run("rm");
        assertEquals(List.of("demo-app-1", "demo-db-1"), List.copyOf(containers().keySet()), "EOF means no");
        assertOk(noAnswer);
        FakeCli.Result forced = cli.run("rm", "-f", "-s", "-v");
        assertOk(forced);
        assertEquals("Going to remove demo-app-1, demo-db-1\n", forced.out());
        assertTrue(containers().isEmpty());
    }

    @Test
    void withOnlyTheProjectNameTheLabelsGiveServicesAndOrder() throws IOException {
        Path elsewhere = Files.createDirectory(dir.resolve("elsewhere"));
        FakeCli byName = new FakeCli(fake, elsewhere);
        int mark = fake.eventHistory().size();
        assertOk(byName.run("-p", "demo", "stop"));
        assertEquals(List.of("demo-web-1", "demo-app-1", "demo-db-1"), actions("stop", mark));
        assertOk(byName.run("-p", "demo", "start", "web"));
        assertEquals(ContainerState.RUNNING, states().get("demo-db-1"), "web's dependencies from the label");
        FakeCli.Result unknown = byName.run("-p", "nothing-here", "start");
        assertEquals(1, unknown.code(), unknown.toString());
        assertTrue(unknown.err().contains("no container found for project \"nothing-here\""), unknown.err());
    }

    @Test
    void unknownServicesAreRefused() {
        FakeCli.Result r = cli.run("stop", "nope");
        assertEquals(2, r.code(), r.toString());
        assertTrue(r.err().contains("no such service: nope"), r.err());
    }

    @Test
    void startFailsWhenTheProjectHasNoContainers() {
        assertOk(cli.run("down"));
        assertEquals(Map.of(), states());
        FakeCli.Result r = cli.run("start");
        assertEquals(1, r.code(), r.toString());
        assertTrue(r.err().contains("has no container to start"), r.err());
    }
}
