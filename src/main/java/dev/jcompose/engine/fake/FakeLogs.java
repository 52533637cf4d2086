package dev.jcompose.engine.fake;

import dev.jcompose.engine.LogFrame;
import dev.jcompose.engine.LogOptions;
import dev.jcompose.engine.Subscription;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** Log streams: the selected part of a container's log, then (follow) new lines until it stops. */
final class FakeLogs {
    private FakeLogs() {
    }

    static Subscription stream(FakeStore store, FakeContainer c, LogOptions options, Consumer<LogFrame> sink) {
        int first;
        store.lock.lock();
        try {
            List<Integer> selected = new ArrayList<>();
            for (int i = 0; i < c.log.size(); i++) {
                if (wanted(c.log.get(i), options)) {
                    selected.add(i);
                }
            }
            int skip = options.tail() == null ? 0 : Math.max(0, selected.size() - options.tail());
            first = selected.size() == skip ? c.log.size() : selected.get(skip);
        } finally {
            store.lock.unlock();
        }
        return new ThreadSubscription("fake-logs-" + c.name, self -> {
            int next = first;
            while (!self.closed()) {
                List<LogFrame> batch = new ArrayList<>();
                boolean finished;
                store.lock.lock();
                try {
                    if (next >= c.log.size() && options.follow() && c.running()
                            && store.containers.containsKey(c.id)) {
                        store.awaitChange(Duration.ofMillis(200));
                    }
                    for (; next < c.log.size(); next++) {
                        if (wanted(c.log.get(next), options)) {
                            batch.add(c.log.get(next));
                        }
                    }
                    finished = !options.follow() || !c.running() || !store.containers.containsKey(c.id);
                } finally {
                    store.lock.unlock();
                }
                batch.forEach(sink);
                if (finished) {
                    return;
                }
            }
        }).start();
    }

    private static boolean wanted(LogFrame frame, LogOptions options) {
        boolean stream = frame.stream() == LogFrame.Stream.STDOUT ? options.stdout() : options.stderr();
        return stream && (options.since() == null || !frame.timestamp().isBefore(options.since()))
                && (options.until() == null || !frame.timestamp().isAfter(options.until()));
    }
}
