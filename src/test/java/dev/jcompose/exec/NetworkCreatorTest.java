package dev.jcompose.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jcompose.engine.NetworkSpec;
import dev.jcompose.engine.fake.FakeEngine;
import dev.jcompose.error.ComposeException;
import dev.jcompose.state.Labels;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A network an interrupted run of the same project created (every label equal) is kept as created; one with other
 * labels, or none, stays the user's conflict.
 */
class NetworkCreatorTest {
    private static final Map<String, String> OURS = Map.of(Labels.PROJECT, "demo", Labels.NETWORK, "default",
            Labels.CONFIG_HASH, "abc");
    private final FakeEngine fake = new FakeEngine();
    private final NetworkCreator creator = new NetworkCreator(fake);

    @Test
    void createsANewNetwork() throws Exception {
        creator.create(NetworkSpec.of("demo_default", OURS));
        assertEquals(OURS, fake.inspectNetwork("demo_default").labels());
    }

    @Test
    void theNetworkOfAnInterruptedRunOfTheSameProjectIsKept() throws Exception {
        String id = fake.createNetwork(NetworkSpec.of("demo_default", OURS));
        creator.create(NetworkSpec.of("demo_default", OURS));
        assertEquals(id, fake.inspectNetwork("demo_default").id());
        assertEquals(1, fake.listNetworks(List.of(Labels.PROJECT + "=demo")).size());
    }

    @Test
    void aNetworkWithOtherLabelsOrNoneIsAConflict() {
        fake.createNetwork(NetworkSpec.of("demo_default", Map.of(Labels.PROJECT, "demo", Labels.NETWORK, "default",
                Labels.CONFIG_HASH, "old")));
        ComposeException e = assertThrows(ComposeException.class,
                () -> creator.create(NetworkSpec.of("demo_default", OURS)));
        assertEquals(ComposeException.Kind.CONFLICT, e.kind());
        fake.createNetwork(NetworkSpec.of("user_net", Map.of()));
        assertThrows(ComposeException.class, () -> creator.create(NetworkSpec.of("user_net", OURS)));
    }
}
