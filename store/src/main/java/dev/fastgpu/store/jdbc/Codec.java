package dev.fastgpu.store.jdbc;

import dev.fastgpu.model.Gpu;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Text encodings for the few list-valued columns, so the schema needs no JSON or array type and
 * stays the same on SQLite and PostgreSQL. Every part is URL-encoded, so separators never clash.
 */
final class Codec {
    private Codec() {}

    static String ints(List<Integer> values) {
        StringJoiner j = new StringJoiner(",");
        values.forEach(v -> j.add(Integer.toString(v)));
        return j.toString();
    }

    static List<Integer> ints(String text) {
        List<Integer> out = new ArrayList<>();
        if (text == null || text.isEmpty()) return out;
        for (String p : text.split(",")) out.add(Integer.parseInt(p));
        return out;
    }

    static String strings(Collection<String> values) {
        StringJoiner j = new StringJoiner(",");
        values.forEach(v -> j.add(enc(v)));
        return j.toString();
    }

    static TreeSet<String> strings(String text) {
        TreeSet<String> out = new TreeSet<>();
        if (text == null || text.isEmpty()) return out;
        for (String p : text.split(",")) out.add(dec(p));
        return out;
    }

    static String labels(Map<String, String> labels) {
        StringJoiner j = new StringJoiner("&");
        new TreeMap<>(labels).forEach((k, v) -> j.add(enc(k) + "=" + enc(v)));
        return j.toString();
    }

    static Map<String, String> labels(String text) {
        TreeMap<String, String> out = new TreeMap<>();
        if (text == null || text.isEmpty()) return out;
        for (String p : text.split("&")) {
            int eq = p.indexOf('=');
            out.put(dec(p.substring(0, eq)), dec(p.substring(eq + 1)));
        }
        return out;
    }

    static String gpus(List<Gpu> gpus) {
        StringJoiner j = new StringJoiner(";");
        for (Gpu g : gpus) {
            j.add(g.index() + "," + enc(g.uuid() == null ? "" : g.uuid()) + "," + enc(g.model()) + "," + g.memoryMib() + "," + g.topologyGroup());
        }
        return j.toString();
    }

    static List<Gpu> gpus(String text) {
        List<Gpu> out = new ArrayList<>();
        if (text == null || text.isEmpty()) return out;
        for (String p : text.split(";")) {
            String[] f = p.split(",", -1);
            out.add(new Gpu(Integer.parseInt(f[0]), dec(f[1]), dec(f[2]), Long.parseLong(f[3]), Integer.parseInt(f[4])));
        }
        return out;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String dec(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }
}
