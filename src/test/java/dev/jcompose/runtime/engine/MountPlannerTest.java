package dev.jcompose.runtime.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jcompose.runtime.RuntimeError;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Binds, Mounts, VolumesFrom and image VOLUMEs → mount points, with Docker's precedence and errors. */
class MountPlannerTest {
    @TempDir
    Path root;
    private VolumeStore volumes;
    private ContainerStore containers;

    @BeforeEach
    void stores() {
        volumes = new VolumeStore(root, Clock.systemUTC());
        containers = new ContainerStore(root);
    }

    private List<MountPoint> plan(String host, String config) throws Exception {
        return new MountPlanner(volumes, containers).plan(json(host), json(config));
    }

    private static ObjectNode json(String text) throws Exception {
        return (ObjectNode) DockerJson.MAPPER.readTree(text.replace('\'', '"'));
    }

    @Test
    void bindSpecsGiveBindsNamedAndAnonymousVolumes() throws Exception {
        List<MountPoint> m = plan("{'Binds':['/srv/x:/x:ro','/srv/y/../z:/z','named:/data','/anon']}", "{}");
        assertEquals(new MountPoint("bind", "", "/srv/x", "/x", "ro", false, "rprivate", false, false, List.of(), true),
                m.get(0));
        assertEquals("/srv/z", m.get(1).source());
        assertTrue(m.get(1).rw());
        assertEquals("volume", m.get(2).type());
        assertEquals("named", m.get(2).name());
        assertEquals(volumes.dataDir("named").toString(), m.get(2).source());
        assertTrue(m.get(2).copyData());
        assertFalse(m.get(2).anonymous());
        assertTrue(m.get(3).anonymous());
        assertEquals(64, m.get(3).name().length());
        assertEquals(2, volumes.list().size(), "the named volume was created, and the anonymous one");
    }

    @ParameterizedTest
    @ValueSource(strings = {"relative:dest", "/a:/b:bogus", "/a:/", "a:b:c:d", ":/x"})
    void badBindSpecsAre400(String spec) {
        RuntimeError e = assertThrows(RuntimeError.class, () -> plan("{'Binds':['" + spec + "']}", "{}"));
        assertEquals(400, e.status(), e.getMessage());
    }

    @Test
    void aDestinationTwiceIsRefused() {
        RuntimeError e = assertThrows(RuntimeError.class, () -> plan("{'Binds':['/a:/x','/b:/x']}", "{}"));
        assertEquals("Duplicate mount point: /x", e.getMessage());
    }

    @Test
    void mountsApiChecksBindSourcesAndParsesTmpfsAndVolumes() throws Exception {
        RuntimeError missing = assertThrows(RuntimeError.class, () -> plan(
                "{'Mounts':[{'Type':'bind','Source':'/no/such/dir','Target':'/x'}]}", "{}"));
        assertTrue(missing.getMessage().contains("bind source path does not exist: /no/such/dir"), missing.getMessage());
        List<MountPoint> m = plan("{'Mounts':[{'Type':'tmpfs','Target':'/t','TmpfsOptions':{'SizeBytes':1048576,"
                + "'Mode':448}},{'Type':'volume','Source':'v1','Target':'/v','ReadOnly':true,"
                + "'VolumeOptions':{'NoCopy':true}},{'Type':'bind','Source':'" + root + "','Target':'/b'}]}", "{}");
        assertEquals(List.of("size=1048576", "mode=700"), m.get(0).tmpfsOptions());
        assertEquals("v1", m.get(1).name());
        assertFalse(m.get(1).rw());
        assertFalse(m.get(1).copyData());
        assertEquals(root.toString(), m.get(2).source());
    }

    @Test
    void imageVolumesFillOnlyUncoveredDestinations() throws Exception {
        List<MountPoint> m = plan("{'Binds':['/h:/data'],'Tmpfs':{'/cache':''}}",
                "{'Volumes':{'/data':{},'/cache':{},'/logs':{}}}");
        assertEquals(List.of("/data", "/logs"), m.stream().map(MountPoint::destination).toList());
        assertEquals("bind", m.get(0).type());
        assertTrue(m.get(1).anonymous());
    }

    @Test
    void aFailedPlanReportsTheAnonymousVolumesItMade() throws Exception {
        MountPlanner planner = new MountPlanner(volumes, containers);
        assertThrows(RuntimeError.class, () -> planner.plan(json("{'Binds':['/a','/a']}"), json("{}")));
        assertEquals(2, planner.createdAnonymous().size(), "both made before the clash was seen");
        assertEquals(2, volumes.list().size());
    }
}
