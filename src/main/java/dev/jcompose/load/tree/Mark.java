package dev.jcompose.load.tree;

/** A position in a source file; line and column are 1-based, as editors show them. */
public record Mark(String file, int line, int column) {
    public static final Mark UNKNOWN = new Mark("<unknown>", 0, 0);

    public static Mark synthetic(String what) {
        return new Mark(what, 0, 0);
    }

    public boolean known() {
        return line > 0;
    }

    @Override
    public String toString() {
        return known() ? file + ":" + line + ":" + column : file;
    }
}
