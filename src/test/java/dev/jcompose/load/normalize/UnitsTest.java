package dev.jcompose.load.normalize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UnitsTest {
    @ParameterizedTest
    @CsvSource({"10s,10s", "60s,1m0s", "1m30s,1m30s", "90m,1h30m0s", "1.5s,1.5s", "500ms,500ms", "0,0s",
            "1h,1h0m0s", "2d,48h0m0s", "1w,168h0m0s", "1500us,1.5ms", "3ns,3ns", "1m0.25s,1m0.25s", ".5s,500ms"})
    void goDurationsRoundTrip(String in, String printed) {
        assertEquals(printed, Units.formatDuration(Units.parseDuration(in)));
    }

    @Test
    void durationErrors() {
        assertThrows(IllegalArgumentException.class, () -> Units.parseDuration("10"));
        assertThrows(IllegalArgumentException.class, () -> Units.parseDuration("1x"));
        assertThrows(IllegalArgumentException.class, () -> Units.parseDuration(""));
        assertEquals(Duration.ofSeconds(-5), Units.parseDuration("-5s"));
    }

    @ParameterizedTest
    @CsvSource({"512m,536870912", "1gb,1073741824", "1GiB,1073741824", "50M,52428800", "10000,10000", "1k,1024",
            "2.5g,2684354560", "1 kb,1024"})
    void byteSizes(String in, long bytes) {
        assertEquals(bytes, Units.parseBytes(in));
    }

    @Test
    void byteSizeErrors() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Units.parseBytes("12x"));
        assertEquals("invalid size: '12x'", e.getMessage());
    }

    @Test
    void shellWordsFollowComposeGo() {
        assertEquals(List.of("bundle", "exec", "thin", "-p", "3000"), ShellWords.split("bundle exec thin -p 3000"));
        assertEquals(List.of("/bin/ash", "-c", "rm -rf /tmp/might-not-exist"),
                ShellWords.split("/bin/ash -c \"rm -rf /tmp/might-not-exist\""));
        assertEquals(List.of("a", "", "b c", "d\\e"), ShellWords.split("a '' b\\ c 'd\\e'"));
        assertEquals(List.of("echo", "a"), ShellWords.split("echo a && echo b"));
        assertEquals(List.of("echo", "$(date)"), ShellWords.split("echo $(date)"));
        assertThrows(IllegalArgumentException.class, () -> ShellWords.split("echo 'open"));
        assertThrows(IllegalArgumentException.class, () -> ShellWords.split("echo (x)"));
    }

    @Test
    void goFloatFormatting() {
        assertEquals("2.5", Scalars.goFloat(2.5));
        assertEquals("0.0001", Scalars.goFloat(0.0001));
        assertEquals("1e-05", Scalars.goFloat(0.00001));
        assertEquals("1e+21", Scalars.goFloat(1e21));
        assertEquals("100", Scalars.goFloat(100.0));
    }
}
