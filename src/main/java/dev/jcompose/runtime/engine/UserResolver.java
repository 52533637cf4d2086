package dev.jcompose.runtime.engine;

import dev.jcompose.runtime.RuntimeError;
import dev.jcompose.runtime.oci.UserSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Docker's user resolution against the container's own /etc/passwd and /etc/group: {@code uid}, {@code name},
 * {@code uid:gid}, {@code name:group}; supplementary groups are the groups that list the user plus GroupAdd.
 * Files are read through {@link ScopedPath}, never through a symlink out of the rootfs.
 */
public final class UserResolver {
    private record Passwd(String name, int uid, int gid) {
    }

    private record Group(String name, int gid, List<String> members) {
    }

    private final List<Passwd> users;
    private final List<Group> groups;

    private UserResolver(List<Passwd> users, List<Group> groups) {
        this.users = users;
        this.groups = groups;
    }

    public static UserResolver forRootfs(Path rootfs) {
        return of(read(rootfs, "/etc/passwd"), read(rootfs, "/etc/group"));
    }

    static UserResolver of(String passwd, String group) {
        List<Passwd> users = new ArrayList<>();
        for (String[] f : rows(passwd)) {
            if (f.length >= 4 && isNumber(f[2]) && isNumber(f[3])) {
                users.add(new Passwd(f[0], Integer.parseInt(f[2]), Integer.parseInt(f[3])));
            }
        }
        List<Group> groups = new ArrayList<>();
        for (String[] f : rows(group)) {
            if (f.length >= 3 && isNumber(f[2])) {
                List<String> members = f.length >= 4 && !f[3].isEmpty() ? List.of(f[3].split(",")) : List.of();
                groups.add(new Group(f[0], Integer.parseInt(f[2]), members));
            }
        }
        return new UserResolver(users, groups);
    }

    public UserSpec resolve(String user, List<String> groupAdd) {
        String spec = user == null || user.isEmpty() ? "0" : user;
        int colon = spec.indexOf(':');
        String u = colon < 0 ? spec : spec.substring(0, colon);
        String g = colon < 0 ? null : spec.substring(colon + 1);
        Optional<Passwd> entry = isNumber(u) ? users.stream().filter(p -> p.uid() == Integer.parseInt(u)).findFirst()
                : users.stream().filter(p -> p.name().equals(u)).findFirst();
        if (entry.isEmpty() && !isNumber(u)) {
            throw RuntimeError.internal("unable to find user " + u + ": no matching entries in passwd file", null);
        }
        int uid = isNumber(u) ? Integer.parseInt(u) : entry.get().uid();
        int gid = g == null || g.isEmpty() ? entry.map(Passwd::gid).orElse(0) : groupId(g);
        Set<Integer> extra = new LinkedHashSet<>();
        if (g == null && entry.isPresent()) {
            String name = entry.get().name();
            groups.stream().filter(gr -> gr.members().contains(name)).forEach(gr -> extra.add(gr.gid()));
        }
        if (groupAdd != null) {
            groupAdd.forEach(name -> extra.add(groupId(name)));
        }
        extra.remove(gid);
        return new UserSpec(uid, gid, List.copyOf(extra));
    }

    private int groupId(String group) {
        if (isNumber(group)) {
            return Integer.parseInt(group);
        }
        return groups.stream().filter(gr -> gr.name().equals(group)).findFirst().map(Group::gid)
                .orElseThrow(() -> RuntimeError.internal("unable to find group " + group
                        + ": no matching entries in group file", null));
    }

    private static boolean isNumber(String s) {
        return !s.isEmpty() && s.length() < 10 && s.chars().allMatch(Character::isDigit);
    }

    private static List<String[]> rows(String text) {
        List<String[]> out = new ArrayList<>();
        for (String line : text.split("\n")) {
            String l = line.strip();
            if (!l.isEmpty() && !l.startsWith("#")) {
                out.add(l.split(":", -1));
            }
        }
        return out;
    }

    /** The file's text, or "" when it is missing, unreadable or a link loop (then no name resolves). */
    private static String read(Path rootfs, String file) {
        try {
            Path p = ScopedPath.resolve(rootfs, file);
            return Files.isRegularFile(p) ? Files.readString(p, StandardCharsets.UTF_8) : "";
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }
}
