package dev.jcompose.runtime.network;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Every name this package gives to a host object (bridge, veth, netns, iptables chain, rule comment). Production
 * uses {@link #PRODUCTION}; tests use {@link #TEST} so they can never touch a running daemon's objects and a
 * residue scan can find exactly what a test left. Interface names must fit IFNAMSIZ (15 characters).
 *
 * @param bridgePrefix   user-network bridges: prefix + start of the network id
 * @param defaultBridge  the bridge of the built-in {@code bridge} network (not dockerd's docker0)
 * @param vethPrefix     host side of endpoint veth pairs: prefix + hash of (container, network)
 * @param netnsPrefix    per-container namespaces under /run/netns: prefix + container id
 * @param chainPrefix    our iptables chains: prefix + FORWARD, ISOLATION, INPUT, POSTROUTING
 * @param comment        the comment tagging our jumps from the built-in chains
 */
public record Naming(String bridgePrefix, String defaultBridge, String vethPrefix, String netnsPrefix,
        String chainPrefix, String comment) {
    public static final int IFNAMSIZ = 15;
    public static final Naming PRODUCTION = new Naming("jc-", "jc0", "jcv", "jc-", "JC-", "jcompose");
    public static final Naming TEST = new Naming("jct-br", "jct-br0", "jctv", "jct-ns-", "JCT-", "jcompose-test");

    public Naming {
        if (bridgePrefix.length() > 8 || vethPrefix.length() > 8 || defaultBridge.length() > IFNAMSIZ) {
            throw new IllegalArgumentException("interface name prefixes leave no room for an id");
        }
    }

    public String bridge(String networkId) {
        return bridgePrefix + networkId.substring(0, Math.min(networkId.length(), IFNAMSIZ - bridgePrefix.length()));
    }

    /** Deterministic, so a repeated attach or a reconcile after a crash finds the same link. */
    public String veth(String containerId, String networkId) {
        return vethPrefix + hash(containerId + "/" + networkId).substring(0, Math.min(10, IFNAMSIZ - vethPrefix.length()));
    }

    public String netns(String containerId) {
        return netnsPrefix + containerId;
    }

    public String chain(String suffix) {
        return chainPrefix + suffix;
    }

    private static String hash(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
