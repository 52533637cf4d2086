package dev.jcompose.app;

/** One project as `ls` lists it: name, combined status ("exited(1), running(2)"), its compose files. */
public record ProjectStack(String name, String status, String configFiles) {
}
