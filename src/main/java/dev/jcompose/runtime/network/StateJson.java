package dev.jcompose.runtime.network;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Path;

/** The Jackson mapper for the network state files: stable key order, tolerant of fields a newer version added. */
final class StateJson {
    static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true)
            .configure(SerializationFeature.INDENT_OUTPUT, true);

    private StateJson() {
    }

    static void write(Path file, Object value) throws IOException {
        // Leases are rewritten on every attach and rebuilt by Reconcile at start: no directory fsync.
        dev.jcompose.runtime.fs.AtomicFiles.write(file, MAPPER.writeValueAsBytes(value), false);
    }

    static <T> T read(Path file, Class<T> type) throws IOException {
        return MAPPER.readValue(file.toFile(), type);
    }
}
