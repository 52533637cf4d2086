package dev.jcompose.runtime.engine;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Predicate;

/**
 * Events of the engine: kept in a bounded in-memory history (for /events?since= replays) and pushed to live
 * subscribers. Publishing never blocks the lifecycle: each subscriber has its own unbounded queue.
 */
public final class EventBus {
    /** How many past events a `since` can replay (Docker keeps 256 in memory too). */
    static final int HISTORY = 1024;

    private final Clock clock;
    private final Deque<EngineEvent> history = new ArrayDeque<>();
    private final List<Subscription> subscribers = new CopyOnWriteArrayList<>();

    public EventBus(Clock clock) {
        this.clock = clock;
    }

    /** A live feed; close it to stop receiving. */
    public final class Subscription implements AutoCloseable {
        private final BlockingQueue<EngineEvent> queue = new LinkedBlockingQueue<>();
        private final Predicate<EngineEvent> filter;

        private Subscription(Predicate<EngineEvent> filter) {
            this.filter = filter;
        }

        public BlockingQueue<EngineEvent> queue() {
            return queue;
        }

        void offer(EngineEvent e) {
            if (filter.test(e)) {
                queue.add(e);
            }
        }

        @Override
        public void close() {
            subscribers.remove(this);
        }
    }

    public void publish(String type, String action, String actorId, java.util.Map<String, String> attributes,
            String from) {
        EngineEvent e = new EngineEvent(type, action, actorId, attributes, from, clock.instant());
        synchronized (history) {
            history.addLast(e);
            while (history.size() > HISTORY) {
                history.removeFirst();
            }
            // under the history lock, so a subscriber taking its replay snapshot sees each event exactly once
            subscribers.forEach(s -> s.offer(e));
        }
    }

    /** Subscribes and returns the past events matching {@code filter} (oldest first) with the live feed. */
    public Subscription subscribe(Predicate<EngineEvent> filter, List<EngineEvent> replayOut) {
        synchronized (history) {
            Subscription s = new Subscription(filter);
            for (EngineEvent e : history) {
                if (filter.test(e)) {
                    replayOut.add(e);
                }
            }
            subscribers.add(s);
            return s;
        }
    }

    public List<EngineEvent> past() {
        synchronized (history) {
            return new ArrayList<>(history);
        }
    }

    public int listeners() {
        return subscribers.size();
    }
}
