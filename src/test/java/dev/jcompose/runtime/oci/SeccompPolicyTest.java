package dev.jcompose.runtime.oci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The effect of the bundled profile, checked syscall by syscall (the golden test pins the exact bytes). */
class SeccompPolicyTest {
    private static final SeccompPolicy POLICY = SeccompPolicy.bundledDefault();
    private static final HostPlatform AMD64 = OciFixtures.HOST;
    private static final Set<String> DEFAULT_CAPS = Capabilities.DOCKER_DEFAULT;

    @ParameterizedTest
    @ValueSource(strings = {"mount", "umount2", "unshare", "setns", "keyctl", "add_key", "request_key", "bpf",
        "kexec_load", "kexec_file_load", "pivot_root", "open_by_handle_at", "init_module", "reboot", "swapon",
        "perf_event_open", "userfaultfd", "clock_settime", "acct", "iopl", "syslog", "ptrace_is_not_a_syscall"})
    void blockedWithDockersDefaultCapabilities(String syscall) {
        assertFalse(POLICY.allowedNames(DEFAULT_CAPS, AMD64).contains(syscall), syscall + " must be blocked");
    }

    @ParameterizedTest
    @ValueSource(strings = {"read", "write", "openat", "execve", "clone", "exit_group", "futex", "epoll_wait",
        "chroot", "arch_prctl", "ptrace", "io_uring_setup", "statx", "wait4", "rt_sigreturn"})
    void neededByOrdinaryProgramsIsAllowed(String syscall) {
        Set<String> names = new HashSet<>(POLICY.allowedNames(DEFAULT_CAPS, AMD64));
        argumentRules(POLICY.resolve(DEFAULT_CAPS, AMD64)).forEach(names::add);
        assertTrue(names.contains(syscall), syscall + " must be allowed");
    }

    @Test
    void capabilitiesOpenTheirSyscalls() {
        Set<String> withAdmin = new TreeSet<>(DEFAULT_CAPS);
        withAdmin.add("CAP_SYS_ADMIN");
        Set<String> names = POLICY.allowedNames(withAdmin, AMD64);
        assertTrue(names.containsAll(List.of("mount", "umount2", "unshare", "setns", "clone", "clone3")));
        ObjectNode resolved = POLICY.resolve(withAdmin, AMD64);
        assertFalse(argumentRules(resolved).contains("clone"), "no clone flag filter with CAP_SYS_ADMIN");
        assertFalse(errnoRules(resolved).contains("clone3"));
        Set<String> withoutChroot = new TreeSet<>(DEFAULT_CAPS);
        withoutChroot.remove("CAP_SYS_CHROOT");
        assertFalse(POLICY.allowedNames(withoutChroot, AMD64).contains("chroot"));
    }

    @Test
    void oldKernelsDoNotGetPtrace() {
        HostPlatform old = new HostPlatform("amd64", 4, 4, 36, false, Optional.empty());
        assertFalse(POLICY.allowedNames(DEFAULT_CAPS, old).contains("ptrace"));
        assertTrue(POLICY.allowedNames(DEFAULT_CAPS, AMD64).contains("ptrace"));
    }

    @Test
    void architectureDecidesArchSpecificSyscallsAndTheFilterArches() {
        HostPlatform arm = new HostPlatform("arm64", 6, 1, 40, false, Optional.of(Path.of("/x")));
        assertFalse(POLICY.allowedNames(DEFAULT_CAPS, arm).contains("arch_prctl"));
        assertTrue(POLICY.allowedNames(DEFAULT_CAPS, arm).contains("set_tls"));
        assertEquals("[\"SCMP_ARCH_AARCH64\",\"SCMP_ARCH_ARM\"]",
                POLICY.resolve(DEFAULT_CAPS, arm).path("architectures").toString());
        assertEquals("[\"SCMP_ARCH_X86_64\",\"SCMP_ARCH_X86\",\"SCMP_ARCH_X32\"]",
                POLICY.resolve(DEFAULT_CAPS, AMD64).path("architectures").toString());
    }

    @Test
    void defaultActionIsEpermAndUnconditionalNamesAreNotAlsoFiltered() {
        ObjectNode resolved = POLICY.resolve(DEFAULT_CAPS, AMD64);
        assertEquals("SCMP_ACT_ERRNO", resolved.path("defaultAction").asText());
        assertEquals(1, resolved.path("defaultErrnoRet").asInt());
        Set<String> unconditional = POLICY.allowedNames(DEFAULT_CAPS, AMD64);
        for (String filtered : argumentRules(resolved)) {
            assertFalse(unconditional.contains(filtered), filtered + " is both allowed and argument-filtered");
        }
        assertEquals(Set.of("socket", "personality", "clone"), argumentRules(resolved));
        assertEquals(Set.of("clone3"), errnoRules(resolved));
    }

    private static Set<String> argumentRules(JsonNode resolved) {
        Set<String> out = new TreeSet<>();
        for (JsonNode g : resolved.path("syscalls")) {
            if (g.has("args")) {
                g.path("names").forEach(n -> out.add(n.asText()));
            }
        }
        return out;
    }

    private static Set<String> errnoRules(JsonNode resolved) {
        Set<String> out = new TreeSet<>();
        for (JsonNode g : resolved.path("syscalls")) {
            if (g.path("action").asText().equals("SCMP_ACT_ERRNO")) {
                g.path("names").forEach(n -> out.add(n.asText()));
            }
        }
        return out;
    }
}
