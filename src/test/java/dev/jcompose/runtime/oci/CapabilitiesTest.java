package dev.jcompose.runtime.oci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CapabilitiesTest {
    @Test
    void dockerDefaultIsTheWellKnownMask() {
        assertEquals(14, Capabilities.DOCKER_DEFAULT.size());
        assertEquals("00000000a80425fb", Capabilities.mask(Capabilities.DOCKER_DEFAULT));
    }

    @Test
    void numbersFollowTheKernelHeader() {
        assertEquals(21, Capabilities.ALL_KNOWN.indexOf("CAP_SYS_ADMIN"));
        assertEquals(40, Capabilities.ALL_KNOWN.indexOf("CAP_CHECKPOINT_RESTORE"));
        assertEquals(38, Capabilities.allOnHost(37).size());
    }

    /** add | drop | expected change against Docker's default (+X added, -X removed), "=" none; "ONLY" = exact. */
    @ParameterizedTest(name = "add [{0}] drop [{1}]")
    @CsvSource(delimiter = '|', value = {
        "'' | '' | =",
        "NET_ADMIN | '' | +CAP_NET_ADMIN",
        "cap_sys_admin | '' | +CAP_SYS_ADMIN",
        "'' | MKNOD,cap_net_raw | -CAP_MKNOD -CAP_NET_RAW",
        "NET_ADMIN | NET_ADMIN | +CAP_NET_ADMIN",
        "CHOWN,KILL | ALL | ONLY CAP_CHOWN CAP_KILL",
        "'' | all | ONLY",
    })
    void dockerArithmetic(String add, String drop, String expected) {
        List<String> caps = Capabilities.effective(SecurityOptions.DEFAULT.withCaps(split(add), split(drop)), 40);
        Set<String> want = new TreeSet<>();
        if (expected.startsWith("ONLY")) {
            want.addAll(Arrays.asList(expected.substring(4).trim().split(" ")));
            want.remove("");
        } else {
            want.addAll(Capabilities.DOCKER_DEFAULT);
            for (String change : expected.split(" ")) {
                if (change.startsWith("+")) {
                    want.add(change.substring(1));
                } else if (change.startsWith("-")) {
                    want.remove(change.substring(1));
                }
            }
        }
        assertEquals(List.copyOf(want), caps);
    }

    @Test
    void addAllGivesEverythingButTheDrops() {
        List<String> caps = Capabilities.effective(SecurityOptions.DEFAULT.withCaps(Set.of("ALL"),
                Set.of("SYS_ADMIN")), 40);
        assertEquals(40, caps.size());
        assertTrue(!caps.contains("CAP_SYS_ADMIN") && caps.contains("CAP_SYS_MODULE"));
    }

    @Test
    void privilegedGetsEveryCapabilityTheKernelKnows() {
        assertEquals(Capabilities.ALL_KNOWN.subList(0, 39).stream().sorted().toList(),
                Capabilities.effective(SecurityOptions.DEFAULT.withPrivileged(true), 38));
    }

    @Test
    void unknownNamesAreRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Capabilities.effective(SecurityOptions.DEFAULT.withCaps(Set.of("SYS_MAGIC"), Set.of()), 40));
        assertEquals("unknown capability: \"SYS_MAGIC\"", e.getMessage());
    }

    private static Set<String> split(String csv) {
        Set<String> out = new TreeSet<>(Arrays.asList(csv.split(",")));
        out.remove("");
        return out;
    }
}
