package dev.jcompose.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * docs/commands.md is generated from the picocli model; this fails when the committed file has drifted from
 * the commands. Regenerate with `jcompose docs --output docs/commands.md`, or without a built launcher:
 * `mvn -o -q test -Dtest=CommandDocsTest -Djcompose.docs.write=true`.
 */
class CommandDocsTest {
    static final Path DOCS = Path.of("docs/commands.md");

    @Test
    void committedReferenceIsUpToDate() throws IOException {
        String generated = CommandDocs.markdown(Main.newCommandLine());
        if (Boolean.getBoolean("jcompose.docs.write")) {
            Files.writeString(DOCS, generated);
        }
        String committed = Files.exists(DOCS) ? Files.readString(DOCS) : "<missing>";
        assertEquals(committed, generated, "docs/commands.md is out of date with the commands: regenerate it with `"
                + CommandDocs.REGENERATE + "` (or `mvn -o -q test -Dtest=CommandDocsTest -Djcompose.docs.write=true`)"
                + " and commit it");
    }

    @Test
    void everyVisibleCommandHasASectionWithItsOptions() {
        CommandLine root = Main.newCommandLine();
        String md = CommandDocs.markdown(root);
        root.getSubcommands().forEach((name, sub) -> {
            boolean hidden = sub.getCommandSpec().usageMessage().hidden();
            assertEquals(!hidden, md.contains("\n## jcompose " + name + "\n"), name);
        });
        assertTrue(md.contains("| `-P, --service-ports` | Run command with all service's ports enabled and mapped to"
                + " the host |"), "options table");
        assertTrue(md.contains("| `--pull POLICY` | Pull image before running (\"always\"\\|\"missing\"\\|\"never\")"
                + " (default: `policy`) |"), "pipes escaped, defaults shown");
        assertFalse(md.contains("--tty"), "hidden options stay out");
    }

    @Test
    void docsCommandWritesTheSameText(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        CliRun r = CliRun.run(dir, java.util.Map.of(), "docs", "--output", "out.md");
        assertEquals(0, r.code(), r.err());
        assertEquals(CommandDocs.markdown(Main.newCommandLine()), Files.readString(dir.resolve("out.md")));
    }
}
