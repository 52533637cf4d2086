package dev.jcompose.runtime.build;

import dev.jcompose.runtime.image.ImageConfig;
import dev.jcompose.runtime.image.ImageJson;
import dev.jcompose.runtime.image.ImageRecord;
import dev.jcompose.runtime.image.Platform;
import dev.jcompose.runtime.image.RunConfig;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds one stage: FROM, then each instruction as a step that yields a new image state, from the cache when
 * the same (parent, instruction after substitution, inputs) was built before. Prints dockerd's step lines.
 */
final class StageBuilder {
    static final String DEFAULT_PATH = "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    private final BuildRun run;
    private final ShellLex lex;
    private final ConfigSteps configSteps;
    private final Steps steps;
    /** ARGs declared in this stage, with their values. */
    private final Map<String, String> args = new LinkedHashMap<>();
    private boolean cmdSet;

    StageBuilder(BuildRun run) {
        this.run = run;
        this.lex = new ShellLex(run.dockerfile().escape());
        this.configSteps = new ConfigSteps(lex);
        this.steps = new Steps(run);
    }

    ImageState build(Dockerfile.Stage stage, List<Instruction> extra) throws IOException {
        run.stepLine(stage.from());
        ImageState state = runTriggers(from(stage));
        // dockerd prints the arrow for scratch too, with an empty id
        run.output().stream(" ---> " + (state.id() == null ? "" : state.id().shortId()) + "\n");
        List<Instruction> all = new ArrayList<>(stage.body());
        all.addAll(extra);
        for (Instruction i : all) {
            run.stepLine(i);
            state = step(i, state);
        }
        return state;
    }

    private ImageState from(Dockerfile.Stage stage) {
        String name = lex.word(stage.from().args().split("\\s+")[0], run.metaArgs());
        int previous = run.dockerfile().stageIndex(name, stage.index());
        if (previous >= 0) {
            return run.stages().get(previous);
        }
        if (name.equals("scratch")) {
            Platform p = Platform.host();
            return new ImageState(null, new ImageConfig(p.architecture(), p.os(), p.variant(), null, null, null, null,
                    RunConfig.EMPTY.toBuilder().env("PATH", DEFAULT_PATH.substring(5)).build(),
                    new ImageConfig.RootFs("layers", List.of()), List.of()), List.of());
        }
        return run.image(name, stage.from());
    }

    /**
     * The base image's ONBUILD triggers, in order, each as its own step right after FROM (dockerd's classic
     * builder); the stage's image does not carry them on. Trigger steps print no id of their own.
     */
    private ImageState runTriggers(ImageState base) throws IOException {
        List<String> triggers = base.runConfig().onBuild();
        if (triggers == null || triggers.isEmpty()) {
            return base;
        }
        run.output().stream(OnBuildTriggers.header(triggers.size()));
        ImageState state = OnBuildTriggers.withoutTriggers(base);
        run.showStepIds(false);
        try {
            for (String trigger : triggers) {
                Instruction i = DockerfileParser.trigger(trigger);
                state = step(i, state);
            }
        } finally {
            run.showStepIds(true);
        }
        return state;
    }

    /** The variables instructions expand: the image's ENV wins over the stage's ARGs. */
    private Map<String, String> env(ImageState state) {
        Map<String, String> env = new LinkedHashMap<>(args);
        for (String e : state.runConfig().env() == null ? List.<String>of() : state.runConfig().env()) {
            int eq = e.indexOf('=');
            if (eq > 0) {
                env.put(e.substring(0, eq), e.substring(eq + 1));
            }
        }
        return env;
    }

    private ImageState step(Instruction i, ImageState state) throws IOException {
        Map<String, String> env = env(state);
        switch (i.keyword()) {
            case "ARG" -> {
                List<String> declared = new ArrayList<>();
                for (String word : lex.rawWords(i.args())) {
                    int eq = word.indexOf('=');
                    String key = eq < 0 ? word : word.substring(0, eq);
                    String value = eq < 0 ? run.metaArgs().get(key) : lex.word(word.substring(eq + 1), env);
                    String given = run.consumeArg(key);
                    args.put(key, given != null ? given : value);
                    declared.add(value == null ? key : key + "=" + value);
                }
                return steps.cached(state, "ARG " + String.join(" ", declared), "",
                        () -> steps.configCommit(state, state.runConfig(), "/bin/sh -c #(nop)  ARG "
                                + String.join(" ", declared)));
            }
            case "MAINTAINER" -> {
                String author = i.args();
                return steps.cached(state, "MAINTAINER " + author, "", () -> steps.configCommit(
                        withAuthor(state, author), state.runConfig(), "/bin/sh -c #(nop)  MAINTAINER " + author));
            }
            case "RUN" -> {
                return runStep(i, state, env);
            }
            case "COPY", "ADD" -> {
                return new CopyInstruction(run, lex).apply(i, state, env);
            }
            default -> {
                if (!ConfigSteps.handles(i.keyword())) {
                    throw i.error("unknown instruction: " + i.keyword());
                }
                ConfigSteps.Result r = configSteps.apply(i, state.runConfig(), env, cmdSet);
                if (i.keyword().equals("CMD")) {
                    cmdSet = true;
                }
                return steps.cached(state, r.text(), "", () -> steps.configCommit(state, r.config(),
                        "/bin/sh -c #(nop)  " + r.text()));
            }
        }
    }

    private ImageState runStep(Instruction i, ImageState state, Map<String, String> env) {
        List<String> command = ConfigSteps.command(i, state.runConfig());
        List<String> argPairs = new ArrayList<>();
        List<String> containerEnv = new ArrayList<>(state.runConfig().env() == null ? List.of()
                : state.runConfig().env());
        Set<String> envNames = new java.util.HashSet<>();
        containerEnv.forEach(e -> envNames.add(e.contains("=") ? e.substring(0, e.indexOf('=')) : e));
        args.forEach((k, v) -> {
            if (v != null && !envNames.contains(k)) {
                argPairs.add(k + "=" + v);
                containerEnv.add(k + "=" + v);
            }
        });
        if (containerEnv.stream().noneMatch(e -> e.startsWith("PATH="))) {
            containerEnv.add(DEFAULT_PATH);
        }
        String createdBy = (argPairs.isEmpty() ? "" : "|" + argPairs.size() + " " + String.join(" ", argPairs) + " ")
                + String.join(" ", command);
        return steps.cached(state, "RUN " + ImageJson.MAPPER.valueToTree(command) + " " + argPairs, "", () -> {
            ImageRecord.Layer layer = new RunStep(run.env(), run.options(), run.output()).run(state, command,
                    containerEnv);
            return steps.commit(state, state.runConfig(), layer, createdBy);
        });
    }

    private static ImageState withAuthor(ImageState s, String author) {
        ImageConfig c = s.config();
        return new ImageState(s.id(), new ImageConfig(c.architecture(), c.os(), c.variant(), c.created(), author,
                c.comment(), c.dockerVersion(), c.config(), c.rootfs(), c.history()), s.layers());
    }

}
