package dev.jcompose.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jcompose.engine.ContainerSpec.MountSpec;
import dev.jcompose.engine.ContainerSpec.PortBinding;
import dev.jcompose.error.ComposeException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The value syntaxes of run's -p, -v and -e flags. */
class RunFlagsTest {
    @ParameterizedTest(name = "-p {0}")
    @CsvSource(delimiter = '|', textBlock = """
            80                 | ''        | ''        | 80 | tcp
            8080:80            | ''        | 8080      | 80 | tcp
            127.0.0.1:8080:80  | 127.0.0.1 | 8080      | 80 | tcp
            127.0.0.1::80/udp  | 127.0.0.1 | ''        | 80 | udp
            [::1]:9000:90      | ::1       | 9000      | 90 | tcp
            8000-8010:80       | ''        | 8000-8010 | 80 | tcp
            """)
    void singlePorts(String flag, String ip, String host, int container, String protocol) {
        assertEquals(List.of(new PortBinding(ip, host, container, protocol)), PortFlag.parse(flag));
    }

    @Test
    void rangesPairUp() {
        assertEquals(List.of(new PortBinding("", "9000", 90, "tcp"), new PortBinding("", "9001", 91, "tcp")),
                PortFlag.parse("9000-9001:90-91"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "80:abc", "1-2:3-5", "80/icmp", "70000"})
    void badPortsAreRejected(String flag) {
        ComposeException e = assertThrows(ComposeException.class, () -> PortFlag.parse(flag));
        assertEquals(ComposeException.Kind.USAGE, e.kind());
    }

    @Test
    void volumes(@TempDir Path dir) {
        var project = new FakeProject(dir, """
                services:
                  web: {image: busybox:latest}
                volumes:
                  data: {name: real-data}
                """).project;
        assertEquals(MountSpec.volume(null, "/anon", false), OneOffSpec.volume(project, "/anon"));
        assertEquals(MountSpec.bind(dir.resolve("src").toString(), "/src", true),
                OneOffSpec.volume(project, "./src:/src:ro"));
        assertEquals(MountSpec.bind("/abs", "/in", false), OneOffSpec.volume(project, "/abs:/in"));
        MountSpec named = OneOffSpec.volume(project, "data:/data:ro,nocopy");
        assertEquals("real-data", named.source(), "a project volume key maps to its name");
        assertEquals(true, named.readOnly());
        assertEquals(true, named.volumeNoCopy());
        assertEquals("other", OneOffSpec.volume(project, "other:/o").source());
        assertThrows(ComposeException.class, () -> OneOffSpec.volume(project, "a:b:c:d"));
        assertThrows(ComposeException.class, () -> OneOffSpec.volume(project, "src:"));
    }

    @Test
    void environmentFlags() {
        Map<String, String> resolved = EnvOverrides.resolve(List.of("A=1", "B", "C", "A=2"), Map.of("B", "from-env"));
        assertEquals(List.of("A=2", "B=from-env", "C"), EnvOverrides.toEngine(resolved));
        assertEquals(List.of("X=keep", "A=2", "B=from-env"), EnvOverrides.merge(List.of("X=keep", "A=0"), resolved),
                "overrides replace in place, unresolved ones are dropped");
    }
}
