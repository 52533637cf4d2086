package dev.jcompose.app;

import dev.jcompose.engine.ImageConfig;
import dev.jcompose.engine.fake.FakeEngine;
import dev.jcompose.exec.ProgressEvent;
import dev.jcompose.exec.ProgressListener;
import dev.jcompose.load.LoadOptions;
import dev.jcompose.load.ProjectLoader;
import dev.jcompose.model.Project;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A project "demo" loaded from YAML in a directory, on a FakeEngine with busybox:latest present. */
final class FakeProject {
    static final Map<String, String> ENV = Map.of("JCOMPOSE_LOCK_WAIT", "5");

    final FakeEngine fake = new FakeEngine();
    final List<ProgressEvent> events = new ArrayList<>();
    final List<String> warnings = new ArrayList<>();
    final Project project;

    FakeProject(Path dir, String yaml) {
        fake.addImage("busybox:latest", ImageConfig.EMPTY);
        try {
            Files.writeString(dir.resolve("compose.yaml"), yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        project = ProjectLoader.load(LoadOptions.defaults(dir, ENV).withProjectName("demo")).project();
    }

    EngineSelector.Selected selected() {
        return new EngineSelector.Selected(fake, "fake", URI.create("fake:/"), false);
    }

    ProgressListener listener() {
        return new ProgressListener() {
            @Override
            public void on(ProgressEvent e) {
                synchronized (events) {
                    events.add(e);
                }
            }

            @Override
            public void warn(String message) {
                synchronized (warnings) {
                    warnings.add(message);
                }
            }
        };
    }

    ComposeApp app() {
        return new ComposeApp(selected(), project, listener(), -1, ENV);
    }

    /** Names of the project's containers, sorted. */
    List<String> containers() {
        return fake.listContainers(List.of("com.docker.compose.project=demo"), true).stream()
                .map(c -> c.name()).sorted().toList();
    }
}
