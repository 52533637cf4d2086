package dev.jcompose.runtime.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A {@code docker save} archive of a busybox image, tagged {@link #TAG}: from dockerd when it runs
 * ({@code scripts/make-busybox-image.sh --save}, the image the rest of the project uses), else written in code
 * from Debian's static busybox (one layer: /bin/busybox, an applet symlink per applet, /etc/passwd).
 */
public final class BusyboxImage {
    public static final String TAG = "jcompose/busybox:latest";
    private static final Path BUSYBOX = Path.of("/bin/busybox");

    private BusyboxImage() {
    }

    public static boolean available() {
        return Files.isExecutable(BUSYBOX);
    }

    /** Writes the archive to {@code file}; true when it came from dockerd. */
    public static boolean save(Path file) throws IOException, InterruptedException {
        if (DockerCommand.dockerdRunning()) {
            Process p = new ProcessBuilder("scripts/make-busybox-image.sh", "--save", file.toString())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (p.waitFor(5, TimeUnit.MINUTES) && p.exitValue() == 0) {
                return true;
            }
        }
        Files.write(file, inCode());
        return false;
    }

    /** The same image made without Docker. */
    public static byte[] inCode() throws IOException, InterruptedException {
        TarBuilder rootfs = new TarBuilder().dir("bin", 0755).file("bin/busybox", Files.readAllBytes(BUSYBOX), 0755);
        for (String applet : applets()) {
            if (!applet.equals("busybox")) {
                rootfs.symlink("bin/" + applet, "busybox");
            }
        }
        rootfs.dir("etc", 0755)
                .file("etc/passwd", "root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n",
                        0644)
                .file("etc/group", "root:x:0:\nnobody:x:65534:\n", 0644)
                .dir("tmp", 01777).dir("root", 0700).dir("proc", 0755).dir("sys", 0755).dir("dev", 0755)
                .dir("var", 0755).dir("var/www", 0755);
        byte[] layer = rootfs.build();
        byte[] config = ImageArchives.config(List.of(layer), Map.of("dev.jcompose.image", "busybox"), List.of("sh"),
                "2000-01-01T00:00:00Z");
        return ImageArchives.archive(ImageArchives.Format.DOCKER_LEGACY, config, List.of(layer), List.of(TAG));
    }

    private static List<String> applets() throws IOException, InterruptedException {
        Process p = new ProcessBuilder(BUSYBOX.toString(), "--list").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(30, TimeUnit.SECONDS);
        return out.lines().map(String::strip).filter(s -> !s.isEmpty()).sorted().toList();
    }
}
