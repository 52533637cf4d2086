package dev.jcompose.runtime.engine;

import dev.jcompose.runtime.RuntimeError;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * docker top: the host's {@code ps} (default arguments {@code -ef}, giving UID PID PPID C STIME TTY TIME CMD
 * like dockerd), keeping the rows whose PID is in the container's cgroup, as dockerd does. The cgroup is read
 * from each process's {@code /proc/<pid>/cgroup}, so processes started by exec count too.
 */
public final class ContainerTop {
    /** Docker's ContainerTopOKBody. */
    public record Table(List<String> titles, List<List<String>> processes) {
    }

    private final EngineContext ctx;

    ContainerTop(EngineContext ctx) {
        this.ctx = ctx;
    }

    public Table top(String ref, String psArgs) {
        ContainerRecord r = ctx.store.get(ref);
        if (!r.state().hasProcess()) {
            throw RuntimeError.conflict("Container " + r.id() + " is not running");
        }
        if (r.state().paused()) {
            throw RuntimeError.conflict("Container " + r.id() + " is paused");
        }
        Set<String> pids = pidsInCgroup(cgroupPath(r.id()));
        pids.add(Integer.toString(r.state().pid()));
        String args = psArgs == null || psArgs.isBlank() ? "-ef" : psArgs;
        return parse(runPs(args), pids);
    }

    private String cgroupPath(String id) {
        String parent = ctx.options.cgroupParent();
        return (parent.startsWith("/") ? parent : "/" + parent) + "/" + id;
    }

    /** Pids of every process whose cgroup (in any hierarchy) is the container's. */
    static Set<String> pidsInCgroup(String cgroupPath) {
        Set<String> pids = new HashSet<>();
        try (DirectoryStream<Path> proc = Files.newDirectoryStream(Path.of("/proc"), p -> p.getFileName().toString()
                .chars().allMatch(Character::isDigit))) {
            for (Path p : proc) {
                try {
                    for (String line : Files.readAllLines(p.resolve("cgroup"))) {
                        int colon = line.indexOf(':', line.indexOf(':') + 1);
                        if (colon > 0 && line.substring(colon + 1).equals(cgroupPath)) {
                            pids.add(p.getFileName().toString());
                            break;
                        }
                    }
                } catch (IOException e) {
                    // the process ended while we looked
                }
            }
        } catch (IOException e) {
            throw RuntimeError.internal("cannot list processes: " + e.getMessage(), e);
        }
        return pids;
    }

    private static String runPs(String args) {
        List<String> command = new ArrayList<>(List.of("ps"));
        command.addAll(Arrays.stream(args.strip().split("\\s+")).toList());
        try {
            Path out = Files.createTempFile("jc-top-", ".txt");
            try {
                Process p = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                        .redirectOutput(out.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
                if (!p.waitFor(10, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    throw new RuntimeError(500, "ps timed out");
                }
                if (p.exitValue() != 0) {
                    throw new RuntimeError(500, "Error running ps: exit status " + p.exitValue());
                }
                return Files.readString(out, StandardCharsets.UTF_8);
            } finally {
                Files.deleteIfExists(out);
            }
        } catch (IOException e) {
            throw RuntimeError.internal("cannot run ps: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw RuntimeError.internal("interrupted while running ps", e);
        }
    }

    /** The header gives the titles and the PID column; the last column (the command) keeps its spaces. */
    static Table parse(String output, Set<String> pids) {
        List<String> lines = output.lines().filter(l -> !l.isBlank()).toList();
        if (lines.isEmpty()) {
            throw new RuntimeError(500, "ps printed nothing");
        }
        List<String> titles = List.of(lines.get(0).strip().split("\\s+"));
        int pidColumn = titles.indexOf("PID");
        if (pidColumn < 0) {
            throw new RuntimeError(500, "Couldn't find PID field in ps output");
        }
        List<List<String>> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            List<String> fields = List.of(line.strip().split("\\s+", titles.size()));
            if (fields.size() > pidColumn && pids.contains(fields.get(pidColumn))) {
                rows.add(fields);
            }
        }
        return new Table(titles, rows);
    }
}
