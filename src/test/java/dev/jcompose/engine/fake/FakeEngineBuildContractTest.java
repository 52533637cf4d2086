package dev.jcompose.engine.fake;

import dev.jcompose.engine.Engine;
import dev.jcompose.engine.EngineBuildContract;
import dev.jcompose.engine.EngineFixture;
import dev.jcompose.engine.ImageConfig;
import java.util.List;
import java.util.Map;

/** The build contract against the fake engine, which cannot run RUN steps and is told which ones fail. */
class FakeEngineBuildContractTest extends EngineBuildContract {
    private FakeEngine fake;

    @Override
    protected Engine newEngine() {
        fake = new FakeEngine();
        fake.addImage(EngineFixture.BUSYBOX, new ImageConfig(null, null, List.of("sh"), null, null, null, null, null,
                null, Map.of("dev.jcompose.image", "busybox")));
        return fake;
    }

    @Override
    protected void scriptRunFailure(String tag, String message, int code) {
        fake.builds().failFor(tag, message, code);
    }
}
