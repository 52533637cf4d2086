package dev.jcompose.runtime.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jcompose.runtime.RuntimeError;
import dev.jcompose.runtime.oci.ContainerConfig;
import dev.jcompose.runtime.oci.DeviceNode;
import dev.jcompose.runtime.oci.MountSpec;
import dev.jcompose.runtime.oci.NamespaceMode;
import dev.jcompose.runtime.oci.Rlimit;
import dev.jcompose.runtime.oci.SecurityOptions;
import dev.jcompose.runtime.oci.UserSpec;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Config + HostConfig → the OCI generator's input: command, env, limits, security, namespaces, mounts. */
class OciTranslatorTest {
    private static ObjectNode json(String text) throws Exception {
        return (ObjectNode) DockerJson.MAPPER.readTree(text.replace('\'', '"'));
    }

    private static ContainerConfig translate(String config, String host, List<MountPoint> mounts) throws Exception {
        ContainerRecord r = new ContainerRecord("a".repeat(64), "x", "2024-01-01T00:00:00Z", "sha256:" + "0".repeat(64),
                "/bin/sh", List.of("-c", "true"), json(config), json(host), null, mounts, StateRecord.created(), 0,
                false);
        return OciTranslator.translate(r, Path.of("/rootfs"), Path.of("/state/x"), UserSpec.ROOT,
                NamespaceMode.PRIVATE, ref -> 4242);
    }

    @Test
    void commandEnvAndTerminal() throws Exception {
        ContainerConfig c = translate("{'Env':['A=1','bad'],'Tty':true,'WorkingDir':'/w','Hostname':'h'}", "{}",
                List.of());
        assertEquals(List.of("/bin/sh", "-c", "true"), c.args());
        assertEquals(List.of("A=1", "TERM=xterm"), c.env());
        assertEquals("/w", c.cwd());
        assertEquals("h", c.hostname());
    }

    @Test
    void limitsSecurityAndNamespaces() throws Exception {
        ContainerConfig c = translate("{}", "{'Memory':67108864,'NanoCpus':500000000,'CpuShares':512,'PidsLimit':-1,"
                + "'ShmSize':1048576,'Ulimits':[{'Name':'nofile','Soft':1024,'Hard':2048}],'CapAdd':['NET_ADMIN'],"
                + "'CapDrop':['MKNOD'],'SecurityOpt':['no-new-privileges:true','seccomp=unconfined','label=disable'],"
                + "'ReadonlyRootfs':true,'Sysctls':{'net.core.somaxconn':'1024'},'PidMode':'host',"
                + "'IpcMode':'container:other','Init':true,'Devices':[{'PathOnHost':'/dev/null',"
                + "'PathInContainer':'/dev/mynull','CgroupPermissions':'rw'}]}", List.of());
        assertEquals(67108864L, c.resources().memoryBytes());
        assertEquals(500000000L, c.resources().nanoCpus());
        assertEquals(512L, c.resources().cpuShares());
        assertEquals(null, c.resources().pidsLimit(), "-1 is unlimited");
        assertEquals(1048576L, c.shmSizeBytes());
        assertEquals(List.of(new Rlimit("RLIMIT_NOFILE", 1024, 2048)), c.rlimits());
        assertEquals(new SecurityOptions(false, java.util.Set.of("NET_ADMIN"), java.util.Set.of("MKNOD"), true,
                SecurityOptions.Seccomp.UNCONFINED), c.security());
        assertTrue(c.readonlyRootfs());
        assertEquals("1024", c.sysctls().get("net.core.somaxconn"));
        assertEquals(NamespaceMode.HOST, c.namespaces().pid());
        assertEquals(NamespaceMode.join(Path.of("/proc/4242/ns/ipc")), c.namespaces().ipc());
        assertTrue(c.init());
        assertEquals(new DeviceNode("/dev/mynull", "c", 1, 3, 0666, 0, 0, "rw"), c.resources().devices().get(0));
    }

    @Test
    void engineFilesBindsVolumesAndTmpfs() throws Exception {
        List<MountPoint> mounts = List.of(
                new MountPoint("bind", "", "/host/hosts", "/etc/hosts", "ro", false, "rprivate", false, false,
                        List.of(), true),
                new MountPoint("volume", "v", "/vols/v/_data", "/data", "z", true, "", false, true, List.of(), true),
                new MountPoint("tmpfs", "", "", "/t", "", true, "", false, false, List.of("size=1024"), false));
        ContainerConfig c = translate("{}", "{'Tmpfs':{'/run':'rw,noexec,size=64k,mode=1777'}}", mounts);
        List<String> destinations = c.mounts().stream().map(MountSpec::destination).toList();
        assertEquals(List.of("/etc/resolv.conf", "/etc/hostname", "/etc/hosts", "/data", "/t", "/run"), destinations);
        assertEquals(MountSpec.Bind.engineFile(Path.of("/state/x/resolv.conf"), "/etc/resolv.conf"), c.mounts().get(0));
        assertEquals(new MountSpec.Bind(Path.of("/host/hosts"), "/etc/hosts", true, MountSpec.Propagation.RPRIVATE,
                true, false), c.mounts().get(2), "the user's /etc/hosts replaces ours");
        assertEquals(new MountSpec.Tmpfs("/run", 65536L, 01777, false, List.of("noexec")), c.mounts().get(5));
    }

    @Test
    void badValuesAre400() {
        assertEquals(400, assertThrows(RuntimeError.class, () -> translate("{}",
                "{'Ulimits':[{'Name':'bogus','Soft':1,'Hard':1}]}", List.of())).status());
        assertEquals(400, assertThrows(RuntimeError.class, () -> translate("{}",
                "{'Devices':[{'PathOnHost':'/etc/passwd'}]}", List.of())).status());
        assertEquals(400, assertThrows(RuntimeError.class, () -> translate("{}",
                "{'NanoCpus':1000,'CpuQuota':5000}", List.of())).status());
        assertEquals(4L * 1024 * 1024 * 1024, OciTranslator.bytes("4g"));
    }
}
