package dev.jcompose.engine;

import java.util.List;

/** What `docker top` reports for a running container: column titles and one row of values per process. */
public record ProcessList(List<String> titles, List<List<String>> processes) {
    public ProcessList {
        titles = List.copyOf(titles);
        processes = processes.stream().<List<String>>map(List::copyOf).toList();
    }
}
