package dev.jcompose.model;

/** A ulimit; the single-value form sets soft = hard. */
public record Ulimit(long soft, long hard) {
}
