package dev.jcompose.cli;

import dev.jcompose.app.LogSink;
import dev.jcompose.engine.LogFrame;
import java.io.PrintStream;
import java.time.Clock;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders multiplexed container output like compose's log consumer: every line prefixed with the container's
 * name padded to the longest name plus one, then " | " ("web-1  | hello"), each container in the next color
 * of compose's rainbow. Prefixes are computed for every container announced by attach(), so they line up from
 * the first line and colors do not depend on which container speaks first.
 */
final class LogPrinter implements LogSink {
    /** compose's rainbow: cyan, yellow, green, magenta, blue, then their intense variants. */
    private static final List<String> RAINBOW = List.of("36", "33", "32", "35", "34", "36;1", "33;1", "32;1", "35;1",
            "34;1");
    private static final String RESET_LINE = "\r\u001b[K";

    /** What a line carries besides its text. */
    enum Stamp {
        NONE,
        /** `logs -t`: the engine's time of the line (Docker's RFC3339NanoFixed, UTC). */
        ENGINE,
        /** `up --timestamps`: the time the line is printed, local zone, as compose's consumer does. */
        PRINTED
    }

    private final PrintStream out;
    private final PrintStream err;
    private final boolean color;
    private final boolean prefix;
    private final Stamp stamp;
    private final boolean stderrApart;
    private final Clock clock;
    private final Map<String, String[]> presenters = new LinkedHashMap<>();
    private int nextColor;

    /**
     * @param stderrApart the container's stderr goes to our stderr (attached up); `logs` prints both on stdout
     */
    LogPrinter(PrintStream out, PrintStream err, boolean color, boolean prefix, Stamp stamp, boolean stderrApart,
            Clock clock) {
        this.out = out;
        this.err = err;
        this.color = color;
        this.prefix = prefix;
        this.stamp = stamp;
        this.stderrApart = stderrApart;
        this.clock = clock;
    }

    @Override
    public synchronized void attach(List<String> sources) {
        sources.forEach(this::presenter);
    }

    @Override
    public synchronized void log(String source, LogFrame frame) {
        String[] p = presenter(source);
        String text = frame.text().endsWith("\n") ? frame.text().substring(0, frame.text().length() - 1)
                : frame.text();
        PrintStream target = stderrApart && frame.stream() == LogFrame.Stream.STDERR ? err : out;
        String time = switch (stamp) {
            case NONE -> null;
            case ENGINE -> frame.timestamp() == null ? null : GoFormat.rfc3339NanoFixed(frame.timestamp(),
                    ZoneId.of("UTC"));
            case PRINTED -> GoFormat.rfc3339NanoFixed(clock.instant(), clock.getZone());
        };
        StringBuilder b = new StringBuilder();
        for (String line : text.split("\n", -1)) {
            b.append(p[1]);
            if (time != null) {
                b.append(time).append(' ');
            }
            b.append(line).append('\n');
        }
        target.print(b);
        target.flush();
    }

    /**
     * "web-1 exited with code 0" in the container's color. compose starts it with an erase-line sequence
     * even when not on a terminal; we send that only with colors on, where it can matter.
     */
    @Override
    public synchronized void status(String source, String message) {
        String[] p = presenter(source);
        out.print(paint(p[0], (color ? RESET_LINE : "") + source + " " + message + "\n"));
        out.flush();
    }

    /** {color, prefix} of a source, registering it (and re-padding every prefix) on first sight. */
    private String[] presenter(String source) {
        String[] p = presenters.get(source);
        if (p != null) {
            return p;
        }
        String code = color ? RAINBOW.get(nextColor++ % RAINBOW.size()) : null;
        p = new String[] {code, ""};
        presenters.put(source, p);
        if (prefix) {
            int width = presenters.keySet().stream().mapToInt(String::length).max().orElse(0) + 1;
            for (Map.Entry<String, String[]> e : presenters.entrySet()) {
                String name = e.getKey();
                e.getValue()[1] = paint(e.getValue()[0], name + " ".repeat(Math.max(0, width - name.length()))
                        + " | ");
            }
        }
        return p;
    }

    private static String paint(String code, String text) {
        return code == null ? text : "\u001b[" + code + "m" + text + "\u001b[0m";
    }
}
