package dev.jcompose.load;

import dev.jcompose.error.ComposeException;

import static dev.jcompose.load.BadInputTest.Phase.ASSEMBLE;
import static dev.jcompose.load.BadInputTest.Phase.CONSISTENCY;
import static dev.jcompose.load.BadInputTest.Phase.DISCOVER;
import static dev.jcompose.load.BadInputTest.Phase.ENV;
import static dev.jcompose.load.BadInputTest.Phase.GRAPH;
import static dev.jcompose.load.BadInputTest.Phase.INTERPOLATE;
import static dev.jcompose.load.BadInputTest.Phase.NORMALIZE;
import static dev.jcompose.load.BadInputTest.Phase.SCHEMA;
import static dev.jcompose.load.BadInputTest.Phase.YAML;
import static dev.jcompose.load.BadInputTest.row;

import dev.jcompose.load.BadInputTest.Row;
import dev.jcompose.load.yaml.YamlParser;
import java.util.stream.Stream;

/**
 * The rows of {@link BadInputTest}. Messages of other phases follow docker compose's wording (compose-go and the
 * reference vectors) with jcompose's {@code file:line:col key.path:} in front.
 */
final class BadInputRows {
    private static final String C = "compose.yaml";

    private BadInputRows() {
    }

    static Stream<Row> parserAndSchema() {
        return Stream.of(
                // ---- YAML syntax (YamlParser) ----
                row("tab used for indentation", YAML, "tabs are not allowed for indentation", "compose.yaml:2:1",
                        C, "services:\n\tweb:\n    image: nginx\n"),
                row("tab before a later key", YAML, "tabs are not allowed", "compose.yaml:4:1",
                        C, "services:\n  web:\n    image: nginx\n\tports: []\n"),
                row("unclosed flow sequence", YAML, "expected ',' or ']'", "compose.yaml:2:1",
                        C, "services: [a, b\n"),
                row("unclosed flow mapping", YAML, "expected ',' or '}'", "compose.yaml:2:1",
                        C, "services: {web: {image: nginx}\n"),
                row("unterminated double quote", YAML, "while scanning a quoted scalar", "compose.yaml:3:12",
                        C, "services:\n  web:\n    image: \"nginx\n"),
                row("unterminated single quote", YAML, "while scanning a quoted scalar", "compose.yaml:4:14",
                        C, "services:\n  web:\n    image: nginx\n    command: 'echo hi\n"),
                row("duplicate service", YAML, "duplicate key 'web' (first defined at compose.yaml:2:3)",
                        "compose.yaml:4:3", C, "services:\n  web:\n    image: nginx\n  web:\n    image: httpd\n"),
                row("duplicate key in a service", YAML, "duplicate key 'image'", "compose.yaml:4:5",
                        C, "services:\n  web:\n    image: nginx\n    image: httpd\n"),
                row("bad indentation", YAML, "expected <block end>", "compose.yaml:4:4",
                        C, "services:\n  web:\n    image: nginx\n   ports: []\n"),
                row("value where a mapping continues", YAML, "mapping values are not allowed here", "compose.yaml:2:8",
                        C, "name: x\n  other: y\n"),
                row("character that cannot start a token", YAML, "found character '@'", "compose.yaml:3:12",
                        C, "services:\n  web:\n    image: @nginx\n"),
                row("undefined alias", YAML, "undefined alias nope", "compose.yaml:3:12",
                        C, "services:\n  web:\n    image: *nope\n"),
                row("alias bomb", YAML, "alias bomb", "compose.yaml:", C, aliasBomb()),
                row("recursive anchor", YAML, "recursive anchor", "compose.yaml:2:8",
                        C, "services:\n  web: &w\n    image: x\n    extra: *w\n"),
                row("mapping used as a key", YAML, "mapping keys must be strings", "compose.yaml:1:3",
                        C, "? {a: 1}\n: b\n"),
                row("merge key with a scalar", YAML, "merge key '<<' takes a mapping", "compose.yaml:3:9",
                        C, "services:\n  web:\n    <<: 1\n"),
                row("nesting too deep", YAML, "nested more than 500 levels", "compose.yaml:1:",
                        C, "x: " + "[".repeat(600) + "]".repeat(600) + "\n"),
                row("invalid explicit integer", YAML, "invalid integer 'abc'", "compose.yaml:1:4", C, "x: !!int abc\n"),
                row("huge file", YAML, "file is too large", "compose.yaml", C, hugeFile()),

                // ---- schema (SchemaValidator) ----
                row("misspelt service key", SCHEMA, "additional properties 'imgae' not allowed (did you mean 'image'?)",
                        "compose.yaml:3:5 services.web", C, "services:\n  web:\n    imgae: nginx\n"),
                row("unknown service key", SCHEMA, "additional properties 'wrongField' not allowed",
                        "compose.yaml:4:5 services.web", C, "services:\n  web:\n    image: nginx\n    wrongField: x\n"),
                row("misspelt top-level key", SCHEMA, "additional properties 'servces' not allowed (did you mean 'services'?)",
                        "compose.yaml:1:1", C, "servces:\n  web:\n    image: nginx\n"),
                row("service without a body", SCHEMA, "must be a mapping, not null", "compose.yaml:2:7 services.web",
                        C, "services:\n  web:\n"),
                row("image is a number", SCHEMA, "must be a string, not a number", "compose.yaml:3:12 services.web.image",
                        C, "services:\n  web:\n    image: 42\n"),
                row("port is a list", SCHEMA, "must be an integer, mapping or string, not a list",
                        "compose.yaml:3:13 services.web.ports[0]", C, "services:\n  web:\n    ports: [[80, 80]]\n"),
                row("port number out of range", SCHEMA, "must be less than or equal to 65535",
                        "compose.yaml:3:13 services.web.ports[0]", C, "services:\n  web:\n    ports: [70000]\n"),
                row("long port syntax with a typo", SCHEMA, "additional properties 'publised' not allowed (did you mean 'published'?)",
                        "compose.yaml:3:26 services.web.ports[0]", C,
                        "services:\n  web:\n    ports: [{target: 80, publised: 8080}]\n"),
                row("long volume syntax without type", SCHEMA, "missing required property 'type'",
                        "compose.yaml:3:15 services.web.volumes[0]", C,
                        "services:\n  web:\n    volumes: [{source: data, target: /data}]\n"),
                row("unknown volume type", SCHEMA, "invalid value 'bnd': must be one of 'bind', 'volume', 'tmpfs', 'cluster', 'npipe', 'image' (did you mean 'bind'?)",
                        "compose.yaml:3:22 services.web.volumes[0].type", C,
                        "services:\n  web:\n    volumes: [{type: bnd, source: ., target: /src}]\n"),
                row("depends_on condition misspelt", SCHEMA, "(did you mean 'service_healthy'?)",
                        "compose.yaml:3:34 services.web.depends_on.db.condition", C,
                        "services:\n  web:\n    depends_on: {db: {condition: service_healty}}\n  db:\n    image: pg\n"),
                row("depends_on without condition", SCHEMA, "missing required property 'condition'",
                        "compose.yaml:3:22 services.web.depends_on.db", C,
                        "services:\n  web:\n    depends_on: {db: {restart: true}}\n"),
                row("environment list holding a mapping", SCHEMA, "must be a string, not a mapping",
                        "compose.yaml:4:9 services.web.environment[0]", C,
                        "services:\n  web:\n    environment:\n      - FOO: bar\n"),
                row("environment value is a list", SCHEMA, "must be a boolean, null, number or string, not a list",
                        "compose.yaml:3:24 services.web.environment.FOO", C,
                        "services:\n  web:\n    environment: {FOO: [\"1\"]}\n"),
                row("service name with a space", SCHEMA, "invalid key 'my web'", "compose.yaml:2:3 services",
                        C, "services:\n  my web:\n    image: nginx\n"),
                row("duration in words", SCHEMA, "must be a duration such as 30s",
                        "compose.yaml:3:29 services.web.healthcheck.interval", C,
                        "services:\n  web:\n    healthcheck: {interval: ten seconds}\n"),
                row("unknown restart policy", SCHEMA, "invalid value 'sometimes'", "compose.yaml:3:14 services.web.restart",
                        C, "services:\n  web:\n    restart: sometimes\n"),
                row("memory limit without digits", SCHEMA, "must be a size such as 512m",
                        "compose.yaml:3:16 services.web.mem_limit", C, "services:\n  web:\n    mem_limit: lots\n"),
                row("version as a number", SCHEMA, "must be a string, not a number", "compose.yaml:1:10 version",
                        C, "version: 3.8\nservices: {}\n"),
                row("command as a mapping", SCHEMA, "must be a list, null or string, not a mapping",
                        "compose.yaml:3:14 services.web.command", C, "services:\n  web:\n    command: {run: x}\n"),
                row("replicas as a boolean", SCHEMA, "must be an integer or string, not a boolean",
                        "compose.yaml:3:24 services.web.deploy.replicas", C,
                        "services:\n  web:\n    deploy: {replicas: true}\n"),
                row("external network with a typo", SCHEMA, "(did you mean 'name'?)",
                        "compose.yaml:4:7 networks.front.external", C,
                        "networks:\n  front:\n    external:\n      nme: shared\n"),
                row("secret with a typo", SCHEMA, "additional properties 'fille' not allowed (did you mean 'file'?)",
                        "compose.yaml:3:5 secrets.token", C, "secrets:\n  token:\n    fille: ./token.txt\n"),
                row("unknown jcompose engine", SCHEMA, "must be one of 'auto', 'docker', 'embedded'",
                        "compose.yaml:2:11 x-jcompose.engine", C, "x-jcompose:\n  engine: podman\n"));
    }

    static Stream<Row> otherPhases() {
        return Stream.of(
                // ---- interpolation ----
                row("template opened but not closed", INTERPOLATE, "invalid interpolation format",
                        "compose.yaml:3:12 services.web.image", C, "services:\n  web:\n    image: \"nginx:${\"\n"),
                row("template with a space", INTERPOLATE, "invalid interpolation format",
                        "compose.yaml:3:12 services.web.image", C, "services:\n  web:\n    image: \"${ TAG}\"\n"),
                row("template with an unknown operator", INTERPOLATE, "invalid interpolation format",
                        "compose.yaml:3:12 services.web.image", C, "services:\n  web:\n    image: \"${TAG!}\"\n"),
                row("required variable with a message", INTERPOLATE, "required variable TAG is missing a value: TAG must be set",
                        "compose.yaml:3:12 services.web.image", C,
                        "services:\n  web:\n    image: \"nginx:${TAG:?TAG must be set}\"\n"),
                row("required variable without a message", INTERPOLATE, "required variable PORT is missing a value",
                        "compose.yaml:4:9 services.web.ports[0]", C,
                        "services:\n  web:\n    ports:\n      - \"${PORT?}:80\"\n"),
                row("required variable empty in .env", ENV, "required variable TAG is missing a value",
                        "compose.yaml:3:12 services.web.image", C,
                        "services:\n  web:\n    image: \"nginx:${TAG:?}\"\n", ".env", "TAG=\n"),

                // ---- .env and env_file ----
                row("unterminated double quote in .env", ENV, "unterminated quoted value", "failed to read .env: line 2",
                        C, "services:\n  web:\n    image: nginx\n", ".env", "A=1\nB=\"value\n"),
                row("unterminated single quote in .env", ENV, "unterminated quoted value", "failed to read .env: line 1",
                        C, "services:\n  web:\n    image: nginx\n", ".env", "KEY='value\n"),
                row("space in a .env key", ENV, "key cannot contain a space", "failed to read .env: line 2",
                        C, "services:\n  web:\n    image: nginx\n", ".env", "OK=1\nBAD KEY=2\n"),
                row("invalid character in a .env key", ENV, "unexpected character \"%\" in variable name", "failed to read .env: line 1",
                        C, "services:\n  web:\n    image: nginx\n", ".env", "%BAD=1\n"),
                row("missing required env_file", ENV, "missing.env", "compose.yaml:4:",
                        C, "services:\n  web:\n    image: nginx\n    env_file: [missing.env]\n"),
                row("unterminated quote in an env_file", ENV, "unterminated quoted value", "failed to read web.env: line 1",
                        C, "services:\n  web:\n    image: nginx\n    env_file: web.env\n", "web.env", "X=\"open\n"),

                // ---- normalisation: short syntax parsing ----
                row("port with letters", NORMALIZE, "80:abc", "compose.yaml:4:9 services.web.ports[0]",
                        C, "services:\n  web:\n    ports:\n      - \"80:abc\"\n"),
                row("inverted port range", NORMALIZE, "8010-8000", "compose.yaml:4:9 services.web.ports[0]",
                        C, "services:\n  web:\n    ports:\n      - \"8010-8000:80\"\n"),
                row("unknown port protocol", NORMALIZE, "tcpp", "compose.yaml:4:9 services.web.ports[0]",
                        C, "services:\n  web:\n    ports:\n      - \"80:80/tcpp\"\n"),
                row("volume with an empty source", NORMALIZE, "empty section between colons",
                        "compose.yaml:4:9 services.web.volumes[0]", C,
                        "services:\n  web:\n    volumes:\n      - \"data::/data\"\n"),
                row("environment key with a trailing space", NORMALIZE, "is declared with a trailing space",
                        "compose.yaml:4:9 services.web.environment[0]", C,
                        "services:\n  web:\n    environment:\n      - DEBUG = true\n"),

                // ---- include / extends / files ----
                row("include of a missing file", ASSEMBLE, "missing.yaml", "compose.yaml:1:11 include[0]",
                        C, "include: [missing.yaml]\nservices:\n  web:\n    image: nginx\n"),
                row("extends a missing service", ASSEMBLE, "nope", "compose.yaml:4:",
                        C, "services:\n  web:\n    image: nginx\n    extends: {service: nope}\n"),
                row("include cycle", ASSEMBLE, "include cycle detected", "",
                        C, "include: [a.yaml]\n", "a.yaml", "include: [compose.yaml]\n"),
                row("empty compose file", DISCOVER, "empty compose file", "compose.yaml", C, ""),
                row("no compose file in the project", DISCOVER, "no configuration file provided", "",
                        ".env", "A=1\n").withKind(ComposeException.Kind.NOT_FOUND),

                // ---- dependency graph and references ----
                row("depends_on cycle", GRAPH, "dependency cycle detected: a -> b -> a", "compose.yaml:",
                        C, "services:\n  a:\n    image: x\n    depends_on: [b]\n  b:\n    image: x\n    depends_on: [a]\n"),
                row("service depends on itself", GRAPH, "dependency cycle detected: a -> a", "compose.yaml:",
                        C, "services:\n  a:\n    image: x\n    depends_on: [a]\n"),
                row("depends_on an undefined service", CONSISTENCY, "depends on undefined service \"db\"",
                        "compose.yaml:4:", C,
                        "services:\n  web:\n    image: nginx\n    depends_on: [db]\n"),
                row("undefined network", CONSISTENCY, "refers to undefined network front",
                        "compose.yaml:4:", C,
                        "services:\n  web:\n    image: nginx\n    networks: [front]\n"));
    }

    /** Nine levels of nine aliases: 9^8 values once expanded, from a few hundred bytes. */
    private static String aliasBomb() {
        StringBuilder y = new StringBuilder("a0: &a0 [x, x, x, x, x, x, x, x, x]\n");
        for (int i = 1; i <= 8; i++) {
            String prev = "*a" + (i - 1);
            y.append("a").append(i).append(": &a").append(i).append(" [")
                    .append(String.join(", ", java.util.Collections.nCopies(9, prev))).append("]\n");
        }
        return y.toString();
    }

    private static String hugeFile() {
        return "# " + "x".repeat(YamlParser.MAX_CODE_POINTS) + "\n";
    }
}
