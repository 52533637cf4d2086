package dev.jcompose.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jcompose.engine.ContainerInfo;
import dev.jcompose.engine.ContainerState;
import dev.jcompose.engine.HealthStatus;
import dev.jcompose.engine.PublishedPort;
import dev.jcompose.error.ComposeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The Go formats docker prints with, against values from docker's and go-units' own tests and Go itself. */
class FormattingTest {
    /** docker/cli formatter TestDisplayablePorts, transcribed: "ip|public|private|type;..." → expected. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '=', value = {
        "|0|9988|tcp = 9988/tcp",
        "|0|9988|udp = 9988/udp",
        "0.0.0.0|0|9988|tcp = 0.0.0.0:0->9988/tcp",
        ":: |0|9988|tcp = [::]:0->9988/tcp",
        "4.3.2.1|8899|9988|tcp = 4.3.2.1:8899->9988/tcp",
        "::1|8899|9988|tcp = [::1]:8899->9988/tcp",
        "4.3.2.1|9988|9988|tcp = 4.3.2.1:9988->9988/tcp",
        "::1|9988|9988|tcp = [::1]:9988->9988/tcp",
        "|0|9988|udp;|0|9988|udp = 9988/udp, 9988/udp",
        "1.2.3.4|9998|9998|udp;1.2.3.4|9999|9999|udp = 1.2.3.4:9998-9999->9998-9999/udp",
        "::1|9998|9998|udp;::1|9999|9999|udp = [::1]:9998-9999->9998-9999/udp",
        "1.2.3.4|8887|9998|udp;1.2.3.4|8888|9999|udp = 1.2.3.4:8887->9998/udp, 1.2.3.4:8888->9999/udp",
        "|0|9998|udp;|0|9999|udp = 9998-9999/udp",
        "1.2.3.4|7766|6677|tcp;|0|9988|udp = 9988/udp, 1.2.3.4:7766->6677/tcp",
        "1.2.3.4|8899|9988|udp;1.2.3.4|8899|9988|tcp;4.3.2.1|3322|2233|tcp;::1|3322|2233|tcp"
                + " = 4.3.2.1:3322->2233/tcp, [::1]:3322->2233/tcp, 1.2.3.4:8899->9988/tcp, 1.2.3.4:8899->9988/udp",
    })
    void displayablePorts(String spec, String expected) {
        List<PublishedPort> ports = new ArrayList<>();
        for (String p : spec.strip().split(";")) {
            String[] f = p.split("\\|", -1);
            ports.add(new PublishedPort(f[0].strip(), Integer.parseInt(f[1]), Integer.parseInt(f[2]), f[3]));
        }
        assertEquals(expected.strip(), PortsText.of(ports));
    }

    /** go-units duration_test.go (v0.5.0), transcribed: d, h, m, s → text. */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"0s450ms, Less than a second", "1s, 1 second", "45s, 45 seconds", "59s, 59 seconds",
        "60s, About a minute", "35m, 35 minutes", "35m40s, 35 minutes", "59m, 59 minutes", "1h, About an hour",
        "1h29m, About an hour", "1h31m, 2 hours", "1h59m, 2 hours", "3h29m, 3 hours", "3h31m, 4 hours",
        "24h, 24 hours", "36h, 36 hours", "48h, 2 days", "168h, 7 days", "317h, 13 days", "336h, 2 weeks",
        "432h, 2 weeks", "720h, 4 weeks", "1056h, 6 weeks", "1440h, 2 months", "1776h, 2 months",
        "2328h, 3 months", "9360h, 13 months", "17280h, 24 months", "17616h, 2 years", "27720h, 3 years"})
    void humanDuration(String go, String expected) {
        assertEquals(expected, GoFormat.humanDuration(TimeArg.goDuration(go)));
    }

    /** go-units size_test.go HumanSize (precision 4), and precision 3 as `images` uses it. */
    @ParameterizedTest(name = "{0} p{1}")
    @CsvSource({"1000, 4, 1kB", "1024, 4, 1.024kB", "1000000, 4, 1MB", "1048576, 4, 1.049MB", "2000000, 4, 2MB",
        "3.42e9, 4, 3.42GB", "5.372e12, 4, 5.372TB", "2.22e15, 4, 2.22PB", "1e28, 4, 1e+04YB", "0, 3, 0B",
        "1024, 3, 1.02kB", "1978000, 3, 1.98MB", "999499, 3, 999kB", "999500, 3, 1e+03kB", "123456789, 3, 123MB"})
    void humanSize(double size, int precision, String expected) {
        assertEquals(expected, GoFormat.humanSize(size, precision));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {"sleep 1000|20|sleep 1000", "sh -c 'mkdir -p /www && e'|20|sh -c 'mkdir -p /ww…",
        "abcdef|1|a", "abcdef|6|abcdef", "abcdefg|6|abcde…"})
    void ellipsis(String text, int max, String expected) {
        assertEquals(expected, GoFormat.ellipsis(text, max));
    }

    @Test
    void quoteIsGoStrconvQuote() {
        assertEquals("\"sh -c 'a \\\"b\\\"'\"", GoFormat.quote("sh -c 'a \"b\"'"));
        assertEquals("\"tab\\tnl\\nbell\\a\\x01\\x7f\"", GoFormat.quote("tab\tnl\nbell\u0007\u0001\u007f"));
        assertEquals("\"héllo ☃ \\u200b\"", GoFormat.quote("héllo ☃ \u200b"));
    }

    @Test
    void goTimeFormats() {
        Instant t = Instant.parse("2024-03-01T10:00:00.120000Z");
        assertEquals("2024-03-01 10:00:00 +0000 UTC", GoFormat.timeString(t.minusNanos(120_000_000),
                ZoneId.of("UTC")));
        assertEquals("2024-03-01 11:00:00 +0100 CET", GoFormat.timeString(t.minusNanos(120_000_000),
                ZoneId.of("Europe/Paris")));
        assertEquals("2024-03-01T10:00:00.12Z", GoFormat.rfc3339Nano(t));
        assertEquals("2024-03-01T10:00:00Z", GoFormat.rfc3339Nano(t.minusNanos(120_000_000)));
        assertEquals("2024-03-01T10:00:00.120000000Z", GoFormat.rfc3339NanoFixed(t, ZoneId.of("UTC")));
        assertEquals("2024-03-01T11:00:00.120000000+01:00", GoFormat.rfc3339NanoFixed(t, ZoneId.of("Europe/Paris")));
    }

    @Test
    void goJsonEscapesLikeEncodingJson() {
        java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("a", "x<y>&");
        m.put("b", java.util.Arrays.asList(1, true, null));
        assertEquals("{\"a\":\"x\\u003cy\\u003e\\u0026\",\"b\":[1,true,null]}", GoJson.write(m, true));
        assertEquals("\"x<y>&\\b\\f\\u0001\\u2028\"", GoJson.write("x<y>&\b\f\u0001\u2028", false));
    }

    /** docker's timetypes.GetTimestamp inputs, against a fixed now in UTC. */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"42m, 2024-03-01T09:18:00Z", "1h30m, 2024-03-01T08:30:00Z", "1.5h, 2024-03-01T08:30:00Z",
        "10s, 2024-03-01T09:59:50Z", "2013-01-02T13:23:37Z, 2013-01-02T13:23:37Z",
        "2013-01-02T13:23:37.5+02:00, 2013-01-02T11:23:37.500Z", "2013-01-02T13:23, 2013-01-02T13:23:00Z",
        "2013-01-02T13, 2013-01-02T13:00:00Z", "2013-01-02, 2013-01-02T00:00:00Z",
        "1700000000, 2023-11-14T22:13:20Z", "1700000000.25, 2023-11-14T22:13:20.250Z"})
    void timeArguments(String value, String expected) {
        Instant now = Instant.parse("2024-03-01T10:00:00Z");
        assertEquals(Instant.parse(expected), TimeArg.parse(value, now, ZoneId.of("UTC")));
    }

    @Test
    void badTimeArgumentsAreUsageErrors() {
        ComposeException e = assertThrows(ComposeException.class, () -> TimeArg.parse("yesterday", Instant.EPOCH,
                ZoneId.of("UTC")));
        assertEquals("failed to parse value as time or duration: \"yesterday\"", e.getMessage());
        assertThrows(ComposeException.class, () -> TimeArg.parse("2013-13-45", Instant.EPOCH, ZoneId.of("UTC")));
    }

    /** Docker's State.String() for engines that report no status text. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "RUNNING|NONE|0|Up 3 seconds", "RUNNING|HEALTHY|0|Up 3 seconds (healthy)",
        "RUNNING|STARTING|0|Up 3 seconds (health: starting)", "PAUSED|NONE|0|Up 3 seconds (Paused)",
        "RESTARTING|NONE|1|Restarting (1) 2 minutes ago", "EXITED|NONE|0|Exited (0) 2 minutes ago",
        "DEAD|NONE|0|Dead", "CREATED|NONE|0|Created"})
    void dockerStatus(ContainerState state, HealthStatus health, int exit, String expected) {
        Instant now = Instant.parse("2024-03-01T10:00:00Z");
        boolean started = state != ContainerState.CREATED;
        ContainerInfo.Status s = new ContainerInfo.Status(state, exit, 1, false, "",
                started ? now.minusSeconds(3) : null, started ? now.minusSeconds(150) : null, health);
        assertEquals(expected, DockerStatus.of(s, now));
    }

    @Test
    void tabWriterPadsColumnsButNotTheLastCell() {
        assertEquals("a         bb        c\nlonger    x         \n", TabWriter.format("a\tbb\tc\nlonger\tx\t\n",
                10, 3));
        assertEquals("name          x\nmuch-longer   y\n", TabWriter.format("name\tx\nmuch-longer\ty\n", 10, 3));
        assertEquals("ab  c\n", TabWriter.format("ab\tc\n", 4, 2));
    }
}
