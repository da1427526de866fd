package dev.fastgpu.agent.gpu;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Reads utilisation, memory and power of every GPU in one nvidia-smi call. */
public final class GpuSampler {
    static final String FIELDS = "index,utilization.gpu,memory.used,power.draw";
    private final NvidiaSmi smi;

    public GpuSampler(NvidiaSmi smi) {
        this.smi = smi;
    }

    public Map<Integer, GpuSample> sample() throws IOException {
        return parse(smi.query(FIELDS));
    }

    public static Map<Integer, GpuSample> parse(List<String> lines) {
        Map<Integer, GpuSample> samples = new HashMap<>();
        for (String line : lines) {
            String[] f = line.split(",", -1);
            if (f.length != 4) {
                throw new IllegalArgumentException("unexpected nvidia-smi line (want index, utilization.gpu, memory.used, power.draw): '" + line + "'");
            }
            int index = Integer.parseInt(f[0].strip());
            samples.put(index, new GpuSample(index, number(f[1]), (long) number(f[2]), number(f[3])));
        }
        return samples;
    }

    /** nvidia-smi writes "[N/A]" or "[Not Supported]" for values a board does not report. */
    private static double number(String field) {
        String s = field.strip();
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
