package dev.jcompose.app;

import dev.jcompose.engine.ProcessList;

/** `top` of one container: its name, service, replica number ("" for one-offs) and processes. */
public record ContainerProcesses(String name, String service, String replica, ProcessList processes) {
}
