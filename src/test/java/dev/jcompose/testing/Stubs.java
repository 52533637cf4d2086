package dev.jcompose.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.function.Supplier;

/**
 * Loader phases are written by several engineers at once; a test that needs a phase still throwing
 * UnsupportedOperationException("not yet implemented...") is skipped, not failed.
 */
public final class Stubs {
    private Stubs() {
    }

    public static <T> T unlessStub(Supplier<T> action) {
        try {
            return action.get();
        } catch (UnsupportedOperationException e) {
            assumeTrue(false, "a phase is not implemented yet: " + e.getMessage());
            return null;
        }
    }

    /** Skips when a CLI run failed on a stub (the CLI reports it as an internal error). */
    public static void skipIfStub(String stderr) {
        assumeTrue(!stderr.contains("not yet implemented"), "a phase is not implemented yet: " + stderr.strip());
    }
}
