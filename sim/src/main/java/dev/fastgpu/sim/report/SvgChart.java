package dev.fastgpu.sim.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A small line chart drawn as inline SVG: several named series, linear or log-10 x axis, a legend. */
final class SvgChart {
    private static final String[] COLOURS = {"#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f"};
    private static final int W = 720, H = 300, LEFT = 60, RIGHT = 150, TOP = 20, BOTTOM = 40;

    record Series(String name, double[] xs, double[] ys) {}

    private final String title, xLabel, yLabel;
    private final boolean logX;
    private final List<Series> series = new ArrayList<>();

    SvgChart(String title, String xLabel, String yLabel, boolean logX) {
        this.title = title;
        this.xLabel = xLabel;
        this.yLabel = yLabel;
        this.logX = logX;
    }

    void add(String name, double[] xs, double[] ys) {
        series.add(new Series(name, xs, ys));
    }

    String render() {
        double minX = Double.MAX_VALUE, maxX = -Double.MAX_VALUE, maxY = 0;
        for (Series s : series) {
            for (int i = 0; i < s.xs.length; i++) {
                double x = tx(s.xs[i]);
                minX = Math.min(minX, x);
                maxX = Math.max(maxX, x);
                maxY = Math.max(maxY, s.ys[i]);
            }
        }
        if (minX > maxX) { minX = 0; maxX = 1; }
        if (maxX == minX) maxX = minX + 1;
        if (maxY == 0) maxY = 1;
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "<svg xmlns='http://www.w3.org/2000/svg' width='%d' height='%d' font-family='sans-serif' font-size='11'>%n", W, H));
        sb.append(String.format(Locale.ROOT, "<text x='%d' y='14' font-size='13' font-weight='bold'>%s</text>%n", LEFT, esc(title)));
        int pw = W - LEFT - RIGHT, ph = H - TOP - BOTTOM;
        sb.append(String.format(Locale.ROOT, "<rect x='%d' y='%d' width='%d' height='%d' fill='none' stroke='#999'/>%n", LEFT, TOP, pw, ph));
        for (int t = 0; t <= 4; t++) {
            double fx = minX + (maxX - minX) * t / 4, fy = maxY * t / 4;
            int px = LEFT + pw * t / 4, py = TOP + ph - ph * t / 4;
            sb.append(String.format(Locale.ROOT, "<text x='%d' y='%d' text-anchor='middle'>%s</text>%n", px, TOP + ph + 14, label(logX ? Math.pow(10, fx) : fx)));
            sb.append(String.format(Locale.ROOT, "<text x='%d' y='%d' text-anchor='end'>%s</text>%n", LEFT - 4, py + 4, label(fy)));
        }
        sb.append(String.format(Locale.ROOT, "<text x='%d' y='%d' text-anchor='middle'>%s</text>%n", LEFT + pw / 2, H - 6, esc(xLabel)));
        sb.append(String.format(Locale.ROOT, "<text x='12' y='%d' transform='rotate(-90 12 %d)' text-anchor='middle'>%s</text>%n", TOP + ph / 2, TOP + ph / 2, esc(yLabel)));
        for (int k = 0; k < series.size(); k++) {
            Series s = series.get(k);
            String colour = COLOURS[k % COLOURS.length];
            StringBuilder pts = new StringBuilder();
            for (int i = 0; i < s.xs.length; i++) {
                double px = LEFT + (tx(s.xs[i]) - minX) / (maxX - minX) * pw;
                double py = TOP + ph - s.ys[i] / maxY * ph;
                pts.append(String.format(Locale.ROOT, "%.1f,%.1f ", px, py));
            }
            sb.append(String.format(Locale.ROOT, "<polyline fill='none' stroke='%s' stroke-width='1.5' points='%s'/>%n", colour, pts.toString().trim()));
            sb.append(String.format(Locale.ROOT, "<rect x='%d' y='%d' width='10' height='10' fill='%s'/><text x='%d' y='%d'>%s</text>%n",
                    W - RIGHT + 10, TOP + 16 * k, colour, W - RIGHT + 24, TOP + 16 * k + 9, esc(s.name)));
        }
        return sb.append("</svg>\n").toString();
    }

    private double tx(double x) {
        return logX ? Math.log10(Math.max(x, 1)) : x;
    }

    private static String label(double v) {
        double a = Math.abs(v);
        if (a >= 1e6) return String.format(Locale.ROOT, "%.1fM", v / 1e6);
        if (a >= 1e4) return String.format(Locale.ROOT, "%.0fk", v / 1e3);
        if (a >= 10 || v == 0) return String.format(Locale.ROOT, "%.0f", v);
        return String.format(Locale.ROOT, "%.2f", v);
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("'", "&#39;");
    }
}
