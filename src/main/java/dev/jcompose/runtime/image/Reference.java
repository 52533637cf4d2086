package dev.jcompose.runtime.image;

import dev.jcompose.runtime.RuntimeError;
import dev.jcompose.runtime.content.Digest;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A normalised image reference, as Docker's distribution/reference reads it: {@code busybox} is
 * {@code docker.io/library/busybox}, {@code user/app} is {@code docker.io/user/app}, a first component with a
 * dot, a colon or equal to {@code localhost} is a registry. Tag and digest are both optional (see
 * {@link #withDefaultTag()}); the familiar form drops what Docker hides when it prints references.
 */
public record Reference(String domain, String path, String tag, Digest digest) {
    public static final String DEFAULT_DOMAIN = "docker.io";
    private static final String LEGACY_DOMAIN = "index.docker.io";
    private static final String OFFICIAL_PREFIX = "library/";
    private static final String DOMAIN_COMPONENT = "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])";
    private static final Pattern DOMAIN = Pattern.compile(
            DOMAIN_COMPONENT + "(?:\\." + DOMAIN_COMPONENT + ")*(?::[0-9]+)?");
    private static final String PATH_COMPONENT = "[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*";
    private static final Pattern PATH = Pattern.compile(PATH_COMPONENT + "(?:/" + PATH_COMPONENT + ")*");
    private static final Pattern TAG = Pattern.compile("[\\w][\\w.-]{0,127}");
    private static final Pattern HEX_ID = Pattern.compile("[a-f0-9]{64}");
    private static final int NAME_MAX = 255;

    public Reference {
        if (!DOMAIN.matcher(domain).matches() || !PATH.matcher(path).matches()) {
            throw invalid(domain + "/" + path);
        }
        if (tag != null && !TAG.matcher(tag).matches()) {
            throw invalid(tag);
        }
    }

    /** Parses and normalises; 400 "invalid reference format" like Docker. */
    public static Reference parse(String text) {
        if (text == null || text.isEmpty()) {
            throw invalid("");
        }
        if (HEX_ID.matcher(text).matches()) {
            throw RuntimeError.badRequest("invalid repository name (" + text
                    + "), cannot specify 64-byte hexadecimal strings");
        }
        String rest = text;
        Digest digest = null;
        int at = rest.indexOf('@');
        if (at >= 0) {
            String digestText = rest.substring(at + 1);
            if (!Digest.isValid(digestText)) {
                throw invalid(text);
            }
            digest = Digest.parse(digestText);
            rest = rest.substring(0, at);
        }
        String tag = null;
        int lastColon = rest.lastIndexOf(':');
        if (lastColon > rest.lastIndexOf('/')) {
            tag = rest.substring(lastColon + 1);
            rest = rest.substring(0, lastColon);
        }
        String domain;
        String remainder;
        int slash = rest.indexOf('/');
        String first = slash < 0 ? "" : rest.substring(0, slash);
        if (slash < 0 || (!first.contains(".") && !first.contains(":") && !first.equals("localhost")
                && first.toLowerCase(Locale.ROOT).equals(first))) {
            domain = DEFAULT_DOMAIN;
            remainder = rest;
        } else {
            domain = first;
            remainder = rest.substring(slash + 1);
        }
        if (domain.equals(LEGACY_DOMAIN)) {
            domain = DEFAULT_DOMAIN;
        }
        if (domain.equals(DEFAULT_DOMAIN) && !remainder.contains("/")) {
            remainder = OFFICIAL_PREFIX + remainder;
        }
        if (!remainder.toLowerCase(Locale.ROOT).equals(remainder)) {
            throw RuntimeError.badRequest("invalid reference format: repository name must be lowercase");
        }
        if (!DOMAIN.matcher(domain).matches() || !PATH.matcher(remainder).matches()
                || (tag != null && !TAG.matcher(tag).matches())) {
            throw invalid(text);
        }
        if (domain.length() + 1 + remainder.length() > NAME_MAX) {
            throw RuntimeError.badRequest("invalid reference format: repository name must not be more than "
                    + NAME_MAX + " characters");
        }
        return new Reference(domain, remainder, tag, digest);
    }

    /** Whether {@code text} parses as a reference (used when a string may also be an id prefix). */
    public static boolean isValid(String text) {
        try {
            parse(text);
            return true;
        } catch (RuntimeError e) {
            return false;
        }
    }

    /** {@code name:latest} when neither tag nor digest was given (Docker's TagNameOnly). */
    public Reference withDefaultTag() {
        return tag == null && digest == null ? new Reference(domain, path, "latest", null) : this;
    }

    public Reference withTag(String newTag) {
        return new Reference(domain, path, newTag, null);
    }

    public Reference withDigest(Digest newDigest) {
        return new Reference(domain, path, null, newDigest);
    }

    /** domain/path: the repository. */
    public String name() {
        return domain + "/" + path;
    }

    /** The repository as Docker prints it: {@code busybox}, {@code user/app}, {@code localhost:5000/app}. */
    public String familiarName() {
        if (!domain.equals(DEFAULT_DOMAIN)) {
            return name();
        }
        if (path.startsWith(OFFICIAL_PREFIX) && path.indexOf('/', OFFICIAL_PREFIX.length()) < 0) {
            return path.substring(OFFICIAL_PREFIX.length());
        }
        return path;
    }

    public String familiarString() {
        return familiarName() + suffix();
    }

    public boolean isDigested() {
        return digest != null;
    }

    @Override
    public String toString() {
        return name() + suffix();
    }

    private String suffix() {
        return (tag == null ? "" : ":" + tag) + (digest == null ? "" : "@" + digest);
    }

    private static RuntimeError invalid(String text) {
        return RuntimeError.badRequest("invalid reference format: \"" + text + "\"");
    }
}
