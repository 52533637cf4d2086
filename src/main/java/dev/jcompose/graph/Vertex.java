package dev.jcompose.graph;

import java.util.Comparator;

/** A node of the project graph: a service or a resource it uses, named by its compose key. */
public record Vertex(Kind kind, String name) implements Comparable<Vertex> {
    public enum Kind {
        SERVICE, NETWORK, VOLUME, SECRET, CONFIG;

        String prefix() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private static final Comparator<Vertex> ORDER = Comparator.comparing(Vertex::kind).thenComparing(Vertex::name);

    public static Vertex service(String name) {
        return new Vertex(Kind.SERVICE, name);
    }

    public static Vertex network(String name) {
        return new Vertex(Kind.NETWORK, name);
    }

    public static Vertex volume(String name) {
        return new Vertex(Kind.VOLUME, name);
    }

    public static Vertex secret(String name) {
        return new Vertex(Kind.SECRET, name);
    }

    public static Vertex config(String name) {
        return new Vertex(Kind.CONFIG, name);
    }

    @Override
    public int compareTo(Vertex o) {
        return ORDER.compare(this, o);
    }

    @Override
    public String toString() {
        return kind.prefix() + ":" + name;
    }
}
