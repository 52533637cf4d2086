package dev.jcompose.runtime.content;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.jcompose.runtime.RuntimeError;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * A sha256 content digest ({@code sha256:<64 lowercase hex>}). Malformed input is rejected here, at
 * construction, so a bad digest can never become a path under the blob store.
 */
public record Digest(String hex) implements Comparable<Digest> {
    public static final String ALGORITHM = "sha256";
    private static final Pattern HEX = Pattern.compile("[a-f0-9]{64}");

    public Digest {
        if (hex == null || !HEX.matcher(hex).matches()) {
            throw RuntimeError.badRequest("invalid sha256 digest hex: \"" + hex + "\"");
        }
    }

    /** Parses {@code sha256:<hex>}; any other algorithm or shape is a 400. */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static Digest parse(String text) {
        if (text == null) {
            throw RuntimeError.badRequest("missing digest");
        }
        int colon = text.indexOf(':');
        if (colon < 0) {
            throw RuntimeError.badRequest("invalid digest \"" + text + "\": expected sha256:<hex>");
        }
        String algorithm = text.substring(0, colon);
        if (!ALGORITHM.equals(algorithm)) {
            throw RuntimeError.badRequest("unsupported digest algorithm \"" + algorithm + "\" in \"" + text + "\"");
        }
        return new Digest(text.substring(colon + 1));
    }

    public static boolean isValid(String text) {
        return text != null && text.startsWith(ALGORITHM + ":") && HEX.matcher(text.substring(ALGORITHM.length() + 1)).matches();
    }

    public static Digest of(byte[] bytes) {
        return fromHash(newSha256().digest(bytes));
    }

    public static Digest fromHash(byte[] sha256) {
        return new Digest(HexFormat.of().formatHex(sha256));
    }

    public static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** The 12-hex short id Docker prints. */
    public String shortId() {
        return hex.substring(0, 12);
    }

    @JsonValue
    @Override
    public String toString() {
        return ALGORITHM + ":" + hex;
    }

    @Override
    public int compareTo(Digest other) {
        return hex.compareTo(other.hex);
    }
}
