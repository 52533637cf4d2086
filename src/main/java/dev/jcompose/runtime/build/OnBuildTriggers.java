package dev.jcompose.runtime.build;

import dev.jcompose.runtime.image.ImageConfig;

/**
 * What dockerd's classic builder shows and changes when a FROM image carries ONBUILD triggers: a
 * {@code # Executing N build trigger(s)} line, and a stage config without the triggers (they run once, in the
 * first image built FROM the one that declared them, and are not handed on).
 */
final class OnBuildTriggers {
    private OnBuildTriggers() {
    }

    static String header(int count) {
        return "# Executing " + count + " build trigger" + (count == 1 ? "" : "s") + "\n";
    }

    /** The same image (same id: the triggers' steps name the base as parent) minus its triggers. */
    static ImageState withoutTriggers(ImageState base) {
        ImageConfig c = base.config();
        ImageConfig cleared = new ImageConfig(c.architecture(), c.os(), c.variant(), c.created(), c.author(),
                c.comment(), c.dockerVersion(), c.runConfig().toBuilder().clearOnBuild().build(), c.rootfs(),
                c.history());
        return new ImageState(base.id(), cleared, base.layers(), true);
    }
}
