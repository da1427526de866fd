package dev.fastgpu.model;

import java.util.Locale;

/** GPU model names are compared in one canonical spelling: trimmed, upper case ("h100" and "H100 " are "H100"). */
public final class GpuModels {
    private GpuModels() {}

    public static String canonical(String model) {
        if (model == null || model.isBlank()) {
            throw new IllegalArgumentException("a GPU model name must not be blank");
        }
        return model.trim().toUpperCase(Locale.ROOT);
    }
}
