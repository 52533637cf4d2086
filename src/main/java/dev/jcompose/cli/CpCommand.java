package dev.jcompose.cli;

import dev.jcompose.app.CopyRequest;
import dev.jcompose.app.CopyService;
import dev.jcompose.app.EngineSelector;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** `jcompose cp`: files and folders between a service's containers and the host, through tar archives. */
@Command(name = "cp", description = "Copy files/folders between a service container and the local filesystem",
        customSynopsis = {"jcompose cp [OPTIONS] SERVICE:SRC_PATH DEST_PATH|-",
            "       jcompose cp [OPTIONS] SRC_PATH|- SERVICE:DEST_PATH"})
final class CpCommand extends ServiceCommand {
    @Option(names = "--index", paramLabel = "N", description = "Index of the container if service has multiple replicas")
    int index;
    @Option(names = "--all", description = "Include containers created by the run command")
    boolean all;
    @Option(names = {"-L", "--follow-link"}, description = "Always follow symbol link in SRC_PATH")
    boolean followLink;
    @Option(names = {"-a", "--archive"}, description = "Archive mode (copy all uid/gid information)")
    boolean archive;
    @Parameters(index = "0", paramLabel = "SRC", description = "SERVICE:SRC_PATH, a local path, or - (a tar on stdin)")
    String source;
    @Parameters(index = "1", paramLabel = "DEST", description = "SERVICE:DEST_PATH, a local path, or - (a tar on stdout)")
    String destination;

    @Override
    public Integer call() {
        String project = projectName();
        try (EngineSelector.Selected engine = openEngine(); ProgressRenderer progress = progress("Copying")) {
            new CopyService(engine.engine(), project, progress, global().cwd, stdin(), stdoutBytes())
                    .copy(new CopyRequest(source, destination, index, all, followLink, archive));
        }
        return ExitCodes.OK;
    }
}
