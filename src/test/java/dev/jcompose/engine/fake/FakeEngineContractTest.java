package dev.jcompose.engine.fake;

import dev.jcompose.engine.Engine;
import dev.jcompose.engine.EngineContract;
import dev.jcompose.engine.EngineFixture;
import dev.jcompose.engine.ExecResult;
import dev.jcompose.engine.ImageConfig;
import java.util.List;
import java.util.Map;

/** The Engine contract against the in-memory fake, scripted to do what the contract's busybox commands do. */
class FakeEngineContractTest extends EngineContract {
    private FakeEngine fake;
    private final Map<List<String>, ExecResult> execResults = new java.util.concurrent.ConcurrentHashMap<>();

    @Override
    protected Engine newEngine() {
        fake = new FakeEngine();
        // The same runtime config scripts/make-busybox-image.sh gives the real image.
        fake.addImage(EngineFixture.BUSYBOX, new ImageConfig(
                List.of("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"), null, List.of("sh"),
                null, null, null, null, null, null, Map.of("dev.jcompose.image", "busybox")));
        fake.onExec((container, spec) -> execResults.getOrDefault(spec.cmd(), new ExecResult(0, "", "")));
        return fake;
    }

    @Override
    protected void script(String name, FakeProcess process) {
        fake.program(name, process);
    }

    @Override
    protected void scriptExec(List<String> cmd, ExecResult result) {
        execResults.put(cmd, result);
    }

    @Override
    protected boolean realNetworking() {
        return false;
    }

    @Override
    protected String pushRegistry() {
        return "127.0.0.1:5999"; // the fake's registry answers any domain
    }
}
