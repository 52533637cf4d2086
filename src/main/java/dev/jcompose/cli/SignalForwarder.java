package dev.jcompose.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * While open, signals sent to jcompose go to a handler instead of ending the JVM, like the docker CLI forwards
 * them to an attached container (Ctrl-C without a tty reaches the container as SIGINT); WINCH reports
 * terminal resizes. The previous handlers come back on close.
 */
final class SignalForwarder implements AutoCloseable {
    private record Installed(Signal signal, SignalHandler previous) {
    }

    private final List<Installed> installed = new ArrayList<>();

    /** handler receives "SIGINT", "SIGTERM"...; signals the JVM does not allow handling are skipped. */
    static SignalForwarder install(Consumer<String> handler, String... names) {
        SignalForwarder f = new SignalForwarder();
        for (String name : names) {
            try {
                Signal signal = new Signal(name);
                SignalHandler previous = Signal.handle(signal, s -> handler.accept("SIG" + s.getName()));
                f.installed.add(new Installed(signal, previous));
            } catch (IllegalArgumentException | UnsupportedOperationException notHere) {
                // reserved by the JVM (QUIT) or unknown on this OS
            }
        }
        return f;
    }

    @Override
    public void close() {
        for (Installed i : installed) {
            try {
                Signal.handle(i.signal(), i.previous());
            } catch (IllegalArgumentException ignored) {
                // nothing to restore
            }
        }
    }
}
