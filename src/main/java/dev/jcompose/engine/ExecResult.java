package dev.jcompose.engine;

/** Exit code and captured output of an exec (a tty exec has all output on stdout). */
public record ExecResult(int exitCode, String stdout, String stderr) {
}
