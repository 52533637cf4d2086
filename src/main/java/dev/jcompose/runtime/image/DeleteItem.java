package dev.jcompose.runtime.image;

/** One record of an image removal, like Docker's: either a reference untagged or an object deleted. */
public record DeleteItem(String untagged, String deleted) {
    public static DeleteItem untagged(String reference) {
        return new DeleteItem(reference, null);
    }

    public static DeleteItem deleted(String id) {
        return new DeleteItem(null, id);
    }
}
