/**
 * A pure generator of runc's {@code config.json} (OCI runtime spec 1.0.2) from an engine-neutral
 * {@link dev.jcompose.runtime.oci.ContainerConfig}, applying Docker's default security profile (capabilities,
 * seccomp, masked and read-only paths, default mounts, device cgroup). No I/O besides reading the bundled
 * seccomp data resource; host facts come in as a {@link dev.jcompose.runtime.oci.HostPlatform} value.
 */
package dev.jcompose.runtime.oci;
