package dev.jcompose.cli;

import dev.jcompose.error.ComposeException;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** `jcompose push`: accepted with compose's flags, not implemented yet (the Engine SPI has no push). */
@Command(name = "push", description = "Push service images")
final class PushCommand extends ServiceCommand {
    @Option(names = "--ignore-push-failures", description = "Push what it can and ignores images with push failures")
    boolean ignorePushFailures;
    @Option(names = "--include-deps", description = "Also push images of services declared as dependencies")
    boolean includeDeps;
    @Option(names = {"-q", "--quiet"}, description = "Push without printing progress information")
    boolean quiet;
    @Parameters(paramLabel = "SERVICE", description = "Services to push (default: all)")
    List<String> services = new ArrayList<>();

    @Override
    public Integer call() {
        throw new ComposeException(ComposeException.Kind.ENGINE, "push is not supported yet");
    }
}
