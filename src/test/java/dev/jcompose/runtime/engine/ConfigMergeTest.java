package dev.jcompose.runtime.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jcompose.runtime.RuntimeError;
import dev.jcompose.runtime.image.HealthConfig;
import dev.jcompose.runtime.image.RunConfig;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** Docker's merge of image defaults into a container Config (daemon.merge), case by case. */
class ConfigMergeTest {
    private static final RunConfig IMAGE = RunConfig.EMPTY.toBuilder().user("app").env("PATH", "/bin")
            .env("LANG", "C").entrypoint(List.of("/entry")).cmd(List.of("serve", "--port", "80"))
            .workingDir("/srv").label("from", "image").label("both", "image").exposePort("80/tcp")
            .volume("/data").stopSignal("SIGQUIT")
            .healthcheck(new HealthConfig(List.of("CMD", "check"), 5_000_000_000L, 0, 0, 0, 2)).build();

    private static ObjectNode json(String text) throws Exception {
        return (ObjectNode) DockerJson.MAPPER.readTree(text.replace('\'', '"'));
    }

    static Stream<Arguments> commands() {
        return Stream.of(
                // user JSON, expected Entrypoint, expected Cmd (null = absent)
                Arguments.of("{}", List.of("/entry"), List.of("serve", "--port", "80")),
                Arguments.of("{'Cmd':['sh']}", List.of("/entry"), List.of("sh")),
                Arguments.of("{'Entrypoint':['/other']}", List.of("/other"), null),
                Arguments.of("{'Entrypoint':['/other'],'Cmd':['x']}", List.of("/other"), List.of("x")),
                Arguments.of("{'Entrypoint':[]}", List.of(), List.of("serve", "--port", "80")),
                Arguments.of("{'Entrypoint':[],'Cmd':['sh','-c','x']}", List.of(), List.of("sh", "-c", "x")),
                Arguments.of("{'Cmd':'echo'}", List.of("/entry"), List.of("echo")));
    }

    @ParameterizedTest
    @MethodSource("commands")
    void entrypointAndCmdFollowDockersRules(String user, List<String> entrypoint, List<String> cmd) throws Exception {
        ObjectNode merged = ConfigMerge.merge(json(user), IMAGE);
        assertEquals(entrypoint, DockerJson.strings(merged, "Entrypoint"));
        assertEquals(cmd, DockerJson.strings(merged, "Cmd"));
    }

    @Test
    void userValuesWinAndCollectionsAreUnions() throws Exception {
        ObjectNode merged = ConfigMerge.merge(json("{'User':'1000','Env':['LANG=fr','A=1'],'WorkingDir':'/w',"
                + "'Labels':{'both':'user'},'ExposedPorts':{'443/tcp':{}},'StopSignal':'SIGINT'}"), IMAGE);
        assertEquals("1000", merged.get("User").asText());
        assertEquals(List.of("LANG=fr", "A=1", "PATH=/bin"), DockerJson.strings(merged, "Env"));
        assertEquals("/w", merged.get("WorkingDir").asText());
        assertEquals(Map.of("both", "user", "from", "image"), DockerJson.stringMap(merged, "Labels"));
        assertEquals(List.of("443/tcp", "80/tcp"), keys(merged.get("ExposedPorts")));
        assertEquals(List.of("/data"), keys(merged.get("Volumes")));
        assertEquals("SIGINT", merged.get("StopSignal").asText());
    }

    @Test
    void emptyUserConfigTakesEveryDefault() throws Exception {
        ObjectNode merged = ConfigMerge.merge(json("{}"), IMAGE);
        assertEquals("app", merged.get("User").asText());
        assertEquals("/srv", merged.get("WorkingDir").asText());
        assertEquals("SIGQUIT", merged.get("StopSignal").asText());
        assertEquals(List.of("CMD", "check"), DockerJson.strings(merged.get("Healthcheck"), "Test"));
        assertEquals(5_000_000_000L, merged.get("Healthcheck").get("Interval").asLong());
    }

    @Test
    void healthcheckFieldsMergeOneByOne() throws Exception {
        ObjectNode merged = ConfigMerge.merge(json("{'Healthcheck':{'Timeout':1000}}"), IMAGE);
        JsonNode h = merged.get("Healthcheck");
        assertEquals(List.of("CMD", "check"), DockerJson.strings(h, "Test"));
        assertEquals(1000, h.get("Timeout").asLong());
        assertEquals(5_000_000_000L, h.get("Interval").asLong());
        assertEquals(2, h.get("Retries").asInt());
    }

    @Test
    void commandLineIsEntrypointThenCmdAndRequiresOne() throws Exception {
        assertEquals(List.of("/entry", "serve", "--port", "80"), ConfigMerge.commandLine(ConfigMerge.merge(json("{}"),
                IMAGE)));
        RuntimeError e = assertThrows(RuntimeError.class, () -> ConfigMerge.commandLine(json("{'Entrypoint':[]}")));
        assertEquals(400, e.status());
        assertEquals("No command specified", e.getMessage());
    }

    @Test
    void configOfKeepsOnlyConfigFields() throws Exception {
        ObjectNode c = ConfigMerge.configOf(json("{'Image':'x','Cmd':['a'],'HostConfig':{},'NetworkingConfig':{}}"));
        assertEquals(List.of("Cmd", "Image"), keys(c).stream().sorted().toList());
    }

    private static List<String> keys(JsonNode n) {
        List<String> out = new java.util.ArrayList<>();
        n.fieldNames().forEachRemaining(out::add);
        return out;
    }
}
