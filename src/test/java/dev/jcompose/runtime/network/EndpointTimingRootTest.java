package dev.jcompose.runtime.network;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Measures what docs/runtime-network.md reports: namespace and endpoint set-up and teardown times. */
@Tag("root")
class EndpointTimingRootTest extends RootFixture {
    @Test
    void endpointSetupTakesMilliseconds() {
        manager.create(NetworkSpec.bridge("jct-time"));
        int rounds = 20;
        long netns = 0;
        long attach = 0;
        long teardown = 0;
        for (int i = 0; i < rounds + 3; i++) {
            long t0 = System.nanoTime();
            Path ns = manager.createNetns("t" + i);
            long t1 = System.nanoTime();
            manager.attach("t" + i, ns, "jct-time", null, List.of("t" + i));
            long t2 = System.nanoTime();
            manager.removeNetns("t" + i);
            long t3 = System.nanoTime();
            if (i >= 3) { // warm-up rounds excluded
                netns += t1 - t0;
                attach += t2 - t1;
                teardown += t3 - t2;
            }
        }
        double ms = 1_000_000.0 * rounds;
        System.out.printf("MEASURED endpoint: netns %.1f ms, attach %.1f ms, detach+netns del %.1f ms (mean of %d)%n",
                netns / ms, attach / ms, teardown / ms, rounds);
        assertTrue(attach / ms < 500, "attach is far below a human-visible delay");
    }
}
