package dev.jcompose.runtime.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jcompose.runtime.RuntimeError;
import dev.jcompose.runtime.content.Digest;
import dev.jcompose.runtime.image.ImageConfig;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * docker create: resolves the image, merges its defaults into the Config, checks the HostConfig, plans the
 * mounts (creating volumes), prepares the writable layer and copies image content into new volumes, then stores
 * the record. A failure removes what it made (snapshot, anonymous volumes, directory).
 */
final class ContainerCreator {
    private final EngineContext ctx;

    ContainerCreator(EngineContext ctx) {
        this.ctx = ctx;
    }

    String create(String requestedName, JsonNode body) {
        String name = requestedName == null || requestedName.isEmpty() ? null
                : requestedName.startsWith("/") ? requestedName.substring(1) : requestedName;
        if (name != null) {
            ContainerStore.checkName(name);
            ctx.store.requireFreeName(name);
        }
        PhaseTimer timer = new PhaseTimer("create");
        ObjectNode userConfig = ConfigMerge.configOf(body);
        String image = DockerJson.text(userConfig, "Image", "");
        if (image.isEmpty()) {
            throw RuntimeError.badRequest("No image was specified");
        }
        Digest imageId = ctx.images.resolve(image);
        ImageConfig imageConfig = ctx.images.config(imageId);
        ObjectNode config = ConfigMerge.merge(userConfig, imageConfig.runConfig());
        List<String> commandLine = ConfigMerge.commandLine(config);
        String workingDir = DockerJson.text(config, "WorkingDir", "");
        if (!workingDir.isEmpty() && !workingDir.startsWith("/")) {
            throw RuntimeError.badRequest("the working directory '" + workingDir
                    + "' is invalid, it needs to be an absolute path");
        }
        ObjectNode hostConfig = body.path("HostConfig").isObject() ? ((ObjectNode) body.get("HostConfig")).deepCopy()
                : DockerJson.object();
        normaliseHostConfig(hostConfig);
        ObjectNode networking = body.path("NetworkingConfig").isObject()
                ? ((ObjectNode) body.get("NetworkingConfig")).deepCopy() : DockerJson.object();
        normaliseEndpoints(networking);
        String id = newId();
        String finalName = name != null ? name : Names.generate(ctx.store::nameTaken);
        if (DockerJson.text(config, "Hostname", "").isEmpty()) {
            config.put("Hostname", hostConfig.path("NetworkMode").asText().equals("host") ? hostHostname()
                    : id.substring(0, 12));
        }
        if (!config.has("Domainname")) {
            config.put("Domainname", "");
        }
        MountPlanner planner = new MountPlanner(ctx.volumes, ctx.store);
        timer.mark("config");
        try {
            List<MountPoint> mounts = planner.plan(hostConfig, config);
            timer.mark("mounts");
            String layer = ctx.images.unpack(imageId.hex());
            timer.mark("unpack");
            ctx.rootfs.prepare(id, layer);
            timer.mark("snapshot");
            ctx.rootfs.copyUp(id, mounts, ctx.volumes);
            ContainerRecord record = new ContainerRecord(id, finalName, ctx.clock.instant().toString(),
                    imageId.toString(), commandLine.get(0), commandLine.subList(1, commandLine.size()), config,
                    hostConfig, networking, mounts, StateRecord.created(), 0, false);
            ctx.network.created(id, EngineContext.networkRequest(record));
            timer.mark("net");
            ctx.store.add(record);
            timer.mark("record");
            planner.createdAnonymous().forEach(v -> ctx.volumeEvent(v, "create", Map.of()));
            ctx.containerEvent(record, "create");
            timer.log();
            return id;
        } catch (RuntimeException e) {
            Lifecycle.quietly(() -> ctx.rootfs.remove(id));
            Lifecycle.quietly(() -> VolumeStore.deleteTree(ctx.store.dirOf(id)));
            planner.createdAnonymous().forEach(v -> Lifecycle.quietly(() -> ctx.volumes.remove(v)));
            throw e;
        }
    }

    private static void normaliseHostConfig(ObjectNode host) {
        if (DockerJson.text(host, "NetworkMode", "").isEmpty()) {
            host.put("NetworkMode", "default");
        }
        if (!host.path("RestartPolicy").isObject()) {
            host.putObject("RestartPolicy").put("Name", "").put("MaximumRetryCount", 0);
        }
        String policy = DockerJson.text(host.get("RestartPolicy"), "Name", "");
        int max = host.get("RestartPolicy").path("MaximumRetryCount").asInt(0);
        try {
            dev.jcompose.runtime.container.RestartPolicy.parse(max > 0 ? policy + ":" + max : policy);
        } catch (IllegalArgumentException e) {
            throw RuntimeError.badRequest(e.getMessage());
        }
        if (DockerJson.bool(host, "AutoRemove") && !policy.isEmpty() && !policy.equals("no")) {
            throw RuntimeError.badRequest("can't create 'AutoRemove' container with restart policy");
        }
    }

    /** Newer CLIs name the endpoint of NetworkMode "default" "default": it is the bridge network. */
    private static void normaliseEndpoints(ObjectNode networking) {
        if (networking.path("EndpointsConfig").isObject()) {
            ObjectNode endpoints = (ObjectNode) networking.get("EndpointsConfig");
            JsonNode dflt = endpoints.remove("default");
            if (dflt != null && !endpoints.has("bridge")) {
                endpoints.set("bridge", dflt);
            }
        }
    }

    private static String hostHostname() {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/sys/kernel/hostname")).strip();
        } catch (java.io.IOException e) {
            return "localhost";
        }
    }

    private String newId() {
        byte[] b = new byte[32];
        while (true) {
            new java.security.SecureRandom().nextBytes(b);
            String id = HexFormat.of().formatHex(b);
            // Docker avoids ids that are all digits in their short form (they read as numbers)
            if (!id.substring(0, 12).chars().allMatch(Character::isDigit) && ctx.store.byId(id).isEmpty()) {
                return id;
            }
        }
    }
}
