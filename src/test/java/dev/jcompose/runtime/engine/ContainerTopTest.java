package dev.jcompose.runtime.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** ps output becomes Docker's top table: titles from the header, rows of the container's pids only. */
class ContainerTopTest {
    @Test
    void keepsTheContainersRowsAndTheCommandsSpaces() {
        String ps = """
                UID          PID    PPID  C STIME TTY          TIME CMD
                root           1       0  0 03:00 ?        00:00:01 /sbin/init
                root        4242    4200  0 03:50 ?        00:00:00 sleep 1000
                nobody      4243    4242  0 03:50 ?        00:00:00 sh -c echo a  b
                """;
        ContainerTop.Table t = ContainerTop.parse(ps, Set.of("4242", "4243"));
        assertEquals(List.of("UID", "PID", "PPID", "C", "STIME", "TTY", "TIME", "CMD"), t.titles());
        assertEquals(List.of(List.of("root", "4242", "4200", "0", "03:50", "?", "00:00:00", "sleep 1000"),
                List.of("nobody", "4243", "4242", "0", "03:50", "?", "00:00:00", "sh -c echo a  b")), t.processes());
    }

    @Test
    void theTestJvmIsInItsOwnCgroupNotAContainers() {
        assertEquals(Set.of(), ContainerTop.pidsInCgroup("/jct-no-such-parent/0123"));
    }
}
