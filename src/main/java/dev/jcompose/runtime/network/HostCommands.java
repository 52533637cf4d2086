package dev.jcompose.runtime.network;

import java.util.List;

/**
 * The edge to the host's tools ({@code ip}, {@code iptables}, {@code sysctl}). Production runs processes; unit
 * tests substitute a recorder, so the managers' decisions are testable without root.
 */
public interface HostCommands {
    record Result(int exitCode, String stdout, String stderr) {
        public boolean ok() {
            return exitCode == 0;
        }
    }

    /** Runs {@code argv} with {@code stdin} (may be empty) and waits for it. */
    Result run(List<String> argv, String stdin);

    default Result run(List<String> argv) {
        return run(argv, "");
    }
}
