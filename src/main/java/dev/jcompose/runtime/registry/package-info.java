/**
 * An OCI Distribution (Docker Registry HTTP API v2) pull client: {@code GET /v2/}, anonymous, basic or bearer
 * token authentication from the registry's {@code WWW-Authenticate} challenge, manifests (Docker schema 2 and OCI,
 * indexes and manifest lists) and blobs. {@link dev.jcompose.runtime.registry.RegistrySource} is the image store's
 * {@link dev.jcompose.runtime.image.ImageSource} for registries; the store selects the platform and verifies every
 * blob against its digest.
 */
package dev.jcompose.runtime.registry;
