package dev.jcompose.runtime.build;

import dev.jcompose.runtime.container.ContainerLogs;
import dev.jcompose.runtime.container.ContainerMonitor;
import dev.jcompose.runtime.container.ContainerPaths;
import dev.jcompose.runtime.container.LogLine;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Follows a RUN container's log files (conmon's k8s-file, or the raw stdout/stderr files) from where it last
 * read and hands new output to the build stream; stderr is wrapped in the red escape codes dockerd uses.
 */
final class LogTail {
    static final String STDERR_START = "\u001b[91m";
    static final String STDERR_END = "\u001b[0m";

    private final ContainerPaths paths;
    private final ContainerMonitor.LogFormat format;
    private final BuildOutput output;
    private long mainOffset;
    private long stderrOffset;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

    LogTail(ContainerPaths paths, ContainerMonitor.LogFormat format, BuildOutput output) {
        this.paths = paths;
        this.format = format;
        this.output = output;
    }

    void poll() throws IOException {
        if (format == ContainerMonitor.LogFormat.K8S_FILE) {
            byte[] fresh = readFrom(paths.containerLog(), mainOffset);
            mainOffset += fresh.length;
            pending.write(fresh);
            byte[] all = pending.toByteArray();
            int lastNewline = lastIndexOf(all, (byte) '\n');
            if (lastNewline < 0) {
                return;
            }
            String complete = new String(all, 0, lastNewline + 1, StandardCharsets.UTF_8);
            pending.reset();
            pending.write(all, lastNewline + 1, all.length - lastNewline - 1);
            for (String line : complete.split("\n")) {
                LogLine parsed = ContainerLogs.parseK8sLine(line);
                if (parsed != null) {
                    emit(parsed.stream() == LogLine.Stream.STDERR, parsed.text() + (parsed.partial() ? "" : "\n"));
                }
            }
            return;
        }
        byte[] out = readFrom(paths.stdoutLog(), mainOffset);
        mainOffset += out.length;
        if (out.length > 0) {
            emit(false, new String(out, StandardCharsets.UTF_8));
        }
        byte[] err = readFrom(paths.stderrLog(), stderrOffset);
        stderrOffset += err.length;
        if (err.length > 0) {
            emit(true, new String(err, StandardCharsets.UTF_8));
        }
    }

    private void emit(boolean stderr, String text) {
        if (!text.isEmpty()) {
            output.stream(stderr ? STDERR_START + text + STDERR_END : text);
        }
    }

    private static byte[] readFrom(Path file, long offset) throws IOException {
        if (!Files.exists(file)) {
            return new byte[0];
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size <= offset) {
                return new byte[0];
            }
            ByteBuffer buf = ByteBuffer.allocate((int) Math.min(size - offset, 1 << 20));
            ch.read(buf, offset);
            return java.util.Arrays.copyOf(buf.array(), buf.position());
        }
    }

    private static int lastIndexOf(byte[] bytes, byte b) {
        for (int i = bytes.length - 1; i >= 0; i--) {
            if (bytes[i] == b) {
                return i;
            }
        }
        return -1;
    }
}
