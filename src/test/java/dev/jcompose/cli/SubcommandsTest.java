package dev.jcompose.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Only the subcommands a command line names are built; the rest of the tree appears when it is needed. */
class SubcommandsTest {
    @Test
    void everyNameIsTheCommandsOwnName() {
        Subcommands.ALL.forEach((name, type) ->
                assertEquals(name, type.getAnnotation(CommandLine.Command.class).name(), type.getName()));
        assertEquals(Subcommands.ALL.keySet(), Main.newCommandLine().getSubcommands().keySet());
    }

    @Test
    void aNamedSubcommandIsBuiltAlone() {
        assertEquals(Set.of("up"), Main.newCommandLine(new String[] {"-f", "x.yaml", "up", "-d"})
                .getSubcommands().keySet());
        assertEquals(Set.of("logs", "up"), Main.newCommandLine(new String[] {"logs", "up"}).getSubcommands().keySet(),
                "a token that is a subcommand name is never missed (here a service called up)");
    }

    @Test
    void versionAloneNeedsNoSubcommand() {
        assertEquals(0, Main.newCommandLine(new String[] {"--version"}).getSubcommands().size());
        assertEquals(Subcommands.ALL.size(), Main.newCommandLine(new String[] {"--version", "--help"})
                .getSubcommands().size());
    }

    @Test
    void withoutOneOrForTheWholeTreeEverySubcommandIsThere() {
        for (String[] args : List.of(new String[] {"--help"}, new String[] {"upp"}, new String[] {"completion", "bash"},
                new String[] {"docs"}, new String[0])) {
            assertEquals(Subcommands.ALL.size(), Main.newCommandLine(args).getSubcommands().size(), String.join(" ",
                    args));
        }
    }

    @Test
    void aTypoStillGetsASuggestion() {
        CommandLine cli = Main.newCommandLine(new String[] {"upp"});
        StringWriter err = new StringWriter();
        cli.setErr(new PrintWriter(err));
        cli.execute("upp");
        assertTrue(err.toString().contains("up"), err.toString());
    }

    @Test
    void modelTransformersApplyToSubcommandsBuiltAloneOrAll() {
        for (String[] args : List.of(new String[] {"exec"}, new String[0])) {
            CommandLine cli = Main.newCommandLine(args);
            assertTrue(cli.getSubcommands().get("exec").getCommandSpec().parser().stopAtPositional(), "exec: `sh -c`"
                    + " after the service belongs to the command");
        }
    }
}
