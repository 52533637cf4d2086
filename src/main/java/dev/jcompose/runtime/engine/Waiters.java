package dev.jcompose.runtime.engine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Pending {@code POST /containers/{id}/wait} calls. Registration checks the current state and registers under
 * one lock, and exits/removals are reported after the new state is stored, so no exit falls between the two.
 */
final class Waiters {
    /** Docker's wait conditions. */
    enum Condition {
        NOT_RUNNING, NEXT_EXIT, REMOVED;

        static Condition parse(String value) {
            return switch (value == null ? "" : value) {
                case "", "not-running" -> NOT_RUNNING;
                case "next-exit" -> NEXT_EXIT;
                case "removed" -> REMOVED;
                default -> throw dev.jcompose.runtime.RuntimeError.badRequest("invalid condition: \"" + value + "\"");
            };
        }
    }

    private record Waiter(Condition condition, CompletableFuture<Integer> result) {
    }

    private final Map<String, List<Waiter>> waiting = new HashMap<>();

    /** A future completed with the exit code when {@code condition} is met (at once if it already is). */
    synchronized CompletableFuture<Integer> register(String id, Condition condition, Supplier<StateRecord> state) {
        CompletableFuture<Integer> f = new CompletableFuture<>();
        StateRecord now = state.get();
        if (condition == Condition.NOT_RUNNING && !now.running()) {
            f.complete(now.exitCode());
            return f;
        }
        waiting.computeIfAbsent(id, k -> new ArrayList<>()).add(new Waiter(condition, f));
        return f;
    }

    /** PID 1 exited: releases the not-running and next-exit waiters. */
    synchronized void exited(String id, int exitCode) {
        List<Waiter> list = waiting.get(id);
        if (list == null) {
            return;
        }
        list.removeIf(w -> {
            if (w.condition() != Condition.REMOVED) {
                w.result().complete(exitCode);
                return true;
            }
            return false;
        });
    }

    /** The container is gone: every waiter returns. */
    synchronized void removed(String id, int exitCode) {
        List<Waiter> list = waiting.remove(id);
        if (list != null) {
            list.forEach(w -> w.result().complete(exitCode));
        }
    }

    synchronized void cancel(String id, CompletableFuture<Integer> f) {
        List<Waiter> list = waiting.get(id);
        if (list != null) {
            list.removeIf(w -> w.result() == f);
        }
    }
}
