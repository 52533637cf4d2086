package dev.jcompose.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jcompose.error.ComposeException;
import dev.jcompose.load.ProjectLoader;
import dev.jcompose.load.Warnings;
import dev.jcompose.load.bind.Binder;
import dev.jcompose.load.discover.ProjectSources;
import dev.jcompose.load.normalize.Normalizer;
import dev.jcompose.load.tree.MapNode;
import dev.jcompose.load.tree.Nodes;
import dev.jcompose.load.yaml.YamlParser;
import dev.jcompose.model.Project;
import dev.jcompose.state.ConfigHash;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The facets of `config`, rendered from a tree loaded here with the normaliser and binder. */
class ConfigRenderTest {
    static final String YAML = """
            services:
              web:
                image: nginx
                depends_on: [db]
                ports: ["8080:80"]
                environment:
                  ANSWER: "yes"
                  PRICE: "$5"
                  MODE: "0440"
                env_file: []
              db:
                image: postgres
                profiles: [data]
                volumes: [data:/var/lib/postgresql/data]
              tool:
                build: ./tool
                profiles: [debug]
            volumes:
              data: {}
            """;
    static final Map<String, String> ENV = Map.of("DB_PASSWORD", "hunter2", "API_KEY", "k", "MONKEY", "banana",
            "HOME", "/home/me");

    static ProjectLoader.Loaded load() {
        MapNode root = (MapNode) YamlParser.parse("compose.yaml", YAML);
        Normalizer.Context ctx = new Normalizer.Context("demo", Path.of("/p"), ENV, false);
        MapNode canonical = Normalizer.normalize(root, ctx, new Warnings());
        Project project = Binder.bind("demo", Path.of("/p"), List.of(), canonical, MapNode.empty(root.mark()), ENV);
        return new ProjectLoader.Loaded(project, canonical, new ProjectSources(Path.of("/p"), List.of(), ENV),
                List.of());
    }

    static ConfigCommand command() {
        return new ConfigCommand();
    }

    @Test
    @SuppressWarnings("unchecked")
    void yamlIsSortedBlockStyleAndReadsBackToTheSameValues() {
        String yaml = command().render(load());
        assertTrue(yaml.startsWith("name: demo\nservices:\n  db:\n"), yaml);
        assertTrue(yaml.replace('"', '\'').contains("\n      - mode: ingress\n        target: 80\n"
                + "        published: '8080'\n        protocol: tcp\n"), yaml);
        assertTrue(yaml.contains("ANSWER: 'yes'") || yaml.contains("ANSWER: \"yes\""), yaml);
        Map<String, Object> back = (Map<String, Object>) Nodes.toPlain(YamlParser.parse("out", yaml.replace("$$",
                "$")));
        assertEquals(ConfigView.printable(load().canonical(), ConfigView.select(load().canonical(), List.of())),
                back);
        Map<String, Object> env = (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) back
                .get("services")).get("web")).get("environment");
        assertEquals("0440", env.get("MODE"));
    }

    @Test
    void dollarSignsAreEscapedSoTheOutputInterpolatesBackToTheSameValue() {
        String yaml = command().render(load());
        assertTrue(yaml.contains("PRICE: $$5"), yaml);
        ConfigCommand raw = command();
        raw.noInterpolate = true;
        assertTrue(raw.render(load()).contains("PRICE: $5"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void jsonHasTheSameContent() throws Exception {
        ConfigCommand c = command();
        c.format = "json";
        String json = c.render(load());
        assertTrue(json.contains("\"name\": \"demo\""), json);
        Map<String, Object> parsed = new ObjectMapper().readValue(json.replace("$$", "$"), Map.class);
        assertEquals("8080", ((Map<String, Object>) ((List<Object>) ((Map<String, Object>) ((Map<String, Object>)
                parsed.get("services")).get("web")).get("ports")).get(0)).get("published"));
    }

    @Test
    void envFilesAreNotPrinted() {
        assertFalse(command().render(load()).contains("env_file"));
    }

    @Test
    void servicesComeInDependencyOrder() {
        ConfigCommand c = command();
        c.listServices = true;
        assertEquals("db\ntool\nweb\n", c.render(load()));
        c.services = List.of("web");
        assertEquals("db\nweb\n", c.render(load()), "a named service brings its dependencies");
        c.services = List.of("nope");
        assertThrows(ComposeException.class, () -> c.render(load()));
    }

    @Test
    void volumesNetworksImagesProfiles() {
        ConfigCommand c = command();
        c.listVolumes = true;
        assertEquals("data\n", c.render(load()));
        c.listVolumes = false;
        c.listNetworks = true;
        assertEquals("default\n", c.render(load()));
        c.listNetworks = false;
        c.listImages = true;
        assertEquals("postgres\ndemo-tool\nnginx\n", c.render(load()));
        c.listImages = false;
        c.listProfiles = true;
        assertEquals("data\ndebug\n", c.render(load()));
    }

    @Test
    void hashLinesForAllOrNamedServices() {
        ProjectLoader.Loaded loaded = load();
        ConfigCommand c = command();
        c.hash = "*";
        String web = ConfigHash.of(loaded.project().service("web"));
        String db = ConfigHash.of(loaded.project().service("db"));
        String all = c.render(loaded);
        assertEquals(3, all.lines().count());
        assertTrue(all.contains("web " + web + "\n") && all.startsWith("db " + db + "\n"), all);
        c.hash = "web";
        assertEquals("web " + web + "\n", c.render(loaded));
    }

    @Test
    void environmentMasksSecretLookingValues() {
        ConfigCommand c = command();
        c.environment = true;
        assertEquals("API_KEY=********\nDB_PASSWORD=********\nHOME=/home/me\nMONKEY=banana\n", c.render(load()));
        c.showSecrets = true;
        assertEquals("API_KEY=k\nDB_PASSWORD=hunter2\nHOME=/home/me\nMONKEY=banana\n", c.render(load()));
    }

    @Test
    void outputFileIsWrittenWholeThroughARename(@TempDir Path dir) throws Exception {
        Path target = dir.resolve("out.yaml");
        Files.writeString(target, "old");
        ConfigCommand.writeAtomically(target, "new content\n");
        assertEquals("new content\n", Files.readString(target));
        try (var files = Files.list(dir)) {
            assertEquals(List.of(target), files.toList(), "no temporary file is left behind");
        }
    }
}
