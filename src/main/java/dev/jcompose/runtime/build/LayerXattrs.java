package dev.jcompose.runtime.build;

import dev.jcompose.runtime.fs.Posix;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The extended attributes a build step's layer keeps, as dockerd's classic builder does: only the file
 * capability (security.capability, so {@code setcap cap_net_raw+ep} in a RUN works in the image). dockerd's
 * layer diff reads no other xattr (user.* set in a RUN is not in dockerd's image), so the others are also
 * removed from the step's upper directory, which becomes the snapshot the image's containers run on: the
 * image then looks the same here as on dockerd and after a save/load. overlayfs' own trusted.overlay.*
 * records stay (the snapshot needs them).
 */
final class LayerXattrs {
    static final String CAPABILITY = "security.capability";
    private static final int VFS_CAP_REVISION_2 = 2;
    private static final int VFS_CAP_REVISION_3 = 3;
    /** A revision 2 capability: magic_etc and two (permitted, inheritable) pairs, 4 bytes each. */
    private static final int XATTR_CAPS_SZ_2 = 20;

    private LayerXattrs() {
    }

    /** The file capability to record in the layer, as revision 2; null when the file has none. */
    static byte[] capability(Path path) throws IOException {
        return toRevision2(Posix.getXattrBytes(path, CAPABILITY));
    }

    /**
     * A revision 3 capability names the root uid of a user namespace, which means nothing outside the one
     * the layer was made in: dockerd writes it as revision 2 (magic byte 3 and the first 20 bytes).
     */
    static byte[] toRevision2(byte[] value) {
        if (value == null || value.length < 4 || value[3] != VFS_CAP_REVISION_3) {
            return value;
        }
        byte[] v2 = Arrays.copyOf(value, Math.min(value.length, XATTR_CAPS_SZ_2));
        v2[3] = VFS_CAP_REVISION_2;
        return v2;
    }

    /** Whether a step's upper directory keeps this attribute. */
    static boolean kept(String name) {
        return name.equals(CAPABILITY) || name.startsWith("trusted.overlay.");
    }

    /** Removes what the layer does not record, so the snapshot equals the layer. */
    static void dropUnkept(Path path) throws IOException {
        for (String name : Posix.listXattrs(path)) {
            if (!kept(name)) {
                Posix.removeXattr(path, name);
            }
        }
    }
}
