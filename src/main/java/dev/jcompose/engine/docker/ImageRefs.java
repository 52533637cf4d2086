package dev.jcompose.engine.docker;

/** Splitting image references the way the API's repo/tag parameters want them. */
final class ImageRefs {
    private ImageRefs() {
    }

    /**
     * {repository, tag-or-digest-or-null}: "reg:5000/a/b:1" → {"reg:5000/a/b", "1"}; "a@sha256:x" →
     * {"a", "sha256:x"}; "a" → {"a", null}. A colon before the last slash is a registry port, not a tag.
     */
    static String[] splitTag(String reference) {
        int at = reference.indexOf('@');
        if (at >= 0) {
            return new String[] {reference.substring(0, at), reference.substring(at + 1)};
        }
        int colon = reference.lastIndexOf(':');
        if (colon > reference.lastIndexOf('/')) {
            return new String[] {reference.substring(0, colon), reference.substring(colon + 1)};
        }
        return new String[] {reference, null};
    }
}
