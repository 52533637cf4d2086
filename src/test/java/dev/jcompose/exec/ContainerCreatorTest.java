package dev.jcompose.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcompose.engine.ContainerSpec;
import dev.jcompose.engine.ImageConfig;
import dev.jcompose.engine.fake.FakeEngine;
import dev.jcompose.error.ComposeException;
import dev.jcompose.state.Labels;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A name taken by a leftover of the same slot is replaced; a name taken by anything else is the user's conflict. */
class ContainerCreatorTest {
    private final FakeEngine fake = new FakeEngine();
    private final ContainerCreator creator = new ContainerCreator(fake);

    @BeforeEach
    void image() {
        fake.addImage("busybox", ImageConfig.EMPTY);
    }

    private static ContainerSpec spec(String project, String service, String number) {
        return ContainerSpec.builder("demo-web-1", "busybox").label(Labels.PROJECT, project)
                .label(Labels.SERVICE, service).label(Labels.CONTAINER_NUMBER, number).build();
    }

    @Test
    void aLeftoverOfTheSameSlotIsReplaced() throws Exception {
        String leftover = fake.createContainer(spec("demo", "web", "1"));
        String id = creator.create(spec("demo", "web", "1"));
        assertNotEquals(leftover, id);
        assertEquals(id, fake.inspectContainer("demo-web-1").id());
        assertEquals(1, fake.listContainers(List.of(), true).size());
    }

    @Test
    void aContainerOfAnotherSlotKeepsItsName() {
        String other = fake.createContainer(spec("demo", "web", "2"));
        ComposeException e = assertThrows(ComposeException.class, () -> creator.create(spec("demo", "web", "1")));
        assertEquals(ComposeException.Kind.CONFLICT, e.kind());
        assertTrue(e.getMessage().contains("already in use"), e.getMessage());
        assertEquals(other, fake.inspectContainer("demo-web-1").id());
    }

    @Test
    void aContainerOutsideAnyProjectKeepsItsName() {
        String user = fake.createContainer(ContainerSpec.builder("demo-web-1", "busybox").build());
        assertThrows(ComposeException.class, () -> creator.create(spec("demo", "web", "1")));
        assertEquals(user, fake.inspectContainer("demo-web-1").id());
    }
}
