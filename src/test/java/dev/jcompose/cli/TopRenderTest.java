package dev.jcompose.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jcompose.app.ContainerProcesses;
import dev.jcompose.engine.ProcessList;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** `top` output against compose's own expectations (cmd/compose/top_test.go, transcribed as data). */
class TopRenderTest {
    static final List<String> STD = List.of("UID", "PID", "PPID", "C", "STIME", "TTY", "TIME", "CMD");

    record Case(String name, List<String> titles, List<List<String>> procs, String output) {
        ContainerProcesses container() {
            return new ContainerProcesses("not used", name, "1", new ProcessList(titles, procs));
        }
    }

    static final List<Case> CASES = List.of(
            new Case("noprocs", STD, List.of(), ""),
            new Case("simple", STD, List.of(List.of("root", "1", "1", "0", "12:00", "?", "00:00:01", "/entrypoint")),
                    """
                    SERVICE  #   UID   PID  PPID  C   STIME  TTY  TIME      CMD
                    simple   1   root  1    1     0   12:00  ?    00:00:01  /entrypoint
                    """),
            new Case("noppid", List.of("UID", "PID", "C", "STIME", "TTY", "TIME", "CMD"),
                    List.of(List.of("root", "1", "0", "12:00", "?", "00:00:02", "/entrypoint")), """
                    SERVICE  #   UID   PID  C   STIME  TTY  TIME      CMD
                    noppid   1   root  1    0   12:00  ?    00:00:02  /entrypoint
                    """),
            new Case("extra-hdr", List.of("UID", "GID", "PID", "PPID", "C", "STIME", "TTY", "TIME", "CMD"),
                    List.of(List.of("root", "1", "1", "1", "0", "12:00", "?", "00:00:03", "/entrypoint")), """
                    SERVICE    #   UID   GID  PID  PPID  C   STIME  TTY  TIME      CMD
                    extra-hdr  1   root  1    1    1     0   12:00  ?    00:00:03  /entrypoint
                    """),
            new Case("multiple", STD, List.of(List.of("root", "1", "1", "0", "12:00", "?", "00:00:04", "/entrypoint"),
                    List.of("root", "123", "1", "0", "12:00", "?", "00:00:42", "sleep infinity")), """
                    SERVICE   #   UID   PID  PPID  C   STIME  TTY  TIME      CMD
                    multiple  1   root  1    1     0   12:00  ?    00:00:04  /entrypoint
                    multiple  1   root  123  1     0   12:00  ?    00:00:42  sleep infinity
                    """));

    static Stream<Arguments> cases() {
        return CASES.stream().map(c -> Arguments.of(c.name(), c));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void oneContainer(String name, Case c) {
        assertEquals(c.output(), TopCommand.render(List.of(c.container())));
    }

    @Test
    void allContainersShareOneHeaderWithCmdLastAndDashesForMissingColumns() {
        List<ContainerProcesses> all = new ArrayList<>();
        CASES.forEach(c -> all.add(c.container()));
        assertEquals("""
                SERVICE    #   UID   PID  PPID  C   STIME  TTY  TIME      GID  CMD
                simple     1   root  1    1     0   12:00  ?    00:00:01  -    /entrypoint
                noppid     1   root  1    -     0   12:00  ?    00:00:02  -    /entrypoint
                extra-hdr  1   root  1    1     0   12:00  ?    00:00:03  1    /entrypoint
                multiple   1   root  1    1     0   12:00  ?    00:00:04  -    /entrypoint
                multiple   1   root  123  1     0   12:00  ?    00:00:42  -    sleep infinity
                """, TopCommand.render(all));
    }
}
