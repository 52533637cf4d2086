/**
 * The Engine SPI: the small, engine-neutral interface through which compose drives containers, networks,
 * volumes and images. {@code engine.docker} adapts docker-java (the only package allowed to see it),
 * {@code engine.fake} is an in-memory implementation for unit tests, {@code engine.wire} maps the Docker
 * Engine API JSON format. Every failure is a {@link dev.jcompose.error.ComposeException} of kind ENGINE,
 * NOT_FOUND or CONFLICT carrying the engine's own message.
 */
package dev.jcompose.engine;
