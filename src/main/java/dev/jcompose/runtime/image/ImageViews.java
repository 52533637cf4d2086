package dev.jcompose.runtime.image;

import dev.jcompose.runtime.content.Digest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** The read-only views of the image store: inspect, list, history, in Docker's shapes. */
final class ImageViews {
    private static final String MISSING = "<missing>";

    private ImageViews() {
    }

    static ImageInspect inspect(ImageStore store, Digest id) {
        ImageRecord record = store.record(id);
        ImageConfig config = store.config(id);
        List<Reference> references = store.references(id);
        return new ImageInspect(id.toString(), repoTags(references), repoDigests(references), "",
                config.comment() == null ? "" : config.comment(),
                config.created() == null ? "" : config.created(),
                config.dockerVersion() == null ? "" : config.dockerVersion(),
                config.author() == null ? "" : config.author(),
                config.runConfig(),
                config.architecture(), config.variant(), config.os(),
                store.sizes.of(record), store.sizes.of(record),
                new ImageInspect.RootFs("layers", record.diffIds().stream().map(Digest::toString).toList()),
                new ImageInspect.Metadata(store.lastTagTime(id)));
    }

    static List<ImageSummary> list(ImageStore store, ImageFilters filters) {
        Instant before = filters.before() == null ? null : createdOf(store, store.resolve(filters.before()));
        Instant since = filters.since() == null ? null : createdOf(store, store.resolve(filters.since()));
        List<ImageSummary> rows = new ArrayList<>();
        for (ImageRecord record : store.records()) {
            List<Reference> references = store.references(record.id());
            List<String> tags = repoTags(references);
            if (filters.dangling() != null && filters.dangling() != tags.isEmpty()) {
                continue;
            }
            if (!filters.matchesReferences(references)) {
                continue;
            }
            ImageConfig config = store.config(record.id());
            if (!filters.matchesLabels(config.runConfig().labelsOrEmpty())) {
                continue;
            }
            Instant created = config.createdAt();
            if (!ImageFilters.inTimeWindow(created, before, since)) {
                continue;
            }
            rows.add(new ImageSummary(record.id(), tags, repoDigests(references),
                    created == null ? 0 : created.getEpochSecond(), store.sizes.of(record),
                    config.runConfig().labelsOrEmpty()));
        }
        // Newest first, as docker images shows them; the id breaks ties so the order is stable.
        rows.sort(Comparator.comparingLong(ImageSummary::created).reversed().thenComparing(ImageSummary::id));
        return rows;
    }

    static List<HistoryItem> history(ImageStore store, Digest id) {
        ImageRecord record = store.record(id);
        ImageConfig config = store.config(id);
        List<ImageConfig.HistoryEntry> entries = config.history();
        List<HistoryItem> items = new ArrayList<>();
        int layer = 0;
        for (ImageConfig.HistoryEntry entry : entries) {
            long size = 0;
            if (!entry.emptyLayer() && layer < record.layers().size()) {
                size = store.sizes.of(record.layers().get(layer++));
            }
            Instant created = ImageConfig.parseTime(entry.created());
            items.add(new HistoryItem(MISSING, created == null ? 0 : created.getEpochSecond(),
                    entry.createdBy() == null ? "" : entry.createdBy(), List.of(), size,
                    entry.comment() == null ? "" : entry.comment()));
        }
        List<HistoryItem> newestFirst = new ArrayList<>(items.reversed());
        if (!newestFirst.isEmpty()) {
            HistoryItem top = newestFirst.get(0);
            newestFirst.set(0, new HistoryItem(id.toString(), top.created(), top.createdBy(),
                    repoTags(store.references(id)), top.size(), top.comment()));
        }
        return newestFirst;
    }

    private static Instant createdOf(ImageStore store, Digest id) {
        Instant created = store.config(id).createdAt();
        return created == null ? Instant.EPOCH : created;
    }

    static List<String> repoTags(List<Reference> references) {
        return references.stream().filter(reference -> !reference.isDigested()).map(Reference::familiarString)
                .sorted().toList();
    }

    static List<String> repoDigests(List<Reference> references) {
        return references.stream().filter(Reference::isDigested)
                .map(reference -> reference.familiarName() + "@" + reference.digest()).sorted().toList();
    }
}
