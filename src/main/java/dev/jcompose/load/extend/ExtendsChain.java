package dev.jcompose.load.extend;

import dev.jcompose.load.tree.Where;
import java.util.ArrayList;
import java.util.List;

/** The services being extended, outermost first; adding one already in it is a cycle. */
record ExtendsChain(List<String> ids, List<String> lines) {
    static final ExtendsChain EMPTY = new ExtendsChain(List.of(), List.of());

    ExtendsChain add(ServiceSet set, String name, Where where) {
        String id = set.id(name);
        String line = name + " in " + set.label;
        if (ids.contains(id)) {
            // Same shape as compose-go's message so users can search for it.
            StringBuilder msg = new StringBuilder("Circular reference:\n  ").append(lines.get(0));
            for (String l : lines.subList(1, lines.size())) {
                msg.append("\n  extends ").append(l);
            }
            msg.append("\n  extends ").append(line);
            throw where.error(msg.toString());
        }
        List<String> i = new ArrayList<>(ids);
        i.add(id);
        List<String> l = new ArrayList<>(lines);
        l.add(line);
        return new ExtendsChain(List.copyOf(i), List.copyOf(l));
    }
}
