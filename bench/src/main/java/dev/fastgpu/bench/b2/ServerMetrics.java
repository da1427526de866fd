package dev.fastgpu.bench.b2;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;

/** A few counters of the server's {@code /metrics} page, to say what a drain cost the scheduling loop and the store. */
record ServerMetrics(Map<String, Double> values) {
    private static final String[] NAMES = {"fastgpu_scheduling_pass_seconds_count", "fastgpu_scheduling_pass_seconds_sum",
            "fastgpu_store_commits_total", "fastgpu_submit_batches_total"};

    /** Empty when the page cannot be read. */
    static ServerMetrics read(String url, String token) {
        Map<String, Double> m = new HashMap<>();
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url + "/metrics"))
                    .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
            for (String line : r.body().split("\n")) {
                if (line.startsWith("fastgpu_http_requests_total{")) { // one line per route
                    String route = line.substring(line.indexOf("route=\"") + 7, line.indexOf('"', line.indexOf("route=\"") + 7));
                    m.put("http " + route, Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)));
                }
                for (String name : NAMES) {
                    if (line.startsWith(name + " ") || line.startsWith(name + "{")) {
                        m.merge(name, Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)), Double::sum);
                    }
                }
            }
        } catch (Exception e) {
            m.clear();
        }
        return new ServerMetrics(m);
    }

    /** What happened between {@code before} and this reading, as one line. */
    String since(ServerMetrics before, int jobs) {
        double passes = delta(before, "fastgpu_scheduling_pass_seconds_count");
        double passSeconds = delta(before, "fastgpu_scheduling_pass_seconds_sum");
        return "passes " + (long) passes + " (" + LaunchBench.fmt(passes == 0 ? 0 : passSeconds * 1000 / passes) + " ms each, "
                + LaunchBench.fmt(passSeconds) + " s in all), commits " + (long) delta(before, "fastgpu_store_commits_total")
                + ", submit batches " + (long) delta(before, "fastgpu_submit_batches_total") + ", for " + jobs + " jobs; requests: "
                + values.keySet().stream().filter(k -> k.startsWith("http ")).sorted()
                .map(k -> k.substring(5) + " " + (long) delta(before, k)).filter(s -> !s.endsWith(" 0"))
                .collect(java.util.stream.Collectors.joining(", "));
    }

    private double delta(ServerMetrics before, String name) {
        return values.getOrDefault(name, 0.0) - before.values.getOrDefault(name, 0.0);
    }
}
