package dev.fastgpu.server.json;

import com.fasterxml.jackson.databind.ObjectReader;
import dev.fastgpu.api.JobSpec;
import dev.fastgpu.api.Json;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hand reader makes the spec Jackson makes of every body it takes, takes the plain bodies
 * clients send, and leaves every body Jackson refuses (and every awkward one) to Jackson, so the
 * errors people see are Jackson's as before.
 */
class SpecReaderTest {
    private static final ObjectReader JACKSON = Json.strict().readerFor(JobSpec.class);
    private static final String[] ESCAPED_OR_NOT_ASCII = {"\n", "\"", "\\", "\u0001", "é", "😀"};

    /** What Jackson makes of the body, or null when it refuses it. */
    private static JobSpec jackson(String body) {
        try {
            return JACKSON.readValue(body.getBytes(StandardCharsets.UTF_8));
        } catch (Exception refused) {
            return null;
        }
    }

    private static void agreesWithJackson(String body, boolean mustBeRead) {
        JobSpec expected = jackson(body);
        JobSpec read = SpecReader.read(body.getBytes(StandardCharsets.UTF_8));
        if (expected == null) assertThat(read).as("Jackson refuses %s; the reader must leave it to Jackson", body).isNull();
        else if (read != null) assertThat(read).as(body).isEqualTo(expected);
        if (mustBeRead) assertThat(read).as("a plain body: %s", body).isNotNull();
    }

    @Test
    void the_bodies_clients_send_are_read_as_jackson_reads_them() {
        agreesWithJackson("{\"name\":\"b3-1\",\"command\":[\"python\",\"train.py\"],\"gpus\":1,\"gpuModel\":\"H100\"}", true);
        agreesWithJackson("{\"command\":[\"true\"],\"gpus\":1}", true);
        agreesWithJackson(" {\n  \"command\" : \"nvidia-smi\" ,\t\"gpus\": 2, \"env\": {\"A\": \"1\", \"B\": \"\"},\r\n"
                + "  \"cpus\": 0.5, \"preemptible\": true, \"priority\": -3, \"timeLimitSeconds\": 3600, \"image\": null } ", true);
    }

    @Test
    void awkward_or_refused_bodies_are_left_to_jackson() {
        String[] awkward = {
                "", " ", "[]", "null", "{", "}", "{}x", "{} {}", "{\"command\":[\"a\"]",
                "{\"unknown\":1}", "{\"gpus\":1,\"gpus\":2}", "{\"gpuModel\":\"A\",\"gpuModels\":[\"B\"]}",
                "{\"gpus\":1.0}", "{\"gpus\":1e2}", "{\"gpus\":01}", "{\"gpus\":\"2\"}", "{\"gpus\":99999999999}", "{\"gpus\":-}",
                "{\"gpus\":true}", "{\"cpus\":1e-3}", "{\"cpus\":.5}", "{\"cpus\":1.}", "{\"cpus\":\"1\"}",
                "{\"name\":\"a\\\"b\"}", "{\"name\":\"\\u0041\"}", "{\"name\":\"é\"}", "{\"name\":\"a\tb\"}", "{\"name\":1}",
                "{\"command\":[\"a\",null]}", "{\"command\":[1]}", "{\"command\":[[\"a\"]]}", "{\"env\":{\"A\":null}}",
                "{\"env\":{\"A\":\"1\",\"A\":\"2\"}}", "{\"env\":[\"A\"]}", "{\"preemptible\":\"yes\"}", "{\"preemptible\":nul}",
                "{\"preemptible\":truex}", "{\"command\":[\"a\"],}", "{,\"command\":[\"a\"]}", "{\"command\":[\"a\",]}",
                "\uFEFF{\"command\":[\"a\"]}", "{'command':['a']}", "{\"command\":[\"a\"]} // comment",
        };
        for (String body : awkward) agreesWithJackson(body, false);
    }

    @Test
    void random_specs_written_by_jackson_are_read_back_as_jackson_reads_them() throws Exception {
        int read = 0;
        for (long seed = 0; seed < 3_000; seed++) {
            SplittableRandom r = new SplittableRandom(seed);
            JobSpec spec = new JobSpec(text(r), text(r), texts(r), text(r), text(r), map(r), r.nextBoolean() ? null : r.nextInt(-5, 17),
                    texts(r), r.nextBoolean() ? null : r.nextInt(1001), r.nextBoolean() ? null : r.nextLong(-1L << 40, 1L << 40),
                    r.nextBoolean() ? null : r.nextInt(0, 640) / 8.0, r.nextBoolean() ? null : (long) r.nextInt(1 << 20), map(r),
                    r.nextBoolean() ? null : r.nextInt(-100, 101), r.nextBoolean() ? null : r.nextBoolean(),
                    r.nextBoolean() ? null : r.nextInt(10), r.nextBoolean() ? null : (long) r.nextInt(100_000),
                    r.nextBoolean() ? null : (long) r.nextInt(100_000));
            String body = Json.strict().writeValueAsString(spec);
            if (r.nextBoolean()) body = body.replace(",", " ,\n ").replace(":", ": ");
            JobSpec expected = jackson(body);
            JobSpec got = SpecReader.read(body.getBytes(StandardCharsets.UTF_8));
            if (got != null) {
                read++;
                assertThat(got).as("seed %d: %s", seed, body).isEqualTo(expected);
            }
        }
        assertThat(read).as("plain bodies read by hand").isGreaterThan(1_000);
    }

    /** ASCII text, sometimes with a character only Jackson reads (an escape, or outside ASCII), sometimes null. */
    private static String text(SplittableRandom r) {
        if (r.nextInt(4) == 0) return null;
        StringBuilder b = new StringBuilder();
        for (int i = r.nextInt(8); i > 0; i--) {
            char c = (char) r.nextInt(0x20, 0x7F);
            b.append(c == '"' || c == '\\' ? '_' : c);
        }
        if (r.nextInt(20) == 0) b.append(ESCAPED_OR_NOT_ASCII[r.nextInt(ESCAPED_OR_NOT_ASCII.length)]);
        return b.toString();
    }

    private static List<String> texts(SplittableRandom r) {
        if (r.nextInt(4) == 0) return null;
        List<String> out = new ArrayList<>();
        for (int i = r.nextInt(4); i > 0; i--) out.add(r.nextInt(10) == 0 ? null : "x" + text(r));
        return out;
    }

    private static Map<String, String> map(SplittableRandom r) {
        if (r.nextInt(4) == 0) return null;
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = r.nextInt(4); i > 0; i--) out.put("k" + i + text(r), "v" + text(r));
        return out;
    }
}
