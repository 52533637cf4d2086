package dev.jcompose.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** `jcompose version [-f json] [--short]`. */
@Command(name = "version", description = "Show the jcompose version information")
public final class VersionCommand implements Callable<Integer> {
    @Option(names = {"-f", "--format"}, description = "Format the output: pretty or json")
    String format = "pretty";

    @Option(names = "--short", description = "Shows only the version number")
    boolean shortForm;

    @Spec
    CommandSpec spec;

    static String version() {
        String v = VersionCommand.class.getPackage().getImplementationVersion();
        return v == null ? "0.1.0-dev" : v;
    }

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        if (shortForm) {
            out.println(version());
        } else if ("json".equalsIgnoreCase(format)) {
            out.println("{\"version\":\"" + version() + "\"}");
        } else {
            out.println("jcompose version " + version());
        }
        return ExitCodes.OK;
    }

    /** For `jcompose --version`. */
    public static final class Provider implements IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"jcompose version " + version()};
        }
    }
}
