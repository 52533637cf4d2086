/**
 * Container lifecycle on top of runc, without any compose knowledge: create → start, signal-aware stop, kill,
 * wait for the exit code (OOM → 137), pause, exec, recovery after a daemon restart, log files (conmon's
 * timestamped k8s-file when conmon is installed, else plain files) and the restart-policy supervisor.
 */
package dev.jcompose.runtime.container;
