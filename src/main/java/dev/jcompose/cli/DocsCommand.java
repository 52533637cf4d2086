package dev.jcompose.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** Hidden `jcompose docs [--output FILE]`: writes the generated command reference (docs/commands.md). */
@Command(name = "docs", hidden = true, description = "Generate the command reference in Markdown")
final class DocsCommand implements Callable<Integer> {
    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write to FILE instead of stdout")
    Path output;

    @ParentCommand
    JComposeCommand root;

    @Spec
    CommandSpec spec;

    @Mixin
    HelpOption help = new HelpOption();

    @Override
    public Integer call() {
        String md = CommandDocs.markdown(JComposeCommand.root(spec.commandLine()));
        if (output == null) {
            spec.commandLine().getOut().print(md);
            spec.commandLine().getOut().flush();
            return ExitCodes.OK;
        }
        try {
            Path target = root.global().cwd.resolve(output);
            Files.writeString(target, md);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return ExitCodes.OK;
    }
}
