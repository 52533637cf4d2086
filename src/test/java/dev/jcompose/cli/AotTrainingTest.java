package dev.jcompose.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.jcompose.engine.ContainerSummary;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The AOT training's --fake lines converge on the in-memory engine only, and leave the CLI as they found it. */
class AotTrainingTest {
    @TempDir
    Path dir;

    @Test
    void fakeLinesRunUpAndDownOnTheInMemoryEngine() throws Exception {
        Path file = dir.resolve("compose.yaml");
        Files.writeString(file, "services:\n  web:\n    image: jct-aot/busybox:latest\n    ports: [\"127.0.0.1:1:80\"]\n"
                + "  worker:\n    image: jct-aot/busybox:latest\n    depends_on: [web]\n");
        String f = file.toString();
        PrintStream out = System.out;
        PrintStream err = System.err;
        String project = "jct-aot-training";
        String filter = "com.docker.compose.project=" + project;

        AotTraining.main(new String[] {"--fake", "--fake-image", "jct-aot/busybox:latest", "-f", f, "-p", project,
                "up", "-d", "--next", "--fake", "-f", f, "-p", project, "up", "-d"});
        List<ContainerSummary> up = AotTraining.FAKE.listContainers(List.of(filter), true);
        assertEquals(2, up.size(), "up -d ran against the fake engine");
        assertEquals(List.of("jct-aot-training-web-1", "jct-aot-training-worker-1"),
                up.stream().map(ContainerSummary::name).sorted().toList());

        AotTraining.main(new String[] {"--fake", "-f", f, "-p", project, "down"});
        assertEquals(0, AotTraining.FAKE.listContainers(List.of(filter), true).size(), "down removed them");
        assertSame(out, System.out);
        assertSame(err, System.err);
        assertNull(ProjectCommand.TEST_ENGINE.get(), "the fake engine is not left in place for later commands");
    }
}
