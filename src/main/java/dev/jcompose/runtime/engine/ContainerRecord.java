package dev.jcompose.runtime.engine;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * Everything the engine keeps about one container, persisted as {@code <root>/containers/<id>/container.json}.
 * Config, HostConfig and NetworkingConfig are Docker's own JSON shapes (Config already merged with the image's
 * defaults), kept as trees so inspect shows exactly what was asked. Immutable; {@code with*} return copies.
 *
 * @param name without Docker's leading slash
 * @param imageId the image id ("sha256:...") the container was created from
 * @param manuallyStopped a user stopped it (restart policies and unless-stopped at daemon boot honour that)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ContainerRecord(
        @JsonProperty("Id") String id,
        @JsonProperty("Name") String name,
        @JsonProperty("Created") String created,
        @JsonProperty("Image") String imageId,
        @JsonProperty("Path") String path,
        @JsonProperty("Args") List<String> args,
        @JsonProperty("Config") ObjectNode config,
        @JsonProperty("HostConfig") ObjectNode hostConfig,
        @JsonProperty("NetworkingConfig") ObjectNode networkingConfig,
        @JsonProperty("Mounts") List<MountPoint> mounts,
        @JsonProperty("State") StateRecord state,
        @JsonProperty("RestartCount") int restartCount,
        @JsonProperty("ManuallyStopped") boolean manuallyStopped) {

    public ContainerRecord {
        args = args == null ? List.of() : List.copyOf(args);
        mounts = mounts == null ? List.of() : List.copyOf(mounts);
        networkingConfig = networkingConfig == null ? DockerJson.object() : networkingConfig;
    }

    public ContainerRecord withName(String newName) {
        return new ContainerRecord(id, newName, created, imageId, path, args, config, hostConfig, networkingConfig,
                mounts, state, restartCount, manuallyStopped);
    }

    public ContainerRecord withState(StateRecord newState) {
        return new ContainerRecord(id, name, created, imageId, path, args, config, hostConfig, networkingConfig,
                mounts, newState, restartCount, manuallyStopped);
    }

    public ContainerRecord withRestartCount(int count) {
        return new ContainerRecord(id, name, created, imageId, path, args, config, hostConfig, networkingConfig,
                mounts, state, count, manuallyStopped);
    }

    public ContainerRecord withManuallyStopped(boolean value) {
        return new ContainerRecord(id, name, created, imageId, path, args, config, hostConfig, networkingConfig,
                mounts, state, restartCount, value);
    }

    public ContainerRecord withNetworkingConfig(ObjectNode value) {
        return new ContainerRecord(id, name, created, imageId, path, args, config, hostConfig, value, mounts, state,
                restartCount, manuallyStopped);
    }

    /** The image as the user named it (Config.Image). */
    public String imageName() {
        return DockerJson.text(config, "Image", imageId);
    }

    public java.util.Map<String, String> labels() {
        return DockerJson.stringMap(config, "Labels");
    }

    public boolean tty() {
        return DockerJson.bool(config, "Tty");
    }

    public String restartPolicyName() {
        return DockerJson.text(hostConfig.path("RestartPolicy"), "Name", "");
    }

    public boolean autoRemove() {
        return DockerJson.bool(hostConfig, "AutoRemove");
    }

    public String shortId() {
        return id.substring(0, 12);
    }
}
