package dev.jcompose.runtime.api.routes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The /networks routes through the docker CLI: create options, duplicates, filters, inspect shape, prune. */
@Tag("root")
class NetworkApiTest extends DockerCliOnEmbedded {
    private String out(String... args) throws Exception {
        return ok(args).stdout();
    }

    private List<String> names(String... filters) throws Exception {
        String[] args = new String[3 + filters.length * 2];
        args[0] = "network";
        args[1] = "ls";
        args[2] = "--format={{.Name}}";
        for (int i = 0; i < filters.length; i++) {
            args[3 + 2 * i] = "--filter";
            args[4 + 2 * i] = filters[i];
        }
        return Arrays.stream(out(args).split("\n")).filter(s -> !s.isBlank()).sorted().toList();
    }

    @Test
    void createListInspectPruneInDockerShapes() throws Exception {
        assertEquals(List.of("bridge", "host", "none"), names());
        long since = System.currentTimeMillis() / 1000 - 1;
        String id = out("network", "create", "--subnet", "10.214.77.0/24", "--gateway", "10.214.77.254", "--label",
                "tier=back", "--internal", "--attachable", "jct-sub").strip();
        out("network", "create", "--label", "tier=front", "jct-front");
        DockerCli.Result dup = docker.run("network", "create", "jct-sub");
        assertNotEquals(0, dup.exitCode());
        assertTrue(dup.stderr().contains("network with name jct-sub already exists"), dup.toString());

        assertEquals("jct-sub 10.214.77.0/24 10.214.77.254 true true bridge local back " + id + "\n",
                out("network", "inspect", "-f", "{{.Name}} {{(index .IPAM.Config 0).Subnet}} "
                        + "{{(index .IPAM.Config 0).Gateway}} {{.Internal}} {{.Attachable}} {{.Driver}} {{.Scope}} "
                        + "{{.Labels.tier}} {{.Id}}", id.substring(0, 12)));
        assertEquals(List.of("jct-sub"), names("label=tier=back"));
        assertEquals(List.of("jct-front", "jct-sub"), names("type=custom"));
        assertEquals(List.of("bridge", "host", "none"), names("type=builtin"));
        assertEquals(List.of("jct-front"), names("name=front"));
        assertEquals(List.of("jct-sub"), names("id=" + id.substring(0, 10)));
        assertEquals(List.of("bridge", "jct-front", "jct-sub"), names("driver=bridge"));

        String c = out("run", "-d", "--network", "jct-sub", "--ip", "10.214.77.9", "busybox", "sleep", "600").strip();
        assertEquals("10.214.77.9/24\n", out("network", "inspect", "-f",
                "{{range .Containers}}{{.IPv4Address}}{{end}}", "jct-sub"));
        assertEquals("02:42:0a:d6:4d:09\n", out("inspect", "-f",
                "{{(index .NetworkSettings.Networks \"jct-sub\").MacAddress}}", c), "MAC from the IP");
        DockerCli.Result builtin = docker.run("network", "rm", "bridge");
        assertNotEquals(0, builtin.exitCode());
        assertTrue(builtin.stderr().contains("bridge is a pre-defined network and cannot be removed"), builtin.toString());

        String idle = out("create", "busybox").strip();
        out("network", "connect", "jct-sub", idle);
        out("network", "disconnect", "jct-sub", idle);
        out("rm", idle);
        out("network", "prune", "-f");
        assertEquals(List.of("bridge", "host", "jct-sub", "none"), names(), "the used network survives prune");
        out("rm", "-f", c);
        out("network", "rm", "jct-sub");
        assertEquals(List.of("bridge", "host", "none"), names());

        String events = out("events", "--since", Long.toString(since), "--until", Long.toString(System.currentTimeMillis() / 1000 + 1),
                "--filter", "type=network", "--filter", "network=jct-sub", "--format",
                "{{.Action}} {{.Actor.Attributes.name}} {{.Actor.Attributes.container}}");
        assertEquals("create jct-sub <no value>\nconnect jct-sub " + idle + "\ndisconnect jct-sub " + idle
                + "\ndestroy jct-sub <no value>\n", events);
    }
}
