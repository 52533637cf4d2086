package dev.jcompose.engine.fake;

import dev.jcompose.engine.EngineErrors;
import dev.jcompose.engine.EngineEvent;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The fake engine's whole state behind one lock. One lock keeps every operation atomic, as the daemon's
 * per-object locks look from outside; {@link #changed} wakes waiters (wait, followed logs) on any change.
 */
final class FakeStore {
    final ReentrantLock lock = new ReentrantLock();
    final Condition changed = lock.newCondition();
    final Clock clock;
    final FakeEvents events;
    final Map<String, FakeContainer> containers = new LinkedHashMap<>();
    final Map<String, FakeNetwork> networks = new LinkedHashMap<>();
    final Map<String, FakeVolume> volumes = new LinkedHashMap<>();
    private final AtomicLong counter = new AtomicLong();

    FakeStore(Clock clock) {
        this.clock = clock;
        this.events = new FakeEvents(clock);
    }

    Instant now() {
        return clock.instant();
    }

    /** A 64-hex id, deterministic per store: the same test run gets the same ids. */
    String newId(String kind) {
        return sha256(kind + ":" + counter.incrementAndGet());
    }

    long nextNumber() {
        return counter.incrementAndGet();
    }

    /** Mutations end here: record the event and wake anyone waiting for a change. */
    void publish(String type, String action, String actorId, Map<String, String> attributes) {
        events.publish(new EngineEvent(type, action, actorId, attributes, now()));
        changed.signalAll();
    }

    /** Waits for a change, at most {@code max}; the caller holds the lock. */
    void awaitChange(Duration max) throws InterruptedException {
        changed.await(max.toMillis(), TimeUnit.MILLISECONDS);
    }

    FakeContainer container(String ref) {
        FakeContainer found = find(containers, ref, c -> c.name);
        if (found == null) {
            throw EngineErrors.notFound("No such container: " + ref);
        }
        return found;
    }

    FakeNetwork network(String ref) {
        FakeNetwork found = find(networks, ref, n -> n.name);
        if (found == null) {
            throw EngineErrors.notFound("network " + ref + " not found");
        }
        return found;
    }

    /** Docker's lookup order: exact id, exact name, then a unique id prefix. */
    static <T> T find(Map<String, T> byId, String ref, java.util.function.Function<T, String> name) {
        String wanted = ref.startsWith("/") ? ref.substring(1) : ref;
        if (byId.containsKey(wanted)) {
            return byId.get(wanted);
        }
        for (T item : byId.values()) {
            if (name.apply(item).equals(wanted)) {
                return item;
            }
        }
        T match = null;
        for (Map.Entry<String, T> e : byId.entrySet()) {
            if (!wanted.isEmpty() && e.getKey().startsWith(wanted)) {
                if (match != null) {
                    throw EngineErrors.failure("multiple IDs found with provided prefix: " + ref);
                }
                match = e.getValue();
            }
        }
        return match;
    }

    static String sha256(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}
