/**
 * The Docker Engine API (v1.41) JSON format, as pure functions: SPI records to request bodies and response
 * bodies to SPI records. No transport here, so the mappings are tested against captured JSON without a daemon,
 * and the fake engine can read `docker save` configs with the same code.
 */
package dev.jcompose.engine.wire;
