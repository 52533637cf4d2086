package dev.jcompose.plan;

/**
 * What `down` asked for.
 *
 * @param removeOrphans also remove orphan and one-off containers
 * @param volumes       -v: remove the project's named volumes (never external ones) and containers' anonymous
 *                      volumes
 * @param rmi           null, "local" (images without an {@code image:} name, i.e. built ones) or "all"
 */
public record DownOptions(boolean removeOrphans, boolean volumes, String rmi) {
    public DownOptions {
        if (rmi != null && !rmi.equals("local") && !rmi.equals("all")) {
            throw dev.jcompose.error.ComposeException.usage("invalid --rmi value \"" + rmi
                    + "\": must be \"local\" or \"all\"");
        }
    }

    public static DownOptions defaults() {
        return new DownOptions(false, false, null);
    }
}
