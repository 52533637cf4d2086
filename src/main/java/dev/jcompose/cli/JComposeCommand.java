package dev.jcompose.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** `jcompose`: the root command; global options live here and subcommands reach them through their parent. */
@Command(name = "jcompose", mixinStandardHelpOptions = true, versionProvider = VersionCommand.Provider.class,
        description = "Define and run multi-container applications (Compose Specification)",
        subcommands = {
            AttachCommand.class,
            BuildCommand.class,
            CompletionCommand.class,
            ConfigCommand.class,
            CpCommand.class,
            CreateCommand.class,
            DocsCommand.class,
            DownCommand.class,
            EngineCommand.class,
            EventsCommand.class,
            ExecCommand.class,
            ImagesCommand.class,
            KillCommand.class,
            LogsCommand.class,
            LsCommand.class,
            PauseCommand.class,
            PlanCommand.class,
            PortCommand.class,
            PsCommand.class,
            PullCommand.class,
            PushCommand.class,
            RestartCommand.class,
            RmCommand.class,
            RunCommand.class,
            ScaleCommand.class,
            StartCommand.class,
            StopCommand.class,
            TopCommand.class,
            UnpauseCommand.class,
            UpCommand.class,
            VersionCommand.class,
            WaitCommand.class,
        })
public final class JComposeCommand implements Callable<Integer> {
    @Mixin
    GlobalOptions global = new GlobalOptions();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return ExitCodes.OK;
    }

    public GlobalOptions global() {
        return global;
    }

    static CommandLine root(CommandLine cl) {
        CommandLine c = cl;
        while (c.getParent() != null) {
            c = c.getParent();
        }
        return c;
    }
}
