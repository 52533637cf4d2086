package dev.jcompose.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcompose.engine.ContainerSpec;
import dev.jcompose.engine.Engine;
import dev.jcompose.engine.ImageConfig;
import dev.jcompose.engine.fake.FakeEngine;
import dev.jcompose.engine.EngineErrors;
import dev.jcompose.error.ComposeException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Removal as a goal: gone already is done, another removal in progress is waited for, other errors stay. */
class ContainerRemoverTest {
    @Test
    void aContainerAlreadyGoneCountsAsRemoved() {
        new ContainerRemover(new FakeEngine()).remove("nope", true, false);
    }

    @Test
    void aRemovalInProgressIsWaitedFor() {
        FakeEngine fake = new FakeEngine();
        fake.addImage("busybox", ImageConfig.EMPTY);
        String id = fake.createContainer(ContainerSpec.builder("demo-web-1", "busybox").build());
        AtomicInteger polls = new AtomicInteger();
        // dockerd's answer while another request removes the container; that removal ends a moment later
        Engine busy = (Engine) Proxy.newProxyInstance(Engine.class.getClassLoader(), new Class<?>[] {Engine.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("removeContainer")) {
                        Thread.ofVirtual().start(() -> {
                            sleep(300);
                            fake.removeContainer(id, true, false);
                        });
                        throw EngineErrors.conflict("removal of container " + id + " is already in progress");
                    }
                    if (method.getName().equals("findContainer")) {
                        polls.incrementAndGet();
                    }
                    try {
                        return method.invoke(fake, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        new ContainerRemover(busy).remove(id, true, false);
        assertTrue(fake.findContainer(id).isEmpty());
        assertTrue(polls.get() >= 2, "polled until gone: " + polls);
    }

    @Test
    void otherConflictsStay() {
        FakeEngine fake = new FakeEngine();
        fake.addImage("busybox", ImageConfig.EMPTY);
        String id = fake.createContainer(ContainerSpec.builder("demo-web-1", "busybox").build());
        fake.startContainer(id);
        ComposeException e = assertThrows(ComposeException.class, () -> new ContainerRemover(fake).remove(id, false,
                false));
        assertEquals(ComposeException.Kind.CONFLICT, e.kind());
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
