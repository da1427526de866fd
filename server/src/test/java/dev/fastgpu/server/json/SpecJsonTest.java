package dev.fastgpu.server.json;

import com.fasterxml.jackson.databind.ObjectWriter;
import dev.fastgpu.api.JobSpec;
import dev.fastgpu.api.Json;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

import static dev.fastgpu.server.json.RandomText.maybe;
import static dev.fastgpu.server.json.RandomText.text;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A spec written by hand is the text Jackson writes, on random specs (every field null or not,
 * text with quotes, backslashes and control characters, maps in their own order), and a spec it
 * cannot write plainly (text outside ASCII, a CPU count that is not finite) is left to Jackson.
 */
class SpecJsonTest {
    private static final ObjectWriter JACKSON = Json.strict().writerFor(JobSpec.class);

    @Test
    void random_specs_come_out_as_jackson_writes_them_or_are_left_to_jackson() throws Exception {
        int plain = 0, leftToJackson = 0;
        for (long seed = 0; seed < 3_000; seed++) {
            SplittableRandom r = new SplittableRandom(seed);
            int oddField = r.nextInt(8) == 0 ? r.nextInt(5) : -1; // this spec gets text outside ASCII or a CPU count that is not finite
            JobSpec s = new JobSpec(maybe(r, 10, oddField == 0), maybe(r, 10, false), list(r, oddField == 1), maybe(r, 10, false),
                    maybe(r, 10, false), map(r, oddField == 2), r.nextBoolean() ? null : r.nextInt(17), list(r, false),
                    r.nextBoolean() ? null : r.nextInt(1001),
                    r.nextBoolean() ? null : r.nextLong(), cpus(r, oddField == 3), r.nextBoolean() ? null : (long) r.nextInt(1 << 20),
                    map(r, oddField == 4), r.nextBoolean() ? null : r.nextInt(201) - 100, r.nextBoolean() ? null : r.nextBoolean(),
                    r.nextBoolean() ? null : r.nextInt(10), r.nextBoolean() ? null : (long) r.nextInt(100_000),
                    r.nextBoolean() ? null : (long) r.nextInt(100_000));

            String fast = SpecJson.write(s);
            String jackson = JACKSON.writeValueAsString(s);
            if (fast == null) {
                leftToJackson++;
                assertThat(oddField).as("seed %d: a plain spec was left to Jackson: %s", seed, jackson).isNotNegative();
            } else {
                plain++;
                assertThat(fast).as("seed %d", seed).isEqualTo(jackson);
            }
        }
        assertThat(plain).isGreaterThan(2_000);
        assertThat(leftToJackson).isGreaterThan(100);
    }

    @Test
    void the_spec_of_a_typical_submission_is_written_by_hand() throws Exception {
        JobSpec s = JobSpec.of(2, "python", "train.py", "--lr", "3e-4").withEnv(Map.of("A", "\"quoted\""));
        assertThat(SpecJson.write(s)).isNotNull().isEqualTo(JACKSON.writeValueAsString(s));
    }

    private static List<String> list(SplittableRandom r, boolean odd) {
        if (!odd && r.nextInt(4) == 0) return null;
        List<String> out = new ArrayList<>();
        for (int i = r.nextInt(4); i > 0; i--) out.add(r.nextInt(8) == 0 ? null : text(r, 10, false));
        if (odd) out.add(r.nextInt(out.size() + 1), text(r, 10, true));
        return out;
    }

    private static Map<String, String> map(SplittableRandom r, boolean odd) {
        if (!odd && r.nextInt(4) == 0) return null;
        Map<String, String> out = r.nextBoolean() ? new LinkedHashMap<>() : new TreeMap<>();
        for (int i = r.nextInt(4); i > 0; i--) out.put(text(r, 10, false) + i, r.nextInt(8) == 0 ? null : text(r, 10, false));
        if (odd) {
            if (r.nextBoolean()) out.put(text(r, 10, true) + "k", "v");
            else out.put("k" + out.size(), text(r, 10, true));
        }
        return out;
    }

    private static Double cpus(SplittableRandom r, boolean odd) {
        if (odd) return Arrays.asList(Double.NaN, Double.POSITIVE_INFINITY).get(r.nextInt(2));
        return switch (r.nextInt(4)) {
            case 0 -> null;
            case 1 -> 0.0;
            case 2 -> 0.5 * r.nextInt(64);
            default -> r.nextDouble() * 100;
        };
    }
}
