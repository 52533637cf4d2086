package dev.jcompose.load.discover;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcompose.error.ComposeException;
import dev.jcompose.load.LoadOptions;
import dev.jcompose.load.Warnings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProjectSourcesTest {
    /** compose-go's cli tests run in cli/; so do these. */
    static final Path CLI = Path.of("..", "shared", "reference", "corpus", "compose-go", "cli").toAbsolutePath()
            .normalize();

    @TempDir
    Path tmp;

    private static ProjectSources resolve(LoadOptions options) {
        return ProjectSources.resolve(options, new Warnings());
    }

    private Path write(String relative, String text) throws Exception {
        Path file = tmp.resolve(relative);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, text);
    }

    private static List<Path> paths(ProjectSources s) {
        return s.files().stream().map(SourceFile::path).toList();
    }

    @Test
    void composeFileAndProjectNameFromDotEnv() {
        // compose-go TestProjectName "by .env": COMPOSE_FILE and COMPOSE_PROJECT_NAME come from .env.
        Path dir = CLI.resolve("testdata/env-file");
        ProjectSources s = resolve(LoadOptions.defaults(dir, Map.of()));
        assertEquals(List.of(dir.resolve("compose-with-env-file.yaml")), paths(s));
        assertEquals("8000", s.environment().get("PORT"));
        assertEquals("my_project_from_dot_env", ProjectName.resolve(null, s.environment(), null, s.projectDir()));
        assertEquals(dir, s.projectDir());
    }

    @Test
    void relativeFileDefinesProjectDirAndItsDotEnv() {
        // compose-go TestProjectWithDotEnv.
        ProjectSources s = resolve(LoadOptions.defaults(CLI.resolve("testdata/simple"), Map.of())
                .withFiles(List.of("compose-with-variables.yaml")));
        assertEquals("8000", s.environment().get("PUBLIC_PORT"));
        assertEquals(CLI.resolve("testdata/simple"), s.projectDir());
        assertEquals("compose-with-variables.yaml", s.files().get(0).label());
        assertTrue(s.files().get(0).content().contains("${PUBLIC_PORT}:80"));
    }

    @Test
    void severalEnvFilesApplyInOrderAndReplaceDotEnv() {
        // compose-go TestProjectWithMultipleEnvFile: the later file wins.
        ProjectSources s = resolve(LoadOptions.defaults(CLI, Map.of())
                .withFiles(List.of("testdata/env-file/compose-with-env-files.yaml"))
                .withEnvFiles(List.of("testdata/env-file/.env", "testdata/env-file/override.env")));
        assertEquals("9000", s.environment().get("PORT"));
        assertEquals(CLI.resolve("testdata/env-file"), s.projectDir());
    }

    @Test
    void shellWinsOverEnvFiles() {
        ProjectSources s = resolve(LoadOptions.defaults(CLI, Map.of("PORT", "1"))
                .withFiles(List.of("testdata/env-file/compose-with-env-files.yaml"))
                .withEnvFiles(List.of("testdata/env-file/.env", "testdata/env-file/override.env")));
        assertEquals("1", s.environment().get("PORT"));
    }

    @Test
    void composeEnvFilesVariableStandsInForTheFlag() throws Exception {
        write("compose.yaml", "services: {}\n");
        write(".env", "A=dotenv\n");
        write("one.env", "A=one\nB=one\n");
        write("two.env", "B=two\n");
        ProjectSources s = resolve(LoadOptions.defaults(tmp, Map.of("COMPOSE_ENV_FILES", "one.env,two.env")));
        assertEquals("one", s.environment().get("A"));
        assertEquals("two", s.environment().get("B"));
    }

    @Test
    void missingEnvFileIsAnError() throws Exception {
        write("compose.yaml", "services: {}\n");
        ComposeException e = assertThrows(ComposeException.class,
                () -> resolve(LoadOptions.defaults(tmp, Map.of()).withEnvFiles(List.of("nope.env"))));
        assertEquals("couldn't find env file: " + tmp.resolve("nope.env"), e.getMessage());
    }

    @Test
    void discoveryWalksUpAndTakesTheOverrideFile() throws Exception {
        write("compose.yml", "services: {}\n");
        write("compose.override.yaml", "services: {}\n");
        write("docker-compose.override.yml", "services: {}\n");
        Path deep = Files.createDirectories(tmp.resolve("a/b"));
        Warnings w = new Warnings();
        ProjectSources s = ProjectSources.resolve(LoadOptions.defaults(deep, Map.of()), w);
        assertEquals(List.of(tmp.resolve("compose.yml"), tmp.resolve("compose.override.yaml")), paths(s));
        assertEquals(tmp, s.projectDir());
        assertEquals(tmp.resolve("compose.yml").toString(), s.files().get(0).label());
        assertEquals(List.of("Found multiple override files with supported names: " + tmp.resolve(
                "compose.override.yaml") + ", " + tmp.resolve("docker-compose.override.yml"),
                "Using " + tmp.resolve("compose.override.yaml")), w.list());
    }

    @Test
    void bothComposeYamlAndDockerComposeYmlWarn() throws Exception {
        write("docker-compose.yml", "services: {}\n");
        write("compose.yaml", "services: {}\n");
        Warnings w = new Warnings();
        ProjectSources s = ProjectSources.resolve(LoadOptions.defaults(tmp, Map.of()), w);
        assertEquals(List.of(tmp.resolve("compose.yaml")), paths(s));
        assertEquals(List.of("Found multiple config files with supported names: " + tmp.resolve("compose.yaml")
                + ", " + tmp.resolve("docker-compose.yml"), "Using " + tmp.resolve("compose.yaml")), w.list());
    }

    @Test
    void nearestDirectoryWins() throws Exception {
        write("compose.yaml", "services: {}\n");
        write("sub/docker-compose.yaml", "services: {}\n");
        ProjectSources s = resolve(LoadOptions.defaults(tmp.resolve("sub"), Map.of()));
        assertEquals(List.of(tmp.resolve("sub/docker-compose.yaml")), paths(s));
    }

    @Test
    void noComposeFileAnywhere() {
        ComposeException e = assertThrows(ComposeException.class,
                () -> resolve(LoadOptions.defaults(tmp, Map.of()).withProjectDir(tmp)));
        assertEquals("no configuration file provided: not found", e.getMessage());
        assertEquals(ComposeException.Kind.NOT_FOUND, e.kind());
    }

    @Test
    void missingExplicitFileIsNamed() {
        ComposeException e = assertThrows(ComposeException.class,
                () -> resolve(LoadOptions.defaults(tmp, Map.of()).withFiles(List.of("nope.yaml"))));
        assertEquals("open " + tmp.resolve("nope.yaml") + ": no such file or directory", e.getMessage());
        assertEquals(ComposeException.Kind.NOT_FOUND, e.kind());
    }

    @Test
    void stdinAndFilesKeepTheirOrder() throws Exception {
        write("sub/base.yaml", "services: {}\n");
        ProjectSources s = resolve(LoadOptions.defaults(tmp, Map.of()).withFiles(List.of("-", "sub/base.yaml"))
                .withStdin("services: {a: {image: x}}"));
        assertNull(s.files().get(0).path());
        assertEquals("services: {a: {image: x}}", s.files().get(0).content());
        assertEquals(tmp.resolve("sub"), s.projectDir());
        assertEquals(tmp.resolve("sub/base.yaml"), s.files().get(1).path());
    }

    @Test
    void composeFileVariableWithCustomSeparator() throws Exception {
        write("a.yaml", "services: {}\n");
        write("b.yaml", "services: {}\n");
        ProjectSources s = resolve(LoadOptions.defaults(tmp, Map.of("COMPOSE_FILE", "a.yaml;b.yaml",
                "COMPOSE_PATH_SEPARATOR", ";")));
        assertEquals(List.of(tmp.resolve("a.yaml"), tmp.resolve("b.yaml")), paths(s));
        ComposeException e = assertThrows(ComposeException.class,
                () -> resolve(LoadOptions.defaults(tmp, Map.of("COMPOSE_FILE", "a.yaml:gone.yaml"))));
        assertTrue(e.getMessage().contains("gone.yaml"), e.getMessage());
    }

    @Test
    void projectDirectoryFlagPicksDotEnvAndDiscoveryStart() throws Exception {
        write("proj/compose.yaml", "services: {}\n");
        write("proj/.env", "FROM=proj\n");
        write("cwd/.env", "FROM=cwd\n");
        ProjectSources s = resolve(LoadOptions.defaults(tmp.resolve("cwd"), Map.of()).withProjectDir(Path.of(
                "../proj")));
        assertEquals(tmp.resolve("proj"), s.projectDir());
        assertEquals("proj", s.environment().get("FROM"));
        assertEquals(List.of(tmp.resolve("proj/compose.yaml")), paths(s));
    }

    @Test
    void whenDiscoveryGoesUpBothDotEnvFilesApplyTheWorkingDirectoryOneFirst() throws Exception {
        // docker compose reads ./.env before looking for COMPOSE_FILE, then the project directory's .env.
        write("compose.yaml", "services: {}\n");
        write(".env", "SHARED=project\nONLY_PROJECT=p\n");
        write("sub/.env", "SHARED=cwd\n");
        ProjectSources s = resolve(LoadOptions.defaults(tmp.resolve("sub"), Map.of()));
        assertEquals(tmp, s.projectDir());
        assertEquals("cwd", s.environment().get("SHARED"));
        assertEquals("p", s.environment().get("ONLY_PROJECT"));
    }

    @Test
    void dotEnvInterpolatesWithTheShellFirst() throws Exception {
        write("compose.yaml", "services: {}\n");
        write(".env", "TAG=file\nIMAGE=app:${TAG}\nCOMPOSE_PROFILES=debug\n");
        ProjectSources s = resolve(LoadOptions.defaults(tmp, Map.of("TAG", "shell", "COMPOSE_PROFILES", "")));
        assertEquals("app:shell", s.environment().get("IMAGE"));
        assertEquals("", s.environment().get("COMPOSE_PROFILES"));
    }

    @Test
    void disableEnvFile() throws Exception {
        write("compose.yaml", "services: {}\n");
        write(".env", "A=1\n");
        assertNull(resolve(LoadOptions.defaults(tmp, Map.of("COMPOSE_DISABLE_ENV_FILE", "true"))).environment()
                .get("A"));
        assertEquals("1", resolve(LoadOptions.defaults(tmp, Map.of("COMPOSE_DISABLE_ENV_FILE", "0")))
                .environment().get("A"));
        ComposeException e = assertThrows(ComposeException.class,
                () -> resolve(LoadOptions.defaults(tmp, Map.of("COMPOSE_DISABLE_ENV_FILE", "yes"))));
        assertEquals("COMPOSE_DISABLE_ENV_FILE: invalid boolean value \"yes\"", e.getMessage());
    }

    @Test
    void pwdIsProvidedOnlyWhenMissing() throws Exception {
        write("compose.yaml", "services: {}\n");
        assertEquals(tmp.toString(), resolve(LoadOptions.defaults(tmp, Map.of())).environment().get("PWD"));
        assertEquals("/x", resolve(LoadOptions.defaults(tmp, Map.of("PWD", "/x"))).environment().get("PWD"));
    }

    @Test
    void unsetVariablesInDotEnvWarn() throws Exception {
        write("compose.yaml", "services: {}\n");
        write(".env", "A=${MISSING}\n");
        Warnings w = new Warnings();
        ProjectSources.resolve(LoadOptions.defaults(tmp, Map.of()), w);
        assertEquals(List.of("The \"MISSING\" variable is not set. Defaulting to a blank string."), w.list());
    }
}
