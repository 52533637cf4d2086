package dev.jcompose.runtime.archive;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * Writes a tar of one file or directory tree of a {@link FsView}, the way dockerd answers
 * {@code GET /containers/{id}/archive}: the top entry is renamed to the requested base name (a directory
 * {@code /etc} gives {@code etc/}, {@code etc/group}...; {@code /etc/.} gives {@code ./}, {@code ./group}),
 * links are stored as links and never followed, hard links inside the tree become link entries, sockets are
 * skipped. The walk goes by container path, so a mount inside the tree (a volume under the directory) is
 * archived with its content, as the container sees it.
 */
public final class TreeTar {
    private final FsView view;
    private final TarArchiveOutputStream tar;
    private final Map<Object, String> seenInodes = new HashMap<>();
    private final byte[] buffer = new byte[64 * 1024];

    private TreeTar(FsView view, OutputStream out) {
        this.view = view;
        this.tar = new TarArchiveOutputStream(out, StandardCharsets.UTF_8.name());
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
        tar.setAddPaxHeadersForNonAsciiNames(true);
    }

    /**
     * Archives {@code top} with its entries named below {@code rebaseName}; with {@code skipTop} the top
     * directory itself gets no entry (docker export's layout: {@code bin/}, {@code etc/passwd}...).
     */
    public static void write(FsView view, FsView.Located top, String rebaseName, boolean skipTop, OutputStream out)
            throws IOException {
        TreeTar writer = new TreeTar(view, out);
        writer.walk(top.components(), rebaseName, skipTop);
        writer.tar.finish();
        writer.tar.flush();
    }

    private void walk(List<String> components, String name, boolean skipEntry) throws IOException {
        Path host = view.hostPath(components);
        PosixFileAttributes attributes;
        try {
            attributes = Files.readAttributes(host, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return; // removed while we walked: dockerd's walk skips it too
        }
        if (!skipEntry) {
            entry(host, attributes, name);
        }
        if (!attributes.isDirectory()) {
            return;
        }
        List<String> children = new ArrayList<>();
        try (DirectoryStream<Path> list = Files.newDirectoryStream(host)) {
            list.forEach(p -> children.add(p.getFileName().toString()));
        } catch (NoSuchFileException e) {
            return;
        }
        children.sort(null);
        String prefix = name.isEmpty() || name.endsWith("/") ? name : name + "/";
        for (String child : children) {
            List<String> next = new ArrayList<>(components);
            next.add(child);
            walk(next, prefix + child, false);
        }
    }

    private void entry(Path host, PosixFileAttributes a, String name) throws IOException {
        int unixMode = (Integer) Files.getAttribute(host, "unix:mode", LinkOption.NOFOLLOW_LINKS);
        int type = unixMode & 0170000;
        TarArchiveEntry e;
        switch (type) {
            case 0040000 -> e = new TarArchiveEntry(name.endsWith("/") ? name : name + "/", TarConstants.LF_DIR, true);
            case 0120000 -> {
                e = new TarArchiveEntry(name, TarConstants.LF_SYMLINK, true);
                e.setLinkName(FsView.readLink(host));
            }
            case 0020000, 0060000 -> {
                e = new TarArchiveEntry(name, type == 0020000 ? TarConstants.LF_CHR : TarConstants.LF_BLK, true);
                long rdev = ((Number) Files.getAttribute(host, "unix:rdev", LinkOption.NOFOLLOW_LINKS)).longValue();
                e.setDevMajor((int) (((rdev >> 8) & 0xfff) | ((rdev >> 32) & ~0xfffL)));
                e.setDevMinor((int) ((rdev & 0xff) | ((rdev >> 12) & ~0xffL)));
            }
            case 0010000 -> e = new TarArchiveEntry(name, TarConstants.LF_FIFO, true);
            case 0100000 -> e = regularOrHardLink(host, name);
            default -> {
                return; // sockets (and anything stranger) are not archived, as with dockerd
            }
        }
        e.setMode(unixMode & 07777);
        e.setUserId(((Number) Files.getAttribute(host, "unix:uid", LinkOption.NOFOLLOW_LINKS)).longValue());
        e.setGroupId(((Number) Files.getAttribute(host, "unix:gid", LinkOption.NOFOLLOW_LINKS)).longValue());
        // whole seconds, as dockerd's headers: no PAX time records for every entry
        e.setModTime(java.nio.file.attribute.FileTime.from(a.lastModifiedTime().toInstant().getEpochSecond(),
                java.util.concurrent.TimeUnit.SECONDS));
        boolean regular = e.getLinkFlag() == TarConstants.LF_NORMAL;
        if (regular) {
            e.setSize(a.size());
        }
        tar.putArchiveEntry(e);
        if (regular && a.size() > 0) {
            copyExactly(host, a.size());
        }
        tar.closeArchiveEntry();
    }

    private TarArchiveEntry regularOrHardLink(Path host, String name) throws IOException {
        int links = ((Number) Files.getAttribute(host, "unix:nlink", LinkOption.NOFOLLOW_LINKS)).intValue();
        if (links > 1) {
            Object key = List.of(Files.getAttribute(host, "unix:dev", LinkOption.NOFOLLOW_LINKS),
                    Files.getAttribute(host, "unix:ino", LinkOption.NOFOLLOW_LINKS));
            String first = seenInodes.putIfAbsent(key, name);
            if (first != null) {
                TarArchiveEntry link = new TarArchiveEntry(name, TarConstants.LF_LINK, true);
                link.setLinkName(first);
                return link;
            }
        }
        return new TarArchiveEntry(name, TarConstants.LF_NORMAL, true);
    }

    /** The header promised {@code size} bytes: a file that shrank meanwhile is padded, one that grew is cut. */
    private void copyExactly(Path host, long size) throws IOException {
        long left = size;
        try (InputStream in = Files.newInputStream(host, LinkOption.NOFOLLOW_LINKS)) {
            while (left > 0) {
                int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
                if (n < 0) {
                    break;
                }
                tar.write(buffer, 0, n);
                left -= n;
            }
        }
        while (left > 0) {
            int n = (int) Math.min(buffer.length, left);
            java.util.Arrays.fill(buffer, 0, n, (byte) 0);
            tar.write(buffer, 0, n);
            left -= n;
        }
    }
}
