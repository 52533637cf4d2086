package dev.jcompose.runtime.api.routes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jcompose.runtime.engine.ContainerEngine;
import dev.jcompose.runtime.engine.ContainerRecord;
import dev.jcompose.runtime.engine.DockerJson;
import dev.jcompose.runtime.engine.MountPoint;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Engine behaviour with real containers: hostile images, volume copy-up, restart policies, auto-remove. */
@Tag("root")
class EngineBehaviourTest {
    private EmbeddedDaemon daemon;
    private ContainerEngine engine;

    @BeforeEach
    void open() throws Exception {
        daemon = new EmbeddedDaemon();
        engine = daemon.engine;
    }

    @AfterEach
    void close() throws Exception {
        if (daemon != null) {
            daemon.close();
        }
    }

    private static ObjectNode body(String json) throws Exception {
        return (ObjectNode) DockerJson.MAPPER.readTree(json.replace('\'', '"'));
    }

    private String run(String name, String json) throws Exception {
        String id = engine.create(name, body(json)).id();
        engine.start(id);
        return id;
    }

    private String output(String id) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        engine.logs().logs(id, new dev.jcompose.runtime.engine.LogReader.Options(true, true, false, null, null, null),
                (stream, time, text) -> out.writeBytes(text));
        return out.toString(StandardCharsets.UTF_8);
    }

    private int exitOf(String id) throws Exception {
        return engine.waitFor(id, "not-running").get(30, TimeUnit.SECONDS);
    }

    @Test
    void anImagesSymlinkedEtcFilesNeverLeadOutOfTheRootfs() throws Exception {
        Path victim = Files.createDirectory(daemon.dir.resolve("victim"));
        EmbeddedDaemon.importImage(daemon.images, "jct/hostile:1", tar -> tar
                .symlink("etc/hosts", victim + "/hosts")
                .symlink("etc/resolv.conf", "../../../../../../../.." + victim + "/resolv.conf")
                .symlink("etc/hostname", victim + "/hostname"), List.of());
        String id = run("jct-hostile", "{'Image':'jct/hostile:1','Cmd':['sh','-c',"
                + "'cat /etc/hosts /etc/resolv.conf /etc/hostname']}");
        assertEquals(0, exitOf(id));
        String out = output(id);
        assertTrue(out.contains("127.0.0.1\tlocalhost"), out);
        assertTrue(out.contains("nameserver"), out);
        assertTrue(out.contains(id.substring(0, 12)), out);
        try (var left = Files.list(victim)) {
            assertEquals(List.of(), left.toList(), "nothing was written outside the rootfs");
        }
    }

    @Test
    void newVolumesGetTheImagesContentOnceAndKeepTheirOwn() throws Exception {
        EmbeddedDaemon.importImage(daemon.images, "jct/seeded:1", tar -> tar.dir("data", 0755)
                .file("data/seed", "from-image\n", 0640).owned(65534, 65534), List.of("VOLUME /data"));
        String anon = run("jct-anon", "{'Image':'jct/seeded:1','Cmd':['sh','-c',"
                + "'cat /data/seed; stat -c %u:%a /data/seed; echo mine > /data/own']}");
        assertEquals(0, exitOf(anon));
        assertEquals("from-image\n65534:640\n", output(anon));
        MountPoint m = engine.get(anon).mounts().get(0);
        assertTrue(m.anonymous(), m.toString());
        assertEquals("/data", m.destination());

        engine.createVolume("jct-named", null, java.util.Map.of(), java.util.Map.of());
        String first = run("jct-named-1", "{'Image':'jct/seeded:1','Cmd':['sh','-c','echo changed > /data/seed'],"
                + "'HostConfig':{'Binds':['jct-named:/data']}}");
        assertEquals(0, exitOf(first));
        String second = run("jct-named-2", "{'Image':'jct/seeded:1','Cmd':['cat','/data/seed'],"
                + "'HostConfig':{'Binds':['jct-named:/data']}}");
        assertEquals(0, exitOf(second));
        assertEquals("changed\n", output(second), "a volume with content is not copied over again");
        engine.remove(anon, false, true);
        assertFalse(engine.volumes().find(m.name()).isPresent(), "rm -v removed the anonymous volume");
        assertTrue(engine.volumes().find("jct-named").isPresent());
    }

    @Test
    void onFailureRestartsUpToItsLimitWithBackoff() throws Exception {
        String id = run("jct-flaky", "{'Image':'busybox','Cmd':['sh','-c','echo run; exit 3'],"
                + "'HostConfig':{'RestartPolicy':{'Name':'on-failure','MaximumRetryCount':2}}}");
        assertTrue(eventually(() -> {
            ContainerRecord r = engine.get(id);
            return r.restartCount() == 2 && r.state().status().equals("exited");
        }), () -> engine.get(id).state() + " restarts " + engine.get(id).restartCount());
        assertEquals(3, engine.get(id).state().exitCode());
        assertEquals("run\nrun\nrun\n", output(id));
    }

    @Test
    void alwaysRestartsUntilStoppedByHand() throws Exception {
        String id = run("jct-always", "{'Image':'busybox','Cmd':['sh','-c','exit 0'],"
                + "'HostConfig':{'RestartPolicy':{'Name':'always'}}}");
        assertTrue(eventually(() -> engine.get(id).restartCount() >= 2));
        engine.stop(id, Duration.ofSeconds(1));
        ContainerRecord stopped = engine.get(id);
        assertEquals("exited", stopped.state().status());
        assertTrue(stopped.manuallyStopped());
        int count = stopped.restartCount();
        Thread.sleep(1500);
        assertEquals(count, engine.get(id).restartCount(), "no restart after a manual stop");
        assertEquals("exited", engine.get(id).state().status());
    }

    @Test
    void autoRemoveRemovesTheContainerAndItsAnonymousVolumes() throws Exception {
        ObjectNode b = body("{'Image':'busybox','Cmd':['true'],'Volumes':{'/scratch':{}},"
                + "'HostConfig':{'AutoRemove':true}}");
        String id = engine.create("jct-auto", b).id();
        var removed = engine.waitFor(id, "removed");
        engine.start(id);
        assertEquals(0, removed.get(30, TimeUnit.SECONDS));
        assertTrue(engine.list().isEmpty());
        assertTrue(engine.volumes().list().isEmpty());
    }

    @Test
    void userWorkdirAndEnvironmentReachTheProcess() throws Exception {
        String id = run("jct-env", "{'Image':'busybox','User':'nobody','WorkingDir':'/made/for/you',"
                + "'Env':['A=1'],'Cmd':['sh','-c','id -u; pwd; echo $A $HOSTNAME; cat /etc/hostname']}");
        assertEquals(0, exitOf(id));
        assertEquals("65534\n/made/for/you\n1 " + id.substring(0, 12) + "\n" + id.substring(0, 12) + "\n", output(id));
        JsonNode config = engine.get(id).config();
        assertEquals(List.of("A=1", "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"),
                DockerJson.strings(config, "Env"));
    }

    private static boolean eventually(java.util.concurrent.Callable<Boolean> check) throws Exception {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (check.call()) {
                return true;
            }
            Thread.sleep(50);
        }
        return check.call();
    }

    private static boolean eventually(java.util.concurrent.Callable<Boolean> check,
            java.util.function.Supplier<String> ignored) throws Exception {
        return eventually(check);
    }
}
