package dev.jcompose.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jcompose.engine.fake.FakeProcess;
import dev.jcompose.error.ComposeException;
import dev.jcompose.error.ComposeException.Kind;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.function.Executable;

/**
 * What every part of the engine contract shares: a fresh engine per test from {@link #newEngine}, the fixture that
 * names and cleans up what a test creates, and the hooks through which engines that run no programs (the fake)
 * learn what a command does.
 */
public abstract class EngineContractBase {
    /** A service: runs until stopped, exits 0 on SIGTERM (the wait builtin returns at once on a trapped signal). */
    protected static final String[] SERVICE = {"sh", "-c", "trap 'exit 0' TERM; sleep 600 & wait"};
    protected static final Duration PATIENCE = Duration.ofSeconds(30);

    protected Engine engine;
    protected EngineFixture fx;

    protected abstract Engine newEngine();

    /** Declares what the container named {@code name} will do; engines running real programs ignore it. */
    protected void script(String name, FakeProcess process) {
    }

    /** Declares the result of an exec command; engines running real programs ignore it. */
    protected void scriptExec(List<String> cmd, ExecResult result) {
    }

    @BeforeEach
    void openEngine() {
        engine = newEngine();
        fx = new EngineFixture(engine);
    }

    @AfterEach
    void cleanUp() {
        try {
            fx.cleanup();
        } finally {
            engine.close();
        }
    }

    protected String startService(String name) {
        String id = engine.createContainer(fx.container(name, SERVICE).build());
        engine.startContainer(id);
        return id;
    }

    protected static ComposeException failsWith(Kind kind, Executable call) {
        ComposeException e = assertThrows(ComposeException.class, call);
        assertEquals(kind, e.kind(), e.getMessage());
        return e;
    }
}
