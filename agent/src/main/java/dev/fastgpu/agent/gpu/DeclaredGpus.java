package dev.fastgpu.agent.gpu;

import dev.fastgpu.model.Gpu;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses declared GPUs such as {@code 8xH100-80GB} or {@code 2xA100-40GB,1xL4-24GB}, for machines
 * without GPUs (demos, tests) or where nvidia-smi cannot be used. {@code 0} or {@code none} declares
 * a CPU-only node.
 */
public final class DeclaredGpus {
    private static final Pattern GROUP = Pattern.compile(
            "(\\d+)\\s*[xX*]\\s*([A-Za-z0-9][A-Za-z0-9_.]*)-(\\d+(?:\\.\\d+)?)\\s*(GB|GIB|MB|MIB|G|M)", Pattern.CASE_INSENSITIVE);
    /** A group without the memory part, e.g. {@code 2xH100}: worth its own hint. */
    private static final Pattern NO_MEMORY = Pattern.compile("(\\d+)\\s*[xX*]\\s*([A-Za-z0-9][A-Za-z0-9_.]*)");
    private static final String EXAMPLE = "write COUNTxMODEL-MEMORY, e.g. 8xH100-80GB or 2xA100-40GB,1xL4-24GB (or 0 for none)";

    private DeclaredGpus() {}

    /** The declared GPUs, indexed 0..n-1 in the order given; UUIDs are derived from the node name. */
    public static List<Gpu> parse(String spec, String nodeName) {
        if (spec == null || spec.isBlank()) {
            throw new IllegalArgumentException("empty GPU declaration: " + EXAMPLE);
        }
        String trimmed = spec.trim();
        if (trimmed.equals("0") || trimmed.equalsIgnoreCase("none")) return List.of();
        List<Gpu> gpus = new ArrayList<>();
        for (String group : trimmed.split(",", -1)) {
            Matcher m = GROUP.matcher(group.trim());
            if (!m.matches()) {
                Matcher bare = NO_MEMORY.matcher(group.trim());
                if (bare.matches()) {
                    throw new IllegalArgumentException("the GPU declaration '" + group.trim() + "' gives no memory per GPU: write e.g. "
                            + bare.group(1) + "x" + bare.group(2) + "-80GB (the memory of one GPU)");
                }
                throw new IllegalArgumentException("cannot read the GPU declaration '" + group.trim() + "': " + EXAMPLE);
            }
            int count = parseCount(m.group(1), group);
            long memoryMib = memoryMib(m.group(3), m.group(4), group);
            for (int i = 0; i < count; i++) {
                int index = gpus.size();
                gpus.add(new Gpu(index, "GPU-declared-" + nodeName + "-" + index, m.group(2), memoryMib, -1));
            }
        }
        return List.copyOf(gpus);
    }

    private static int parseCount(String digits, String group) {
        int count;
        try {
            count = Integer.parseInt(digits);
        } catch (NumberFormatException e) {
            count = -1;
        }
        if (count < 1 || count > 1024) {
            throw new IllegalArgumentException("GPU count in '" + group.trim() + "' must be between 1 and 1024: " + EXAMPLE);
        }
        return count;
    }

    private static long memoryMib(String amount, String unit, String group) {
        double value = Double.parseDouble(amount);
        long mib = switch (unit.toUpperCase(Locale.ROOT)) {
            case "GB", "GIB", "G" -> Math.round(value * 1024);
            default -> Math.round(value);
        };
        if (mib <= 0) {
            throw new IllegalArgumentException("GPU memory in '" + group.trim() + "' must be positive: " + EXAMPLE);
        }
        return mib;
    }
}
