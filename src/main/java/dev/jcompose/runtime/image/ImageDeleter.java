package dev.jcompose.runtime.image;

import dev.jcompose.runtime.RuntimeError;
import dev.jcompose.runtime.content.Digest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Docker's image removal rules (daemon/images/image_delete.go), for one call under the store's lock:
 * <ul>
 * <li>By name: untag it. If that was the image's last reference the image goes too, unless a container
 * uses it: then {@code force} is needed up front, and even forced the image stays (untagged) while a
 * container uses it.</li>
 * <li>By id (or id prefix): delete the image with all its references. Refused without {@code force} when
 * it is referenced in several repositories or used by a stopped container; refused even with
 * {@code force} while a running container uses it.</li>
 * </ul>
 */
final class ImageDeleter {
    private record Conflict(String message, boolean used) {
    }

    private final ImageStore store;
    private final ImageMetadata metadata;
    private final ImageUsage usage;

    ImageDeleter(ImageStore store, ImageMetadata metadata, ImageUsage usage) {
        this.store = store;
        this.metadata = metadata;
        this.usage = usage;
    }

    List<DeleteItem> remove(String refOrId, boolean force) {
        Digest id = store.resolve(refOrId);
        List<Reference> repoRefs = metadata.referencesOf(id);
        List<DeleteItem> records = new ArrayList<>();
        boolean removedLastReference = false;
        if (!isIdPrefix(id, refOrId)) {
            List<ImageUsage.User> users = usage.usersOf(id);
            if (!force && isSingleReference(repoRefs) && !users.isEmpty()) {
                throw RuntimeError.conflict("conflict: unable to remove repository reference \"" + refOrId
                        + "\" (must force) - container " + shortId(users.get(0).containerId())
                        + " is using its referenced image " + id.shortId());
            }
            Reference removed = untagNamed(refOrId, records);
            repoRefs = metadata.referencesOf(id);
            if (!removed.isDigested() && repoRefs.stream()
                    .noneMatch(ref -> !ref.isDigested() && ref.name().equals(removed.name()))) {
                // The last tag of a repository takes that repository's digest references with it.
                for (Reference ref : repoRefs) {
                    if (ref.isDigested() && ref.name().equals(removed.name())) {
                        untag(ref, records);
                    }
                }
                repoRefs = metadata.referencesOf(id);
            }
            if (!repoRefs.isEmpty()) {
                return records;
            }
            removedLastReference = true;
        } else if (isSingleReference(repoRefs)) {
            Optional<Conflict> conflict = conflict(id, true, !force, false);
            if (conflict.isPresent()) {
                throw RuntimeError.conflict(conflict.get().message());
            }
            repoRefs.forEach(ref -> untag(ref, records));
        }
        return deleteImage(id, records, force, removedLastReference);
    }

    private List<DeleteItem> deleteImage(Digest id, List<DeleteItem> records, boolean force, boolean quiet) {
        Optional<Conflict> conflict = conflict(id, true, !force, !force);
        if (conflict.isPresent()) {
            boolean dangling = metadata.referencesOf(id).isEmpty();
            if (quiet && (!dangling || conflict.get().used())) {
                return records; // untagged; the image stays for the container that uses it
            }
            throw RuntimeError.conflict(conflict.get().message());
        }
        metadata.referencesOf(id).forEach(ref -> untag(ref, records));
        records.addAll(store.deleteImage(id));
        return records;
    }

    /**
     * The first conflict, in Docker's order: running container (hard), multiple repositories and stopped
     * container (soft, skipped when forced).
     */
    private Optional<Conflict> conflict(Digest id, boolean running, boolean stopped, boolean activeReference) {
        List<ImageUsage.User> users = usage.usersOf(id);
        if (running) {
            for (ImageUsage.User user : users) {
                if (user.running()) {
                    return Optional.of(new Conflict("conflict: unable to delete " + id.shortId()
                            + " (cannot be forced) - image is being used by running container "
                            + shortId(user.containerId()), true));
                }
            }
        }
        if (activeReference && metadata.referencesOf(id).size() > 1) {
            return Optional.of(new Conflict("conflict: unable to delete " + id.shortId()
                    + " (must be forced) - image is referenced in multiple repositories", false));
        }
        if (stopped) {
            for (ImageUsage.User user : users) {
                if (!user.running()) {
                    return Optional.of(new Conflict("conflict: unable to delete " + id.shortId()
                            + " (must be forced) - image is being used by stopped container "
                            + shortId(user.containerId()), true));
                }
            }
        }
        return Optional.empty();
    }

    private Reference untagNamed(String text, List<DeleteItem> records) {
        Reference parsed = Reference.parse(text);
        Reference ref = parsed.isDigested() ? parsed : parsed.withDefaultTag();
        if (!metadata.removeReference(ref) && ref.isDigested()) {
            ref = new Reference(ref.domain(), ref.path(), null, ref.digest());
            metadata.removeReference(ref);
        }
        records.add(DeleteItem.untagged(ref.familiarString()));
        return ref;
    }

    private void untag(Reference ref, List<DeleteItem> records) {
        metadata.removeReference(ref);
        records.add(DeleteItem.untagged(ref.familiarString()));
    }

    /** At most one tag, and every reference in one repository. */
    static boolean isSingleReference(List<Reference> refs) {
        if (refs.size() <= 1) {
            return refs.size() == 1;
        }
        long tags = refs.stream().filter(ref -> !ref.isDigested()).count();
        return tags <= 1 && refs.stream().map(Reference::name).distinct().count() == 1;
    }

    static boolean isIdPrefix(Digest id, String text) {
        return id.toString().startsWith(text) || id.hex().startsWith(text);
    }

    private static String shortId(String containerId) {
        return containerId.length() > 12 ? containerId.substring(0, 12) : containerId;
    }
}
