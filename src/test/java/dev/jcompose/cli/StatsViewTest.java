package dev.jcompose.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jcompose.app.ProjectStats;
import dev.jcompose.engine.ResourceUsage;
import dev.jcompose.error.ComposeException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The stats table, JSON and templates as the docker CLI's stats formatter prints them, from raw counters. */
class StatsViewTest {
    private static final String ID = "0123456789ab" + "c".repeat(52);
    /** 25% of one CPU on a 2-CPU host: 0.5 s of container time while the host counted 4 s (2 CPUs x 2 s). */
    private static final ResourceUsage BUSY = new ResourceUsage(Instant.parse("2026-11-22T10:00:00Z"),
            1_500_000_000L, 10_000_000_000L, 2, 1_000_000_000L, 6_000_000_000L,
            20L << 20, 3L << 20, 24_684_092L * 1024, 1_234, 56_789, 4_096_000, 0, 3);

    @Test
    void theDefaultTableHasDockersColumnsAndNumbers() {
        String out = new StatsView(true).render(List.of(new ProjectStats.Row(ID, "demo-web-1", BUSY),
                new ProjectStats.Row("f".repeat(64), "demo-db-1", ResourceUsage.NONE)), "");
        assertEquals("""
                CONTAINER ID   NAME         CPU %     MEM USAGE / LIMIT   MEM %     NET I/O           BLOCK I/O    PIDS
                0123456789ab   demo-web-1   25.00%    17MiB / 23.54GiB    0.07%     1.23kB / 56.8kB   4.1MB / 0B   3
                ffffffffffff   demo-db-1    0.00%     0B / 0B             0.00%     0B / 0B           0B / 0B      0
                """, out);
    }

    @Test
    void jsonIsOneObjectPerLineWithGosKeyOrderAndNoTruncKeepsTheWholeId() {
        String out = new StatsView(false).render(List.of(new ProjectStats.Row(ID, "demo-web-1", BUSY)), "json");
        assertEquals("{\"BlockIO\":\"4.1MB / 0B\",\"CPUPerc\":\"25.00%\",\"Container\":\"" + ID + "\",\"ID\":\""
                + ID + "\",\"MemPerc\":\"0.07%\",\"MemUsage\":\"17MiB / 23.54GiB\",\"Name\":\"demo-web-1\","
                + "\"NetIO\":\"1.23kB / 56.8kB\",\"PIDs\":\"3\"}\n", out);
    }

    @Test
    void templatesFillFieldsAndRefuseUnknownOnes() {
        StatsView view = new StatsView(true);
        assertEquals("demo-web-1 25.00%\n", view.render(List.of(new ProjectStats.Row(ID, "demo-web-1", BUSY)),
                "{{.Name}} {{.CPUPerc}}"));
        assertEquals("NAME         PIDS\ndemo-web-1   3\n",
                view.render(List.of(new ProjectStats.Row(ID, "demo-web-1", BUSY)), "table {{.Name}}\\t{{.PIDs}}"));
        ComposeException e = assertThrows(ComposeException.class, () -> view.render(List.of(), "{{.Nope}}"));
        assertEquals("template: can't evaluate field Nope", e.getMessage());
    }

    @Test
    void cpuIsZeroUnlessBothCountersAdvanced() {
        ResourceUsage first = new ResourceUsage(Instant.EPOCH, 100, 1000, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
        assertEquals("0.00%", StatsView.percent(StatsView.cpuPercent(first.after(first))), "no host delta");
        ResourceUsage later = new ResourceUsage(Instant.EPOCH, 100, 2000, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
        assertEquals("0.00%", StatsView.percent(StatsView.cpuPercent(later.after(first))), "no container delta");
        ResourceUsage busy = new ResourceUsage(Instant.EPOCH, 600, 2000, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
        assertEquals("100.00%", StatsView.percent(StatsView.cpuPercent(busy.after(first))), "one full CPU of two");
    }

    @ParameterizedTest
    @CsvSource({"0, 0B", "1023, 1023B", "1024, 1KiB", "17825792, 17MiB", "17416847, 16.61MiB",
        "25276510208, 23.54GiB", "1099511627776, 1TiB"})
    void bytesSizeIsGoUnitsBinaryWithFourSignificantDigits(long bytes, String expected) {
        assertEquals(expected, StatsView.bytesSize(bytes));
    }

    @Test
    void memoryLeavesOutTheInactiveCacheOnlyWhenSmallerThanUsage() {
        assertEquals(17L << 20, (long) StatsView.memoryWithoutCache(BUSY));
        ResourceUsage odd = new ResourceUsage(Instant.EPOCH, 0, 0, 1, 0, 0, 100, 200, 0, 0, 0, 0, 0, 0);
        assertEquals(100, (long) StatsView.memoryWithoutCache(odd));
    }
}
