package dev.jcompose.app.build;

/** When `up` builds the images of services that have a {@code build:} section. */
public enum BuildPolicy {
    /** {@code up --build}: every such service. */
    ALWAYS,
    /** The default: services whose image is missing, and those with {@code pull_policy: build}. */
    MISSING,
    /** {@code up --no-build}: none; a missing image is an error later. */
    NEVER
}
