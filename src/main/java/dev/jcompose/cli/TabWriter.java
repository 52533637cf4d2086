package dev.jcompose.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * Go's text/tabwriter with a space pad character and no flags, which docker and compose print their tables
 * with: cells end at '\t', a column block is a run of lines that have a cell in that column, and its width is
 * the widest cell plus padding, at least minWidth. The text after a line's last tab is not padded.
 */
final class TabWriter {
    private final int minWidth;
    private final int padding;
    private final List<String[]> lines = new ArrayList<>();
    private final StringBuilder out = new StringBuilder();
    private final List<Integer> widths = new ArrayList<>();

    private TabWriter(int minWidth, int padding) {
        this.minWidth = minWidth;
        this.padding = padding;
    }

    /** Formats text made of '\t'-separated cells and '\n'-terminated lines. */
    static String format(String text, int minWidth, int padding) {
        TabWriter w = new TabWriter(minWidth, padding);
        for (String line : text.split("\n", -1)) {
            w.lines.add(line.split("\t", -1));
        }
        w.format(0, w.lines.size());
        return w.out.toString();
    }

    private void format(int line0, int line1) {
        int column = widths.size();
        for (int cur = line0; cur < line1; cur++) {
            if (column >= lines.get(cur).length - 1) {
                continue;
            }
            // a cell exists in this column: print the lines before the block, then size the block
            writeLines(line0, cur);
            line0 = cur;
            int width = minWidth;
            for (; cur < line1; cur++) {
                String[] line = lines.get(cur);
                if (column >= line.length - 1) {
                    break;
                }
                width = Math.max(width, width(line[column]) + padding);
            }
            widths.add(width);
            format(line0, cur);
            widths.removeLast();
            line0 = cur;
        }
        writeLines(line0, line1);
    }

    private void writeLines(int line0, int line1) {
        for (int i = line0; i < line1; i++) {
            String[] line = lines.get(i);
            for (int j = 0; j < line.length; j++) {
                out.append(line[j]);
                if (j < widths.size()) {
                    out.append(" ".repeat(Math.max(0, widths.get(j) - width(line[j]))));
                }
            }
            if (i + 1 < lines.size()) {
                out.append('\n');
            }
        }
    }

    /** Go counts runes (code points), not display columns. */
    private static int width(String cell) {
        return cell.codePointCount(0, cell.length());
    }
}
