package dev.jcompose.runtime.api.routes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jcompose.runtime.engine.DockerJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The real docker CLI (an oracle nobody here wrote) against the embedded daemon. */
@Tag("root")
class DockerCliTest extends DockerCliOnEmbedded {
    /** Debian's CLI (20.10, API 1.41) and a current one (28.x, negotiating down to 1.41) when both exist. */
    @Test
    void runRemoveEchoPrintsAndExitsZero() throws Exception {
        for (String cli : List.of("/usr/bin/docker", "/usr/local/bin/docker")) {
            if (!Files.isExecutable(Path.of(cli))) {
                continue;
            }
            DockerCli each = new DockerCli(Path.of(cli), daemon.uri());
            DockerCli.Result r = each.run("run", "--rm", "busybox", "echo", "hi");
            assertEquals(0, r.exitCode(), cli + ": " + r);
            assertEquals("hi\n", r.stdout(), cli + ": " + r);
            assertEquals("", each.run("ps", "-aq").stdout(), cli + ": --rm removed it");
        }
    }

    @Test
    void runPassesTheExitCodeAndStderr() throws Exception {
        DockerCli.Result r = docker.run("run", "--name", "jct-fail", "busybox", "sh", "-c", "echo oops >&2; exit 3");
        assertEquals(3, r.exitCode(), r.toString());
        assertEquals("oops\n", r.stderr(), r.toString());
        assertTrue(ok("ps", "-a", "--format", "{{.Names}} {{.Status}}").stdout().startsWith("jct-fail Exited (3)"));
    }

    @Test
    void detachedServerPsLogsExecStopRemove() throws Exception {
        String id = ok("run", "-d", "--name", "jct-web", "-v", "/data", "busybox", "sh", "-c",
                "echo started; exec httpd -f -p 8080").stdout().strip();
        assertEquals(64, id.length(), id);
        String ps = ok("ps", "--format", "{{.ID}} {{.Names}} {{.Status}} {{.Command}}").stdout();
        assertTrue(ps.startsWith(id.substring(0, 12) + " jct-web Up "), ps);
        assertTrue(eventually(() -> docker.run("logs", "jct-web").stdout().equals("started\n")));
        assertEquals("x\n", ok("exec", "jct-web", "echo", "x").stdout());
        assertEquals(5, docker.run("exec", "jct-web", "sh", "-c", "exit 5").exitCode());

        JsonNode inspect = DockerJson.MAPPER.readTree(ok("inspect", "jct-web").stdout()).get(0);
        assertEquals("/jct-web", inspect.path("Name").asText());
        assertTrue(inspect.path("State").path("Running").asBoolean());
        assertEquals("httpd", ok("exec", "jct-web", "cat", "/proc/1/comm").stdout().strip(), "exec'd as PID 1");
        String volume = inspect.path("Mounts").get(0).path("Name").asText();
        assertEquals(volume + "\n", ok("volume", "ls", "-q").stdout());

        // busybox httpd as PID 1 has no SIGTERM handler: the signal-aware stop kills at once, not after 10 s
        DockerCli.Result stop = ok("stop", "jct-web");
        assertTrue(stop.millis() < 3000, "stop took " + stop.millis() + " ms");
        JsonNode stopped = DockerJson.MAPPER.readTree(ok("inspect", "jct-web").stdout()).get(0);
        assertEquals("exited", stopped.path("State").path("Status").asText());
        assertEquals(137, stopped.path("State").path("ExitCode").asInt());

        ok("rm", "-v", "jct-web");
        assertEquals("", ok("ps", "-aq").stdout());
        assertEquals("", ok("volume", "ls", "-q").stdout(), "rm -v removed the anonymous volume");
    }

    @Test
    void restartedContainersKeepTheirEarlierLogs() throws Exception {
        ok("run", "--name", "jct-twice", "busybox", "echo", "one");
        ok("start", "-a", "jct-twice");
        assertEquals("one\none\n", ok("logs", "jct-twice").stdout());
        assertEquals("one\n", ok("logs", "--tail", "1", "jct-twice").stdout());
    }

    @Test
    void volumesCreateListInspectRemove() throws Exception {
        ok("volume", "create", "--label", "a=b", "jct-vol");
        assertEquals("jct-vol\n", ok("volume", "ls", "-q", "--filter", "label=a=b").stdout());
        JsonNode v = DockerJson.MAPPER.readTree(ok("volume", "inspect", "jct-vol").stdout()).get(0);
        assertEquals("local", v.path("Driver").asText());
        assertEquals("b", v.path("Labels").path("a").asText());
        assertTrue(Files.isDirectory(Path.of(v.path("Mountpoint").asText())));
        ok("run", "--name", "jct-user", "-v", "jct-vol:/data", "busybox", "sh", "-c", "echo kept > /data/f");
        DockerCli.Result busy = docker.run("volume", "rm", "jct-vol");
        assertFalse(busy.exitCode() == 0, busy.toString());
        assertTrue(busy.stderr().contains("volume is in use"), busy.stderr());
        assertEquals("kept\n", ok("run", "--rm", "-v", "jct-vol:/data", "busybox", "cat", "/data/f").stdout());
        ok("rm", "jct-user");
        ok("volume", "rm", "jct-vol");
        assertEquals("", ok("volume", "ls", "-q").stdout());
    }

    private static boolean eventually(java.util.concurrent.Callable<Boolean> check) throws Exception {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (check.call()) {
                return true;
            }
            Thread.sleep(50);
        }
        return check.call();
    }
}
