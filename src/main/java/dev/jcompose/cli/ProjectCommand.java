package dev.jcompose.cli;

import dev.jcompose.app.EngineSelector;
import dev.jcompose.load.LoadOptions;
import dev.jcompose.load.ProjectLoader;
import dev.jcompose.model.Project;
import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** Plumbing shared by commands that act on a project: loading, engine choice, progress output. */
abstract class ProjectCommand implements Callable<Integer> {
    @ParentCommand
    JComposeCommand root;

    @Spec
    CommandSpec spec;

    GlobalOptions global() {
        return root.global();
    }

    PrintStream out() {
        return System.out;
    }

    PrintStream err() {
        return System.err;
    }

    /** Loads the project; loader warnings go to stderr once each. */
    Project loadProject(List<String> services) {
        LoadOptions options = global().loadOptions().withServices(services);
        ProjectLoader.Loaded loaded = ProjectLoader.load(options);
        for (String w : loaded.warnings()) {
            err().println(Ansi.color(global().ansiEnabled(), 33, "WARN[0000] " + w));
        }
        return loaded.project();
    }

    /**
     * An engine tests put in place of the selected one for commands run on this thread (the CLI's logic then
     * runs against the in-memory FakeEngine). Never set outside tests.
     */
    static final ThreadLocal<dev.jcompose.engine.Engine> TEST_ENGINE = new ThreadLocal<>();

    EngineSelector.Selected openEngine() {
        dev.jcompose.engine.Engine test = TEST_ENGINE.get();
        if (test != null) {
            return new EngineSelector.Selected(test, "test", java.net.URI.create("test:/"), false);
        }
        return EngineSelector.open(global().engine(), global().env, global().parallelLimit());
    }

    ProgressRenderer progress(String title) {
        ProgressRenderer.Mode mode = ProgressRenderer.mode(global().progressMode(), Terminal.isTerminal());
        return new ProgressRenderer(err(), mode, global().ansiEnabled(), title);
    }
}
