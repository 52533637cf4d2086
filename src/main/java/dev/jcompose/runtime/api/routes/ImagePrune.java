package dev.jcompose.runtime.api.routes;

import dev.jcompose.runtime.RuntimeError;
import dev.jcompose.runtime.api.ApiRequest;
import dev.jcompose.runtime.api.ApiResponse;
import dev.jcompose.runtime.content.Digest;
import dev.jcompose.runtime.image.DeleteItem;
import dev.jcompose.runtime.image.ImageFilters;
import dev.jcompose.runtime.image.ImageStore;
import dev.jcompose.runtime.image.ImageSummary;
import dev.jcompose.runtime.image.ImageUsage;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code POST /images/prune}: removes images no container uses — only dangling ones by default, every unused
 * one with {@code dangling=false} — narrowed by {@code until} (created before a time or a duration ago) and
 * {@code label} / {@code label!}. SpaceReclaimed counts the uncompressed layers no remaining image shares.
 */
final class ImagePrune {
    private static final Set<String> FILTERS = Set.of("dangling", "until", "label", "label!");
    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)(ns|us|µs|ms|s|m|h)");

    private final ImageStore images;
    private final ImageUsage usage;

    ImagePrune(ImageStore images, ImageUsage usage) {
        this.images = images;
        this.usage = usage;
    }

    ApiResponse handle(ApiRequest req) {
        Map<String, List<String>> filters = ImageFilterQuery.parse(req, FILTERS);
        boolean danglingOnly = true;
        for (String value : filters.getOrDefault("dangling", List.of())) {
            danglingOnly = switch (value.toLowerCase(java.util.Locale.ROOT)) {
                case "true", "1" -> true;
                case "false", "0" -> false;
                default -> throw RuntimeError.badRequest("Invalid filter 'dangling=" + value + "'");
            };
        }
        Instant until = null;
        for (String value : filters.getOrDefault("until", List.of())) {
            until = parseUntil(value, Instant.now());
        }
        List<String> labels = filters.getOrDefault("label", List.of());
        List<String> notLabels = filters.getOrDefault("label!", List.of());
        List<Map<String, String>> deleted = new ArrayList<>();
        Map<Digest, Long> layerSizes = layerSizes();
        for (ImageSummary image : images.list(ImageFilters.NONE)) {
            if (danglingOnly && !(image.repoTags().isEmpty() && image.repoDigests().isEmpty())) {
                continue;
            }
            if (until != null && image.created() >= until.getEpochSecond()) {
                continue;
            }
            if (!labels.stream().allMatch(l -> hasLabel(image.labels(), l))
                    || notLabels.stream().anyMatch(l -> hasLabel(image.labels(), l))) {
                continue;
            }
            if (!usage.usersOf(image.id()).isEmpty()) {
                continue;
            }
            try {
                List<DeleteItem> items = images.remove(image.id().toString(), true, usage);
                deleted.addAll(ImageViewsJson.deleted(items));
            } catch (RuntimeError e) {
                // In use by now, or gone: prune skips what it cannot remove, as dockerd does.
            }
        }
        Map<Digest, Long> remaining = layerSizes();
        long reclaimed = layerSizes.entrySet().stream().filter(e -> !remaining.containsKey(e.getKey()))
                .mapToLong(Map.Entry::getValue).sum();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("ImagesDeleted", deleted.isEmpty() ? null : deleted);
        body.put("SpaceReclaimed", reclaimed);
        return ApiResponse.json(body);
    }

    /** diff id → uncompressed size, over all images. */
    private Map<Digest, Long> layerSizes() {
        Map<Digest, Long> sizes = new HashMap<>();
        for (ImageSummary image : images.list(ImageFilters.NONE)) {
            images.record(image.id()).layers().forEach(layer -> sizes.put(layer.diffId(), layer.uncompressedSize()));
        }
        return sizes;
    }

    private static boolean hasLabel(Map<String, String> labels, String filter) {
        int equals = filter.indexOf('=');
        return equals < 0 ? labels.containsKey(filter)
                : filter.substring(equals + 1).equals(labels.get(filter.substring(0, equals)));
    }

    /** Docker's until: a Go duration ("24h", "1h30m") before now, RFC 3339, a date, or Unix seconds. */
    static Instant parseUntil(String value, Instant now) {
        String text = value.strip();
        if (text.matches("(" + DURATION.pattern() + ")+")) {
            Matcher m = DURATION.matcher(text);
            double nanos = 0;
            while (m.find()) {
                double amount = Double.parseDouble(m.group(1));
                nanos += amount * switch (m.group(2)) {
                    case "ns" -> 1;
                    case "us", "µs" -> 1e3;
                    case "ms" -> 1e6;
                    case "s" -> 1e9;
                    case "m" -> 60e9;
                    default -> 3600e9;
                };
            }
            return now.minus(Duration.ofNanos((long) nanos));
        }
        if (text.matches("\\d+(\\.\\d+)?")) {
            return Instant.ofEpochSecond((long) Double.parseDouble(text));
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            try {
                return java.time.LocalDate.parse(text).atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
            } catch (DateTimeParseException again) {
                throw RuntimeError.badRequest("invalid filter 'until=" + value + "': not a duration, date or timestamp");
            }
        }
    }
}
