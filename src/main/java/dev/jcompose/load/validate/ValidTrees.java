package dev.jcompose.load.validate;

import dev.jcompose.load.tree.MapNode;
import dev.jcompose.load.tree.Node;
import dev.jcompose.load.tree.ScalarNode;
import dev.jcompose.load.tree.SeqNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Remembers trees that passed the schema, by digest (tree content + the schema and the validating code), as empty
 * marker files in the user's cache directory. Compiling the schema costs ~60 ms of CPU per command and most commands re-read an
 * unchanged project (a no-op `up`, `ps`, `logs`), so a known-valid tree skips it. Only valid trees are remembered:
 * an invalid one is validated every time, so errors are always reported fresh and in full. Best effort: any I/O
 * problem just means validating.
 */
final class ValidTrees {
    /** Enough for every project a developer touches; pruned to half when exceeded. */
    private static final int MAX_ENTRIES = 512;

    private final Path dir;
    private final byte[] schemaDigest;

    ValidTrees(Path dir, byte[] schemaDigest) {
        this.dir = dir;
        this.schemaDigest = schemaDigest.clone();
    }

    /** The cache of this user, or empty when there is no home to keep it in ($JCOMPOSE_CACHE_DIR wins). */
    static Optional<ValidTrees> forUser(String schemaResource) {
        Optional<Path> base = cacheDir();
        if (base.isEmpty()) {
            return Optional.empty();
        }
        // What decides validity: the schema, and the code that feeds it and filters its findings.
        MessageDigest rules = sha256();
        for (String resource : List.of(schemaResource, "ComposeSchema.class", "TreeJson.class")) {
            try (InputStream in = ValidTrees.class.getResourceAsStream(resource)) {
                if (in == null) {
                    return Optional.empty();
                }
                rules.update(in.readAllBytes());
            } catch (IOException e) {
                return Optional.empty();
            }
        }
        return Optional.of(new ValidTrees(base.get().resolve("valid-trees"), rules.digest()));
    }

    private static Optional<Path> cacheDir() {
        String explicit = System.getProperty("jcompose.cache.dir", System.getenv("JCOMPOSE_CACHE_DIR"));
        if (explicit != null && !explicit.isBlank()) {
            return explicit.equals("off") ? Optional.empty() : Optional.of(Path.of(explicit));
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        if (xdg != null && !xdg.isBlank()) {
            return Optional.of(Path.of(xdg, "jcompose"));
        }
        String home = System.getProperty("user.home");
        return home == null || home.isBlank() || home.equals("?") ? Optional.empty()
                : Optional.of(Path.of(home, ".cache", "jcompose"));
    }

    boolean known(MapNode tree) {
        return Files.exists(dir.resolve(key(tree)));
    }

    void remember(MapNode tree) {
        try {
            Files.createDirectories(dir);
            Files.createFile(dir.resolve(key(tree)));
            prune();
        } catch (FileAlreadyExistsException e) {
            // another command got there first
        } catch (IOException | UncheckedIOException e) {
            // a read-only home: validate every time
        }
    }

    private void prune() throws IOException {
        List<Path> entries = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
            stream.forEach(entries::add);
        }
        if (entries.size() <= MAX_ENTRIES) {
            return;
        }
        entries.sort(Comparator.comparing(ValidTrees::modified));
        for (Path old : entries.subList(0, entries.size() - MAX_ENTRIES / 2)) {
            Files.deleteIfExists(old);
        }
    }

    private static long modified(Path p) {
        try {
            return Files.getLastModifiedTime(p).toMillis();
        } catch (IOException e) {
            return 0;
        }
    }

    /** Hex SHA-256 of the schema digest and an unambiguous encoding of the tree (types, lengths, values). */
    String key(MapNode tree) {
        MessageDigest md = sha256();
        md.update(schemaDigest);
        feed(md, tree);
        return HexFormat.of().formatHex(md.digest());
    }

    private static void feed(MessageDigest md, Node node) {
        switch (node) {
            case MapNode m -> {
                text(md, 'M', Integer.toString(m.size()));
                for (var e : m.entries().entrySet()) {
                    text(md, 'K', e.getKey());
                    feed(md, e.getValue());
                }
            }
            case SeqNode s -> {
                text(md, 'S', Integer.toString(s.size()));
                for (Node item : s.items()) {
                    feed(md, item);
                }
            }
            case ScalarNode s -> {
                Object v = s.value();
                char type = switch (v) {
                    case null -> 'n';
                    case String x -> 's';
                    case Boolean x -> 'b';
                    case Double x -> 'd';
                    default -> 'i'; // Long, BigInteger: JSON integers alike
                };
                text(md, type, String.valueOf(v));
            }
        }
    }

    private static void text(MessageDigest md, char type, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        md.update((byte) type);
        md.update(Integer.toString(bytes.length).getBytes(StandardCharsets.US_ASCII));
        md.update((byte) ':');
        md.update(bytes);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
