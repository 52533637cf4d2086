package dev.jcompose.state;

import java.util.HexFormat;
import java.util.random.RandomGenerator;

/** Engine-side names compose gives to containers and resources. */
public final class Names {
    private Names() {
    }

    /** Replica containers: {@code project-service-N}. */
    public static String container(String project, String service, int number) {
        return project + "-" + service + "-" + number;
    }

    /** One-off containers of `run`: {@code project-service-run-<first 12 hex of the slug>}. */
    public static String oneOffContainer(String project, String service, String slug) {
        return project + "-" + service + "-run-" + shortId(slug);
    }

    /** A fresh 64-hex slug (the {@code com.docker.compose.slug} label of one-off containers). */
    public static String newSlug(RandomGenerator random) {
        byte[] bytes = new byte[32];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) random.nextInt(256);
        }
        return HexFormat.of().formatHex(bytes);
    }

    /** Default name of a project network or volume without {@code name:}: {@code project_key}. */
    public static String resource(String project, String key) {
        return project + "_" + key;
    }

    /** Image name compose gives a built service without {@code image:}: {@code project-service}. */
    public static String defaultImage(String project, String service) {
        return project + "-" + service;
    }

    /** Temporary name of a replacement container during recreate: {@code <old short id>_<final name>}. */
    public static String replacement(String oldContainerId, String finalName) {
        return shortId(oldContainerId) + "_" + finalName;
    }

    /** Docker's 12-character short id. */
    public static String shortId(String id) {
        if (id == null) {
            return "";
        }
        String bare = id.startsWith("sha256:") ? id.substring(7) : id;
        return bare.length() <= 12 ? bare : bare.substring(0, 12);
    }
}
