package dev.jcompose.engine.fake;

import dev.jcompose.engine.EngineEvent;
import dev.jcompose.engine.EventFilter;
import dev.jcompose.engine.Subscription;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;

/**
 * The event bus: publish() only enqueues (it runs under the store lock), each subscriber drains its queue on
 * its own thread, so delivery is asynchronous like Docker's and ordered per subscriber. A bounded history
 * serves subscriptions with a `since` in the past.
 */
final class FakeEvents {
    private static final int HISTORY = 10_000;
    private static final Object END = new Object();

    private final java.time.Clock clock;
    private final List<EngineEvent> history = new ArrayList<>();
    private final List<Subscriber> subscribers = new CopyOnWriteArrayList<>();

    FakeEvents(java.time.Clock clock) {
        this.clock = clock;
    }

    private record Subscriber(EventFilter filter, LinkedBlockingQueue<Object> queue) {
    }

    /** Called with the store lock held, which orders publications. */
    void publish(EngineEvent event) {
        synchronized (history) {
            history.add(event);
            if (history.size() > HISTORY) {
                history.removeFirst();
            }
        }
        for (Subscriber s : subscribers) {
            if (wanted(s.filter, event)) {
                s.queue.add(event);
            }
        }
    }

    List<EngineEvent> history() {
        synchronized (history) {
            return List.copyOf(history);
        }
    }

    Subscription subscribe(EventFilter filter, Consumer<EngineEvent> sink) {
        Subscriber subscriber = new Subscriber(filter, new LinkedBlockingQueue<>());
        synchronized (history) {
            if (filter.since() != null) {
                history.stream().filter(e -> wanted(filter, e)).forEach(subscriber.queue::add);
            }
            // An `until` already past means: replay, then end, as `docker events --until` does.
            if (filter.until() != null && !filter.until().isAfter(clock.instant())) {
                subscriber.queue.add(END);
            } else {
                subscribers.add(subscriber);
            }
        }
        return new ThreadSubscription("fake-events", self -> {
            try {
                while (!self.closed()) {
                    Object next = subscriber.queue.take();
                    if (next == END) {
                        return;
                    }
                    sink.accept((EngineEvent) next);
                }
            } finally {
                subscribers.remove(subscriber);
            }
        }).start();
    }

    private static boolean wanted(EventFilter filter, EngineEvent event) {
        return filter.matches(event) && (filter.since() == null || !event.time().isBefore(filter.since()))
                && (filter.until() == null || !event.time().isAfter(filter.until()));
    }
}
