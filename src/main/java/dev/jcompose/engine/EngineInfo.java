package dev.jcompose.engine;

/**
 * Who answers: {@code engine} is "docker", "embedded" or "fake"; the versions are the server's, apiVersion
 * the API version spoken on this connection.
 */
public record EngineInfo(String engine, String serverVersion, String apiVersion, String os, String arch,
        String kernelVersion) {
}
