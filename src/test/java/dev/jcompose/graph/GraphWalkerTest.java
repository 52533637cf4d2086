package dev.jcompose.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcompose.error.ComposeException;
import dev.jcompose.graph.GraphWalker.Direction;
import java.io.IOException;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jgrapht.Graph;
import org.jgrapht.graph.DefaultDirectedGraph;
import org.jgrapht.graph.DefaultEdge;
import org.junit.jupiter.api.Test;

class GraphWalkerTest {

    /** Edges dependent → dependency, e.g. "web>api" means web needs api. */
    private static GraphWalker<String> walker(List<String> nodes, String... edges) {
        Graph<String, DefaultEdge> g = new DefaultDirectedGraph<>(DefaultEdge.class);
        nodes.forEach(g::addVertex);
        for (String e : edges) {
            String[] ends = e.split(">");
            g.addEdge(ends[0], ends[1]);
        }
        return new GraphWalker<>(g, String::compareTo);
    }

    /** Records visits and the highest number of visits in flight at once. */
    private static final class Recorder {
        final List<String> started = new CopyOnWriteArrayList<>();
        final List<String> finished = new CopyOnWriteArrayList<>();
        final AtomicInteger inFlight = new AtomicInteger();
        final AtomicInteger maxInFlight = new AtomicInteger();

        void enter(String node) {
            started.add(node);
            maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
        }

        void leave(String node) {
            inFlight.decrementAndGet();
            finished.add(node);
        }

        GraphWalker.Visitor<String> plain() {
            return n -> {
                enter(n);
                leave(n);
            };
        }
    }

    private static final List<String> DIAMOND = List.of("web", "api", "cache", "db");
    private static final String[] DIAMOND_EDGES = {"web>api", "web>cache", "api>db", "cache>db"};

    @Test
    void dependenciesFinishBeforeDependentsStart() {
        Recorder r = new Recorder();
        walker(DIAMOND, DIAMOND_EDGES).walk(Direction.DEPENDENCIES_FIRST, 0, r.plain());
        assertEquals("db", r.started.get(0));
        assertEquals("web", r.started.get(3));
        assertEquals(Set.copyOf(DIAMOND), Set.copyOf(r.finished));
        assertTrue(r.finished.indexOf("api") < r.started.indexOf("web"));
    }

    @Test
    void stopDirectionWalksDependentsFirst() {
        Recorder r = new Recorder();
        walker(DIAMOND, DIAMOND_EDGES).walk(Direction.DEPENDENTS_FIRST, 1, r.plain());
        assertEquals(List.of("web", "api", "cache", "db"), r.finished);
    }

    @Test
    void independentNodesRunConcurrently() {
        // Each of api and cache waits for the other to have started: only a parallel walk can finish.
        CountDownLatch bothIn = new CountDownLatch(2);
        Set<String> timedOut = ConcurrentHashMap.newKeySet();
        walker(DIAMOND, DIAMOND_EDGES).walk(Direction.DEPENDENCIES_FIRST, 0, n -> {
            if (n.equals("api") || n.equals("cache")) {
                bothIn.countDown();
                if (!bothIn.await(10, TimeUnit.SECONDS)) {
                    timedOut.add(n);
                }
            }
        });
        assertEquals(Set.of(), timedOut);
    }

    @Test
    void maxParallelOneIsSequentialInNameOrder() {
        Recorder r = new Recorder();
        walker(List.of("d", "c", "b", "a")).walk(Direction.DEPENDENCIES_FIRST, 1, r.plain());
        assertEquals(List.of("a", "b", "c", "d"), r.started);
        assertEquals(1, r.maxInFlight.get());
    }

    @Test
    void maxParallelBoundsConcurrencyAndIsReached() {
        Recorder r = new Recorder();
        CountDownLatch twoIn = new CountDownLatch(2);
        walker(List.of("a", "b", "c", "d", "e")).walk(Direction.DEPENDENCIES_FIRST, 2, n -> {
            r.enter(n);
            twoIn.countDown();
            // The first two visits hold until both are in flight, so the limit must be reached.
            twoIn.await(10, TimeUnit.SECONDS);
            r.leave(n);
        });
        assertEquals(2, r.maxInFlight.get());
        assertEquals(5, r.finished.size());
    }

    @Test
    void failureStopsSchedulingAndReportsTheFirstError() {
        Recorder r = new Recorder();
        IllegalStateException boom = new IllegalStateException("db failed");
        RuntimeException thrown = assertThrows(RuntimeException.class, () -> walker(List.of("db", "web", "x"),
                "web>db").walk(Direction.DEPENDENCIES_FIRST, 0, n -> {
                    r.enter(n);
                    r.leave(n);
                    if (n.equals("db")) {
                        throw boom;
                    }
                }));
        assertSame(boom, thrown);
        assertFalse(r.started.contains("web"), "dependent of a failed node must not start");
        assertTrue(r.started.contains("x"), "independent node was already running");
    }

    @Test
    void afterAFailureNothingNewStarts() {
        Recorder r = new Recorder();
        assertThrows(ComposeException.class, () -> walker(List.of("a", "b", "c")).walk(Direction.DEPENDENCIES_FIRST,
                1, n -> {
                    r.enter(n);
                    r.leave(n);
                    throw new ComposeException(ComposeException.Kind.ENGINE, n + " failed");
                }));
        assertEquals(List.of("a"), r.started);
    }

    @Test
    void checkedExceptionsAreWrapped() {
        ComposeException e = assertThrows(ComposeException.class, () -> walker(List.of("a"))
                .walk(Direction.DEPENDENCIES_FIRST, 0, n -> {
                    throw new IOException("socket closed");
                }));
        assertEquals(ComposeException.Kind.INTERNAL, e.kind());
        assertTrue(e.getCause() instanceof IOException);
    }

    @Test
    void emptyGraphIsANoOp() {
        Recorder r = new Recorder();
        walker(Collections.emptyList()).walk(Direction.DEPENDENCIES_FIRST, 0, r.plain());
        assertTrue(r.started.isEmpty());
    }

    @Test
    void projectServiceWalkerFollowsDependsOn() {
        ProjectGraph g = ProjectGraph.of(TestProjects.project("p")
                .service(TestProjects.service("web").dependsOn("db")).service(TestProjects.service("db")).build());
        Recorder r = new Recorder();
        g.serviceWalker().walk(Direction.DEPENDENCIES_FIRST, 0, r.plain());
        assertEquals(List.of("db", "web"), r.finished);
    }
}
