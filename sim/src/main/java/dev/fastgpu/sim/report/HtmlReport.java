package dev.fastgpu.sim.report;

import dev.fastgpu.sim.metrics.JobOutcome;
import dev.fastgpu.sim.metrics.Timeline;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/** {@code --report DIR}: an index.html comparing the policies of one run, with SVG charts and the summary table. */
public final class HtmlReport {
    private static final int POINTS = 400;

    private HtmlReport() {}

    public static Path write(Path dir, String title, List<ReplayRun> runs) throws IOException {
        Files.createDirectories(dir);
        SvgChart cdf = new SvgChart("JCT CDF", "job completion time, s (log scale)", "share of jobs", true);
        SvgChart queue = new SvgChart("Jobs waiting", "hours since first submission", "queued jobs", false);
        SvgChart util = new SvgChart("GPU utilisation", "hours since first submission", "busy share of GPUs", false);
        for (ReplayRun r : runs) {
            String name = r.result().policy() + "/" + r.result().placement();
            addCdf(cdf, name, r.result().outcomes());
            addTimeline(queue, util, name, r.result().timeline(), 1000L * r.result().gpus());
        }
        StringBuilder html = new StringBuilder();
        html.append("<!doctype html><html><head><meta charset='utf-8'><title>").append(SvgChart.esc(title))
                .append("</title><style>body{font-family:sans-serif;margin:2em}pre{font-size:12px}</style></head><body>\n");
        html.append("<h1>").append(SvgChart.esc(title)).append("</h1>\n<pre>").append(SvgChart.esc(TableReport.render(runs))).append("</pre>\n");
        html.append(cdf.render()).append(queue.render()).append(util.render());
        html.append("</body></html>\n");
        Path index = dir.resolve("index.html");
        Files.writeString(index, html, StandardCharsets.UTF_8);
        return index;
    }

    private static void addCdf(SvgChart chart, String name, List<JobOutcome> outcomes) {
        double[] jct = new double[outcomes.size()];
        for (int i = 0; i < jct.length; i++) jct[i] = outcomes.get(i).jctMs() / 1000.0;
        Arrays.sort(jct);
        int n = Math.min(POINTS, jct.length);
        double[] xs = new double[n], ys = new double[n];
        for (int k = 0; k < n; k++) {
            int i = (int) ((long) (jct.length - 1) * k / Math.max(1, n - 1));
            xs[k] = jct[i];
            ys[k] = (i + 1.0) / jct.length;
        }
        chart.add(name, xs, ys);
    }

    /** Averages both step functions over {@link #POINTS} equal time buckets. */
    private static void addTimeline(SvgChart queue, SvgChart util, String name, Timeline t, long capacityMilli) {
        if (t.size() == 0) return;
        long start = t.time(0), end = t.time(t.size() - 1);
        if (end <= start) end = start + 1;
        double bucket = (end - start) / (double) POINTS;
        double[] xs = new double[POINTS], q = new double[POINTS], u = new double[POINTS];
        int i = 0;
        for (int b = 0; b < POINTS; b++) {
            long from = start + (long) (b * bucket), to = start + (long) ((b + 1) * bucket);
            while (i + 1 < t.size() && t.time(i + 1) <= from) i++;
            xs[b] = (from - start) / 3_600_000.0;
            q[b] = t.queued(i);
            u[b] = to > from ? t.busyIntegral(from, to) / ((double) capacityMilli * (to - from)) : t.busyMilli(i) / (double) capacityMilli;
        }
        queue.add(name, xs, q);
        util.add(name, xs, u);
    }
}
