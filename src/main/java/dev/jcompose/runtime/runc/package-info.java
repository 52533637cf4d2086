/**
 * A thin wrapper around the {@code runc} binary: one method per runc command, each with a timeout, errors carrying
 * runc's own log message. Container stdio always goes to files, never to a pipe held by the daemon (a container
 * inherits the pipe's write end and the reader would wait forever); see RUNTIME-NOTES.md.
 */
package dev.jcompose.runtime.runc;
