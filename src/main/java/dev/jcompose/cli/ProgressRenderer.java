package dev.jcompose.cli;

import dev.jcompose.exec.ProgressEvent;
import dev.jcompose.exec.ProgressListener;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Renders progress like docker compose v2: plain mode prints one line per event (` Container demo-web-1
 * Started`); tty mode redraws a block of one line per resource with a spinner/check and elapsed time; json prints
 * one JSON object per event; quiet prints nothing but errors.
 */
final class ProgressRenderer implements ProgressListener, AutoCloseable {
    enum Mode { TTY, PLAIN, JSON, QUIET }

    private final PrintStream out;
    private final Mode mode;
    private final boolean color;
    private final Map<String, Line> lines = new LinkedHashMap<>();
    private final long started = System.nanoTime();
    private final String title;
    private int drawn;

    private record Line(ProgressEvent event, long startedNanos, long endedNanos) {
    }

    ProgressRenderer(PrintStream out, Mode mode, boolean color, String title) {
        this.out = out;
        this.mode = mode;
        this.color = color;
        this.title = title;
    }

    static Mode mode(String option, boolean terminal) {
        return switch (option == null ? "auto" : option) {
            case "tty" -> Mode.TTY;
            case "plain" -> Mode.PLAIN;
            case "json" -> Mode.JSON;
            case "quiet" -> Mode.QUIET;
            default -> terminal ? Mode.TTY : Mode.PLAIN;
        };
    }

    @Override
    public synchronized void on(ProgressEvent e) {
        long now = System.nanoTime();
        Line prev = lines.get(e.key());
        long start = prev == null ? now : prev.startedNanos();
        lines.put(e.key(), new Line(e, start, e.status() == ProgressEvent.Status.WORKING ? 0 : now));
        switch (mode) {
            case PLAIN -> out.println(" " + e.kind() + " " + e.name() + "  " + e.text()
                    + (e.detail() == null ? "" : " (" + e.detail() + ")"));
            case JSON -> out.println(json(e));
            case TTY -> redraw();
            case QUIET -> {
                if (e.status() == ProgressEvent.Status.ERROR) {
                    out.println(e.kind() + " " + e.name() + " " + e.text() + ": " + e.detail());
                }
            }
        }
    }

    @Override
    public synchronized void warn(String message) {
        if (mode == Mode.JSON) {
            out.println("{\"level\":\"warning\",\"message\":" + quote(message) + "}");
        } else if (mode != Mode.QUIET) {
            if (mode == Mode.TTY && drawn > 0) {
                out.print("\u001b[" + drawn + "A\u001b[J");
                drawn = 0;
            }
            out.println(Ansi.color(color, 33, "WARN[0000] " + message));
            if (mode == Mode.TTY) {
                redraw();
            }
        }
    }

    private void redraw() {
        if (drawn > 0) {
            out.print("\u001b[" + drawn + "A");
        }
        long done = lines.values().stream().filter(l -> l.event().status() != ProgressEvent.Status.WORKING).count();
        boolean finished = done == lines.size();
        StringBuilder b = new StringBuilder();
        b.append("\u001b[2K").append(Ansi.color(color, finished ? 34 : 33, "[+] " + title + " " + done + "/"
                + lines.size())).append('\n');
        int width = lines.keySet().stream().mapToInt(String::length).max().orElse(0);
        for (Line l : lines.values()) {
            ProgressEvent e = l.event();
            String mark = switch (e.status()) {
                case WORKING -> "⠿";
                case DONE -> Ansi.color(color, 32, "✔");
                case WARNING -> Ansi.color(color, 33, "!");
                case ERROR -> Ansi.color(color, 31, "✘");
            };
            long end = l.endedNanos() == 0 ? System.nanoTime() : l.endedNanos();
            b.append("\u001b[2K ").append(mark).append(' ').append(pad(e.key(), width)).append("  ")
                    .append(pad(e.text(), 10)).append(String.format(" %5.1fs", (end - l.startedNanos()) / 1e9));
            if (e.detail() != null) {
                b.append("  ").append(e.detail());
            }
            b.append('\n');
        }
        out.print(b);
        out.flush();
        drawn = lines.size() + 1;
    }

    private static String pad(String s, int w) {
        return s.length() >= w ? s : s + " ".repeat(w - s.length());
    }

    private String json(ProgressEvent e) {
        return "{\"kind\":" + quote(e.kind()) + ",\"name\":" + quote(e.name()) + ",\"status\":"
                + quote(e.status().name().toLowerCase()) + ",\"text\":" + quote(e.text())
                + (e.detail() == null ? "" : ",\"detail\":" + quote(e.detail()))
                + ",\"elapsed\":" + String.format("%.3f", (System.nanoTime() - started) / 1e9) + "}";
    }

    static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }

    @Override
    public synchronized void close() {
        out.flush();
    }
}
