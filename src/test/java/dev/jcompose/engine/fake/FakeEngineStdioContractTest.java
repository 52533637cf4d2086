package dev.jcompose.engine.fake;

import dev.jcompose.engine.Engine;
import dev.jcompose.engine.EngineFixture;
import dev.jcompose.engine.EngineStdioContract;
import dev.jcompose.engine.ExecResult;
import dev.jcompose.engine.ImageConfig;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The interactive/archive contract against the fake, scripted to answer what busybox would. */
class FakeEngineStdioContractTest extends EngineStdioContract {
    private FakeEngine fake;
    private final Map<List<String>, ExecResult> execResults = new ConcurrentHashMap<>();

    @Override
    protected Engine newEngine() {
        fake = new FakeEngine();
        fake.addImage(EngineFixture.BUSYBOX, ImageConfig.EMPTY);
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
    protected boolean realPrograms() {
        return false;
    }
}
