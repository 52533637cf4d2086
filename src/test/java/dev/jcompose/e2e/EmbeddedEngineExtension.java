package dev.jcompose.e2e;

import dev.jcompose.runtime.api.routes.EmbeddedDaemon;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One embedded daemon per test class: started in this JVM on /tmp/jct-* dirs with busybox imported and test
 * network naming (jcta-*); closed after the class, which fails the class when the daemon left anything on the
 * host (runc containers, mounts, cgroups, conmon, jcta-* links, namespaces, rules, listeners). Surefire runs
 * classes one at a time, so "the current daemon" is a static.
 */
class EmbeddedEngineExtension implements BeforeAllCallback, AfterAllCallback {
    private static EngineTarget.Embedded current;

    static synchronized EngineTarget current() {
        if (current == null) {
            throw new IllegalStateException(
                    "no embedded daemon: the test class needs @ExtendWith(EmbeddedEngineExtension)");
        }
        return current;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        EmbeddedDaemon.assumeHost();
        synchronized (EmbeddedEngineExtension.class) {
            current = new EngineTarget.Embedded(newDaemon().start());
        }
    }

    /** The daemon of the class (a subclass may choose other settings). */
    EmbeddedDaemon newDaemon() throws java.io.IOException {
        return new EmbeddedDaemon();
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        EngineTarget.Embedded d;
        synchronized (EmbeddedEngineExtension.class) {
            d = current;
            current = null;
        }
        if (d != null) {
            d.daemon().close();
        }
    }
}
