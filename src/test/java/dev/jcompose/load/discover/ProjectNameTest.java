package dev.jcompose.load.discover;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jcompose.error.ComposeException;
import dev.jcompose.load.LoadOptions;
import dev.jcompose.load.Warnings;
import dev.jcompose.load.tree.MapNode;
import dev.jcompose.load.yaml.YamlParser;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The cases of compose-go's cli TestProjectName, plus precedence. */
class ProjectNameTest {
    private static final Path SIMPLE = ProjectSourcesTest.CLI.resolve("testdata/simple");
    private static final MapNode NO_NAME = (MapNode) YamlParser.parse("compose.yaml", "services: {}\n");

    private static MapNode named(String name) {
        return (MapNode) YamlParser.parse("compose.yaml", "name: " + name + "\nservices: {}\n");
    }

    @Test
    void precedence() {
        Map<String, String> env = Map.of("COMPOSE_PROJECT_NAME", "from_env");
        assertEquals("flag", ProjectName.resolve("flag", env, named("file"), SIMPLE));
        assertEquals("from_env", ProjectName.resolve(null, env, named("file"), SIMPLE));
        assertEquals("file", ProjectName.resolve(null, Map.of(), named("file"), SIMPLE));
        assertEquals("simple", ProjectName.resolve(null, Map.of(), NO_NAME, SIMPLE));
        assertEquals("simple", ProjectName.resolve("", Map.of("COMPOSE_PROJECT_NAME", ""), NO_NAME, SIMPLE));
    }

    @ParameterizedTest
    @ValueSource(strings = {"my_project", "42my_project_num", "a-b"})
    void validExplicitNamesAreKept(String name) {
        assertEquals(name, ProjectName.resolve(name, Map.of(), NO_NAME, SIMPLE));
        assertEquals(name, ProjectName.resolve(null, Map.of("COMPOSE_PROJECT_NAME", name), NO_NAME, SIMPLE));
    }

    @ParameterizedTest
    @ValueSource(strings = {"-my_project", "_my_project", "www.my.project", "MY_PROJECT"})
    void invalidExplicitNamesAreErrors(String name) {
        String message = "invalid project name \"" + name + "\": must consist only of lowercase alphanumeric "
                + "characters, hyphens, and underscores as well as start with a letter or number";
        ComposeException flag = assertThrows(ComposeException.class,
                () -> ProjectName.resolve(name, Map.of(), NO_NAME, SIMPLE));
        assertEquals(message, flag.getMessage());
        ComposeException env = assertThrows(ComposeException.class,
                () -> ProjectName.resolve(null, Map.of("COMPOSE_PROJECT_NAME", name), NO_NAME, SIMPLE));
        assertEquals(message, env.getMessage());
    }

    @ParameterizedTest
    @CsvSource({"My.App,myapp", "'_Über Cool-1',bercool-1", "--x,x"})
    void namesFromTheFileAreNormalised(String raw, String expected) {
        assertEquals(expected, ProjectName.resolve(null, Map.of(), named("'" + raw + "'"), SIMPLE));
    }

    @Test
    void directoryNamesAreNormalised() {
        // compose-go: "by compose file parent dir special" → unnormalizedpath.
        ProjectSources s = ProjectSources.resolve(LoadOptions.defaults(ProjectSourcesTest.CLI, Map.of())
                .withFiles(List.of("testdata/UNNORMALIZED PATH/compose.yaml")), new Warnings());
        assertEquals("unnormalizedpath", ProjectName.resolve(null, s.environment(), NO_NAME, s.projectDir()));
        assertEquals("proj", ProjectName.resolve(null, Map.of(), NO_NAME, Path.of("/path/to/proj")));
    }

    @Test
    void rootDirectoryGivesNoName() {
        ComposeException e = assertThrows(ComposeException.class,
                () -> ProjectName.resolve(null, Map.of(), NO_NAME, Path.of("/")));
        assertEquals("project name must not be empty", e.getMessage());
    }
}
