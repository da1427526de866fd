package dev.fastgpu.server.service;

import dev.fastgpu.store.AllocationRecord;
import dev.fastgpu.store.AllocationState;
import dev.fastgpu.store.GpuSampleRecord;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Energy covers each allocation's whole run: a sample is the mean power over the span since the previous
 * one (the first: since the allocation started), and the last one's power is held to the end.
 */
class MeteringEnergyTest {
    private static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");

    private static AllocationRecord allocation(String id, List<Integer> gpus, int milli, int startS, Integer releaseS) {
        return new AllocationRecord(id, "j-1", "n1", 1, gpus, "H100", milli, 0, 0,
                releaseS == null ? AllocationState.ACTIVE : AllocationState.RELEASED,
                T0, T0.plusSeconds(startS), releaseS == null ? null : T0.plusSeconds(releaseS));
    }

    private static GpuSampleRecord sample(String allocation, int gpu, int atS, double watts) {
        return new GpuSampleRecord("j-1", allocation, T0.plusSeconds(atS), gpu, 100, 1000, watts);
    }

    private static double kwh(double joules) {
        return joules / 3.6e6;
    }

    @Test
    void eachSampleCountsItsSpanAndTheLastIsHeldToTheEnd() {
        // What an H100 showed: a 35-s job, samples ending at 9, 19, 29 and 34 s (start-up at about 75 W first).
        var a = allocation("a1", List.of(0), 1000, 0, 35);
        var samples = List.of(sample("a1", 0, 9, 367), sample("a1", 0, 19, 697), sample("a1", 0, 29, 698), sample("a1", 0, 34, 697));
        double expected = 9 * 367 + 10 * 697 + 10 * 698 + 5 * 697 + 1 * 697;
        assertThat(Metering.totals(samples, List.of(a), T0.plusSeconds(999)).energyKwh()).isCloseTo(kwh(expected), within(1e-9));
    }

    @Test
    void oneSampleCountsForTheWholeRunAndARunningJobUpToNow() {
        var a = allocation("a1", List.of(0), 1000, 10, null);
        var samples = List.of(sample("a1", 0, 20, 300));
        assertThat(Metering.totals(samples, List.of(a), T0.plusSeconds(70)).energyKwh()).isCloseTo(kwh(60 * 300), within(1e-9));
    }

    @Test
    void eachGpuAndEachAttemptIsItsOwnSeriesAndASharedGpuCountsItsShare() {
        var first = allocation("a1", List.of(0, 1), 1000, 0, 10);
        var retry = allocation("a2", List.of(3), 500, 100, 120);
        var samples = List.of(
                sample("a1", 0, 5, 400), sample("a1", 1, 5, 200),
                sample("a2", 3, 110, 100), sample("a2", 3, 115, 300));
        // Samples arrive in any order; the series are sorted by time.
        var shuffled = List.of(samples.get(3), samples.get(0), samples.get(2), samples.get(1));
        double expected = 10 * 400 + 10 * 200 + 0.5 * (10 * 100 + 5 * 300 + 5 * 300);
        assertThat(Metering.totals(shuffled, List.of(first, retry), T0.plusSeconds(999)).energyKwh()).isCloseTo(kwh(expected), within(1e-9));
    }

    @Test
    void meanUtilisationWeighsEachSampleByItsSpan() {
        // 9 s of start-up at 0 %, then 26 s at 100 %: 74.3 %, not the 75 % of the plain mean of four samples.
        var a = allocation("a1", List.of(0), 1000, 0, 35);
        var samples = List.of(util("a1", 9, 0), util("a1", 19, 100), util("a1", 29, 100), util("a1", 34, 100));
        assertThat(Metering.totals(samples, List.of(a), T0.plusSeconds(999)).avgUtilPercent()).isEqualTo(74.29);
    }

    private static GpuSampleRecord util(String allocation, int atS, double percent) {
        return new GpuSampleRecord("j-1", allocation, T0.plusSeconds(atS), 0, percent, 1000, 300);
    }

    @Test
    void whatTheBoardDidNotReportIsLeftOutAndNothingReportedIsNoFigure() {
        var a = allocation("a1", List.of(0), 1000, 0, 20);
        var noPower = List.of(new GpuSampleRecord("j-1", "a1", T0.plusSeconds(10), 0, 50, 10, -1),
                new GpuSampleRecord("j-1", "a1", T0.plusSeconds(20), 0, -1, 10, -1));
        assertThat(Metering.totals(noPower, List.of(a), T0).energyKwh()).isNull();
        assertThat(Metering.totals(noPower, List.of(a), T0).avgUtilPercent()).isEqualTo(50.0);
        var mixed = List.of(new GpuSampleRecord("j-1", "a1", T0.plusSeconds(10), 0, -1, 10, 300),
                new GpuSampleRecord("j-1", "a1", T0.plusSeconds(20), 0, -1, 10, -1));
        assertThat(Metering.totals(mixed, List.of(a), T0).energyKwh()).isCloseTo(kwh(10 * 300), within(1e-9));
        assertThat(Metering.totals(mixed, List.of(a), T0).avgUtilPercent()).isNull();
    }

    @Test
    void noSamplesIsNoFigure() {
        assertThat(Metering.totals(List.of(), List.of(allocation("a1", List.of(0), 1000, 0, 10)), T0).energyKwh()).isNull();
        assertThat(Metering.totals(List.of(), List.of(allocation("a1", List.of(0), 1000, 0, 10)), T0).avgUtilPercent()).isNull();
    }
}
