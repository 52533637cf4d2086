package dev.jcompose.graph;

import dev.jcompose.error.ComposeException;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import org.jgrapht.Graph;
import org.jgrapht.Graphs;

/**
 * Visits every node of a DAG on virtual threads, each node as soon as the nodes it waits for have finished.
 * Edges point from a node to what it needs (dependent → dependency). The first failure stops scheduling: nodes
 * already running finish, nothing new starts, and the first error is rethrown. At most {@code maxParallel} visits
 * run at once ({@code <= 0}: no limit); ready nodes start in {@code order}, so a walk with maxParallel 1 is
 * deterministic.
 */
public final class GraphWalker<V> {
    /** Which end of the edges goes first. */
    public enum Direction {
        /** Start order: a node waits for everything it needs. */
        DEPENDENCIES_FIRST,
        /** Stop order: a node waits for everything that needs it. */
        DEPENDENTS_FIRST
    }

    /** Work done on one node; may block. */
    @FunctionalInterface
    public interface Visitor<V> {
        void visit(V node) throws Exception;
    }

    private final Graph<V, ?> graph;
    private final Comparator<? super V> order;

    public GraphWalker(Graph<V, ?> graph, Comparator<? super V> order) {
        this.graph = graph;
        this.order = order;
    }

    private record Done<V>(V node, Throwable error) {
    }

    public void walk(Direction direction, int maxParallel, Visitor<V> visitor) {
        Map<V, Integer> waitingOn = new HashMap<>();
        PriorityQueue<V> ready = new PriorityQueue<>(order);
        for (V v : graph.vertexSet()) {
            int n = prerequisites(direction, v).size();
            waitingOn.put(v, n);
            if (n == 0) {
                ready.add(v);
            }
        }
        BlockingQueue<Done<V>> done = new LinkedBlockingQueue<>();
        Throwable first = null;
        boolean interrupted = false;
        int running = 0;
        int finished = 0;
        ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();
        try {
            while (true) {
                while (first == null && !ready.isEmpty() && (maxParallel <= 0 || running < maxParallel)) {
                    V next = ready.poll();
                    running++;
                    pool.execute(() -> done.add(new Done<>(next, visitSafely(visitor, next))));
                }
                if (running == 0) {
                    break;
                }
                Done<V> result;
                try {
                    result = done.take();
                } catch (InterruptedException e) {
                    // Ctrl-C: interrupt running visits, then keep draining so no visit outlives the walk.
                    interrupted = true;
                    if (first == null) {
                        first = e;
                    }
                    pool.shutdownNow();
                    continue;
                }
                running--;
                finished++;
                if (result.error() != null) {
                    if (first == null) {
                        first = result.error();
                    }
                    continue;
                }
                for (V next : releasedBy(direction, result.node())) {
                    if (waitingOn.merge(next, -1, Integer::sum) == 0) {
                        ready.add(next);
                    }
                }
            }
        } finally {
            pool.shutdown();
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (first != null) {
            throw rethrowable(first);
        }
        if (finished < graph.vertexSet().size()) {
            throw new IllegalStateException("graph has a cycle: " + (graph.vertexSet().size() - finished)
                    + " nodes never became ready");
        }
    }

    private static <V> Throwable visitSafely(Visitor<V> visitor, V node) {
        try {
            visitor.visit(node);
            return null;
        } catch (Throwable t) {
            return t;
        }
    }

    private List<V> prerequisites(Direction direction, V v) {
        return direction == Direction.DEPENDENCIES_FIRST ? Graphs.successorListOf(graph, v)
                : Graphs.predecessorListOf(graph, v);
    }

    private List<V> releasedBy(Direction direction, V v) {
        return direction == Direction.DEPENDENCIES_FIRST ? Graphs.predecessorListOf(graph, v)
                : Graphs.successorListOf(graph, v);
    }

    private static RuntimeException rethrowable(Throwable t) {
        if (t instanceof RuntimeException re) {
            return re;
        }
        if (t instanceof Error e) {
            throw e;
        }
        if (t instanceof InterruptedException) {
            return new ComposeException(ComposeException.Kind.INTERRUPTED, "interrupted", t);
        }
        return new ComposeException(ComposeException.Kind.INTERNAL, String.valueOf(t.getMessage()), t);
    }
}
