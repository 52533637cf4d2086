package dev.jcompose.load.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jcompose.load.tree.KeyPath;
import dev.jcompose.load.tree.MapNode;
import dev.jcompose.load.tree.Nodes;
import dev.jcompose.load.yaml.YamlParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProfilesTest {
    private static final Path CORPUS = Path.of("../shared/reference/corpus");

    /** The illustrative example of compose-spec 15-profiles.md. */
    private static final String SPEC_EXAMPLE = """
            services:
              foo:
                image: foo
              bar:
                image: bar
                profiles:
                  - test
              baz:
                image: baz
                depends_on:
                  - bar
                profiles:
                  - test
              zot:
                image: zot
                depends_on:
                  - bar
                profiles:
                  - debug
            """;

    private static Set<String> list(String csv) {
        return csv == null || csv.isBlank() ? Set.of() : new LinkedHashSet<>(Arrays.asList(csv.split(" ")));
    }

    private static Profiles.Split split(String yaml, String active, String named) {
        MapNode root = (MapNode) YamlParser.parse("compose.yaml", yaml);
        return Profiles.apply(root, list(active), List.copyOf(list(named)));
    }

    private static Set<String> names(MapNode services) {
        return new TreeSet<>(services.keys());
    }

    @ParameterizedTest(name = "profiles [{0}], named [{1}] -> {2}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
        // spec: no profile enabled, only foo
        "-           | -   | foo",
        // spec: profile test gives bar and baz, and foo
        "test        | -   | bar baz foo",
        // spec: profile debug gives foo and zot (bar stays disabled: the model is then invalid for zot)
        "debug       | -   | foo zot",
        "debug test  | -   | bar baz foo zot",
        // '*' enables every profile
        "*           | -   | bar baz foo zot",
        // spec: bar named explicitly: bar and profile test are active (so baz too)
        "-           | bar | bar baz foo",
        // spec: baz named: profile test active, bar pulled in by being in that profile
        "-           | baz | bar baz foo",
        // spec: zot named: bar has no common profile, stays disabled (compose-go reports it later)
        "-           | zot | foo zot",
        // spec: zot named with profile test: debug activated, bar enabled
        "test        | zot | bar baz foo zot",
        // an enabled named service activates nothing; an unknown name is ignored here
        "-           | foo nope | foo",
    })
    void specExample(String active, String named, String expected) {
        Profiles.Split s = split(SPEC_EXAMPLE, active, named);
        MapNode services = (MapNode) s.enabled().get("services");
        assertEquals(list(expected), names(services));
        Set<String> disabled = new TreeSet<>(Set.of("foo", "bar", "baz", "zot"));
        disabled.removeAll(list(expected));
        assertEquals(disabled, names(s.disabledServices()));
    }

    @Test
    void enabledServicesKeepTheirDefinitionAndOrder() {
        Profiles.Split s = split(SPEC_EXAMPLE, "debug", null);
        assertEquals(List.of("foo", "zot"), List.copyOf(((MapNode) s.enabled().get("services")).keys()));
        assertEquals(Nodes.toPlain(Nodes.at(YamlParser.parse("c", SPEC_EXAMPLE), KeyPath.of("services", "zot"))),
                Nodes.toPlain(Nodes.at(s.enabled(), KeyPath.of("services", "zot"))));
        assertEquals(List.of("bar", "baz"), List.copyOf(s.disabledServices().keys()));
    }

    @Test
    void withoutServicesNothingIsDisabled() {
        Profiles.Split s = split("networks: {a: {}}\n", "x", "y");
        assertEquals(Nodes.toPlain(YamlParser.parse("c", "networks: {a: {}}\n")), Nodes.toPlain(s.enabled()));
        assertEquals(0, s.disabledServices().size());
    }

    private static String corpus(String path) throws IOException {
        return Files.readString(CORPUS.resolve(path));
    }

    @Test
    void dependsOnCycleFixtureHasNoProfilesSoEverythingIsEnabled() throws IOException {
        // compose-go's compose-depends-on-profile-no-cycle.yaml (identical to the cycle fixture upstream): no
        // service has profiles, so no active profile set can disable one.
        String yaml = corpus("compose-go/loader/testdata/compose-depends-on-profile-no-cycle.yaml");
        for (String active : new String[] {null, "test", "*"}) {
            Profiles.Split s = split(yaml, active, null);
            assertEquals(Set.of("service1", "service2", "service3"), names((MapNode) s.enabled().get("services")));
            assertEquals(0, s.disabledServices().size());
        }
    }

    @ParameterizedTest(name = "{0}: profiles [{1}], named [{2}] -> {3}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
        // e2e TestNoProfileUsage / TestExplicitProfileUsage / TestActiveProfileViaTargetedService
        "TestNoProfileUsage                 | -            | -                | regular-service",
        "TestExplicitProfileUsage           | test-profile | -                | profiled-service regular-service",
        "TestActiveProfileViaTargetedService | -           | profiled-service | profiled-service regular-service",
        // e2e TestUpProfile: `up foo` activates profile test (bar then belongs to the model, selection drops it)
        "TestUpProfile                      | -            | foo              | bar db foo",
        "TestUpProfile                      | -            | -                | db",
        // e2e TestUpWithDependencyNotRequired: bar is only enabled with its profile
        "TestUpWithDependencyNotRequired    | -            | -                | foo",
        "TestUpWithDependencyNotRequired    | not-required | -                | bar foo",
    })
    void e2eFixtures(String test, String active, String named, String expected) throws IOException {
        Profiles.Split s = split(corpus("compose-e2e/testdata/" + test + "/compose.yaml"), active, named);
        assertEquals(list(expected), names((MapNode) s.enabled().get("services")));
    }
}
