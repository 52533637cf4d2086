package dev.jcompose.runtime.build;

import dev.jcompose.runtime.content.Digest;
import dev.jcompose.runtime.image.ImageConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The state of one build shared by its stages: options, output, the parsed Dockerfile, the unpacked context,
 * the global (meta) ARG values, the stages built so far, the step counter and which build args were used.
 */
final class BuildRun {
    private final BuildEnvironment env;
    private final BuildOptions options;
    private final BuildOutput output;
    private final Dockerfile dockerfile;
    private final Path context;
    private final BuildCache cache;
    private final Map<String, String> metaArgs = new LinkedHashMap<>();
    private final List<ImageState> stages = new ArrayList<>();
    private final Set<String> consumed = new HashSet<>();
    private int step;
    /** Off while ONBUILD triggers run: dockerd shows one " ---> id" for the FROM and its triggers together. */
    private boolean showStepIds = true;

    BuildRun(BuildEnvironment env, BuildOptions options, BuildOutput output, Dockerfile dockerfile, Path context) {
        this.env = env;
        this.options = options;
        this.output = output;
        this.dockerfile = dockerfile;
        this.context = context;
        this.cache = env.cache();
    }

    BuildEnvironment env() {
        return env;
    }

    BuildOptions options() {
        return options;
    }

    BuildOutput output() {
        return output;
    }

    Dockerfile dockerfile() {
        return dockerfile;
    }

    Path context() {
        return context;
    }

    BuildCache cache() {
        return cache;
    }

    Map<String, String> metaArgs() {
        return metaArgs;
    }

    List<ImageState> stages() {
        return stages;
    }

    boolean showStepIds() {
        return showStepIds;
    }

    void showStepIds(boolean show) {
        showStepIds = show;
    }

    void stepLine(Instruction i) {
        step++;
        // the labels option is one more LABEL step per label at the end, and dockerd counts them in the total
        int total = dockerfile.stepCount() + options.labels().size();
        output.stream("Step " + step + "/" + total + " : " + i.original() + "\n");
        if (output.cancelled()) {
            throw new BuildException("the build was cancelled: the client went away");
        }
    }

    /** The value given with --build-arg for {@code name}, marking it used; null when none was given. */
    String consumeArg(String name) {
        consumed.add(name);
        return options.buildArgs().get(name);
    }

    List<String> unconsumedArgs() {
        return options.buildArgs().keySet().stream().filter(k -> !consumed.contains(k))
                .filter(k -> !PREDEFINED.contains(k.toUpperCase(java.util.Locale.ROOT))).sorted().toList();
    }

    private static final Set<String> PREDEFINED = Set.of("HTTP_PROXY", "HTTPS_PROXY", "FTP_PROXY", "NO_PROXY",
            "ALL_PROXY");

    /** A local image as a starting point (FROM, COPY --from). */
    ImageState image(String name, Instruction where) {
        Optional<Digest> id = env.images().find(name);
        if (id.isEmpty()) {
            throw new BuildException("pull access denied for " + name + ": no such image in the embedded engine "
                    + "(it builds FROM local images; load or pull " + name + " first)");
        }
        ImageConfig config = env.images().config(id.get());
        return new ImageState(id.get(), config, env.images().record(id.get()).layers());
    }
}
