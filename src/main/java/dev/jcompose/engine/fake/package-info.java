/**
 * An in-memory {@link dev.jcompose.engine.Engine} with Docker's observable behaviour (ids, name conflicts,
 * states, exit codes, events, logs), for executor unit tests. Containers run a scripted
 * {@link dev.jcompose.engine.fake.FakeProcess} instead of a program: by default a service that runs until it
 * is stopped or killed. Deterministic: ids come from counters, time from an injectable clock.
 */
package dev.jcompose.engine.fake;
