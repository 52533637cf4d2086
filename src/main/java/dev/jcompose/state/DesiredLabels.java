package dev.jcompose.state;

import dev.jcompose.model.Project;
import dev.jcompose.model.Service;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The compose labels the executor puts on what it creates. User labels from the compose file are merged by the
 * executor on top of nothing: these keys are reserved, so compose's own values win.
 */
public final class DesiredLabels {
    private DesiredLabels() {
    }

    /**
     * Written into {@code com.docker.compose.version}: the docker compose release whose behaviour jcompose
     * matches, so tools reading the label (compose itself, `docker compose ls`) see a version they understand.
     */
    public static final String COMPOSE_VERSION = "2.40.0";

    /** A replica container. {@code imageDigest} may be null when the image was not resolved. */
    public static SortedMap<String, String> forContainer(Project project, Service service, int number,
            String configHash, String imageDigest) {
        SortedMap<String, String> labels = common(project, service, configHash, imageDigest);
        labels.put(Labels.CONTAINER_NUMBER, Integer.toString(number));
        labels.put(Labels.ONEOFF, Labels.FALSE);
        return labels;
    }

    /**
     * A container created to replace another one during a recreate. compose records the replaced container as
     * {@code service-N} (or its container_name), which `up` attached output uses to say "has been recreated".
     */
    public static SortedMap<String, String> forReplacement(Project project, Service service, int number,
            String configHash, String imageDigest) {
        SortedMap<String, String> labels = forContainer(project, service, number, configHash, imageDigest);
        labels.put(Labels.REPLACE, service.containerName() != null ? service.containerName()
                : service.name() + "-" + number);
        return labels;
    }

    /** A one-off container of `run`: no number, oneoff True and the slug that names it. */
    public static SortedMap<String, String> forOneOff(Project project, Service service, String slug,
            String configHash, String imageDigest) {
        SortedMap<String, String> labels = common(project, service, configHash, imageDigest);
        labels.put(Labels.ONEOFF, Labels.TRUE);
        labels.put(Labels.SLUG, slug);
        return labels;
    }

    public static SortedMap<String, String> forNetwork(Project project, String key, String configHash) {
        SortedMap<String, String> labels = new TreeMap<>();
        labels.put(Labels.PROJECT, project.name());
        labels.put(Labels.NETWORK, key);
        labels.put(Labels.VERSION, COMPOSE_VERSION);
        labels.put(Labels.CONFIG_HASH, configHash);
        return labels;
    }

    public static SortedMap<String, String> forVolume(Project project, String key, String configHash) {
        SortedMap<String, String> labels = new TreeMap<>();
        labels.put(Labels.PROJECT, project.name());
        labels.put(Labels.VOLUME, key);
        labels.put(Labels.VERSION, COMPOSE_VERSION);
        labels.put(Labels.CONFIG_HASH, configHash);
        return labels;
    }

    private static SortedMap<String, String> common(Project project, Service service, String configHash,
            String imageDigest) {
        SortedMap<String, String> labels = new TreeMap<>();
        labels.put(Labels.PROJECT, project.name());
        labels.put(Labels.SERVICE, service.name());
        labels.put(Labels.VERSION, COMPOSE_VERSION);
        labels.put(Labels.WORKING_DIR, project.workingDir() == null ? "" : project.workingDir().toString());
        labels.put(Labels.CONFIG_FILES, Labels.configFiles(project.configFiles()));
        labels.put(Labels.CONFIG_HASH, configHash);
        labels.put(Labels.DEPENDS_ON, Labels.dependsOn(service.dependsOn()));
        if (imageDigest != null && !imageDigest.isEmpty()) {
            labels.put(Labels.IMAGE, imageDigest);
        }
        return labels;
    }
}
