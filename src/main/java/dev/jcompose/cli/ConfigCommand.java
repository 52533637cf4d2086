package dev.jcompose.cli;

import dev.jcompose.error.ComposeException;
import dev.jcompose.load.LoadOptions;
import dev.jcompose.load.ProjectLoader;
import dev.jcompose.model.Project;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** `jcompose config`: the resolved, canonical model, or one of its facets (services, volumes, hashes...). */
@Command(name = "config", description = "Parse, resolve and render compose file in canonical format")
public final class ConfigCommand implements Callable<Integer> {
    @ParentCommand
    JComposeCommand root;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "SERVICE", description = "Services to render (with their dependencies)")
    List<String> services = new ArrayList<>();

    @Option(names = "--format", paramLabel = "FORMAT", description = "Format the output: yaml or json")
    String format = "yaml";

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Save to file (default: stdout)")
    Path output;

    @Option(names = {"-q", "--quiet"}, description = "Only validate the configuration, don't print anything")
    boolean quiet;

    @Option(names = "--services", description = "Print the service names, one per line")
    boolean listServices;

    @Option(names = "--volumes", description = "Print the volume names, one per line")
    boolean listVolumes;

    @Option(names = "--networks", description = "Print the network names, one per line")
    boolean listNetworks;

    @Option(names = "--images", description = "Print the image names, one per line")
    boolean listImages;

    @Option(names = "--profiles", description = "Print the profile names, one per line")
    boolean listProfiles;

    @Option(names = "--hash", paramLabel = "SERVICES", description = "Print the service config hash, one per line"
            + " ('*' for all, or a comma-separated list)")
    String hash;

    @Option(names = "--variables", description = "Print model variables and default values")
    boolean variables;

    @Option(names = "--environment", description = "Print the environment used for interpolation")
    boolean environment;

    @Option(names = "--show-secrets", description = "With --environment: print values of keys that look secret"
            + " (PASSWORD, SECRET, TOKEN, KEY...) instead of masking them")
    boolean showSecrets;

    @Option(names = "--no-interpolate", description = "Don't interpolate environment variables")
    boolean noInterpolate;

    @Option(names = "--no-normalize", description = "Don't normalize compose model")
    boolean noNormalize;

    @Option(names = "--no-path-resolution", description = "Don't resolve file paths")
    boolean noPathResolution;

    @Option(names = "--no-consistency", description = "Don't check model consistency (may produce invalid output)")
    boolean noConsistency;

    @Option(names = "--resolve-image-digests", description = "Pin image tags to digests (not supported yet)")
    boolean resolveImageDigests;

    @Override
    public Integer call() throws IOException {
        if (resolveImageDigests) {
            throw ComposeException.usage("config --resolve-image-digests is not supported yet");
        }
        if (!format.equals("yaml") && !format.equals("json")) {
            throw ComposeException.usage("unsupported format \"" + format + "\"");
        }
        if (variables) {
            ProjectLoader.Loaded raw = ProjectLoader.load(root.global().loadOptions()
                    .withSwitches(false, false, false, false).withServices(services));
            write(ConfigView.variables(raw.canonical()));
            return ExitCodes.OK;
        }
        LoadOptions options = root.global().loadOptions()
                .withSwitches(!noInterpolate, !noNormalize, !noPathResolution, !noConsistency)
                .withServices(services);
        ProjectLoader.Loaded loaded = ProjectLoader.load(options);
        PrintWriter err = spec.commandLine().getErr();
        loaded.warnings().forEach(w -> err.println("WARN " + w));
        err.flush();
        write(render(loaded));
        return ExitCodes.OK;
    }

    /** The text to print for the chosen facet. */
    String render(ProjectLoader.Loaded loaded) {
        Set<String> selected = ConfigView.select(loaded.canonical(), services);
        if (listServices) {
            return lines(ConfigView.dependencyOrder(loaded.canonical(), selected));
        }
        if (listVolumes) {
            return lines(ConfigView.keys(loaded.canonical(), "volumes"));
        }
        if (listNetworks) {
            return lines(ConfigView.keys(loaded.canonical(), "networks"));
        }
        if (hash != null) {
            return lines(ConfigView.hashes(requireProject(loaded, "--hash"), hash));
        }
        if (listProfiles) {
            return lines(ConfigView.profiles(loaded.canonical(), loaded.project()));
        }
        if (listImages) {
            return lines(ConfigView.images(projectName(loaded), loaded.canonical(), selected));
        }
        if (environment) {
            return lines(ConfigView.environment(loaded.sources().environment(), showSecrets));
        }
        Object tree = ConfigView.printable(loaded.canonical(), selected);
        String text = format.equals("json") ? TreePrinter.json(tree) : TreePrinter.yaml(tree);
        // Interpolated values may hold a literal '$'; doubled, the output loads back to the same values.
        return noInterpolate ? text : text.replace("$", "$$");
    }

    private static Project requireProject(ProjectLoader.Loaded loaded, String flag) {
        if (loaded.project() == null) {
            throw ComposeException.usage("config " + flag + " needs the normalized model (drop --no-normalize)");
        }
        return loaded.project();
    }

    private static String projectName(ProjectLoader.Loaded loaded) {
        return loaded.project() != null ? loaded.project().name()
                : String.valueOf(dev.jcompose.load.tree.Nodes.toPlain(loaded.canonical().get("name")));
    }

    private static String lines(List<String> lines) {
        StringBuilder b = new StringBuilder();
        lines.forEach(l -> b.append(l).append('\n'));
        return b.toString();
    }

    private void write(String text) throws IOException {
        if (quiet) {
            return;
        }
        if (output == null) {
            PrintWriter out = spec.commandLine().getOut();
            out.print(text);
            out.flush();
            return;
        }
        writeAtomically(root.global().cwd.resolve(output), text);
    }

    /** temp file in the same directory → fsync → rename: readers see the old file or the whole new one. */
    static void writeAtomically(Path target, String text) throws IOException {
        if (Files.isSymbolicLink(target)) {
            target = target.toRealPath(); // replace the file the link points to, keep the link
        }
        if (Files.exists(target) && !Files.isRegularFile(target)) {
            // /dev/null, a FIFO, /dev/stdout: renaming over it would replace the device with a file.
            Files.writeString(target, text, StandardCharsets.UTF_8);
            return;
        }
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer buf = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                ch.force(true);
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
