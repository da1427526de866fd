package dev.fastgpu.agent.exec;

import java.util.Map;
import java.util.stream.Collectors;

/** Builds a job's environment: the agent's own minus its secrets, the job's variables, then FastGPU's. */
final class JobEnvironment {
    private JobEnvironment() {}

    static void apply(Map<String, String> env, JobLaunch launch, JobWorkspace ws, java.nio.file.Path workDir, String nodeName) {
        env.keySet().removeIf(k -> k.startsWith("FASTGPU_")); // the agent's own, its tokens among them
        env.keySet().removeIf(k -> k.equals("CUDA_VISIBLE_DEVICES") || k.equals("NVIDIA_VISIBLE_DEVICES"));
        env.putAll(launch.env());
        String gpus = launch.gpuIndices().stream().map(String::valueOf).collect(Collectors.joining(","));
        // FastGPU's own variables come last so a job's env cannot claim someone else's GPUs.
        env.put("CUDA_VISIBLE_DEVICES", gpus);
        env.put("NVIDIA_VISIBLE_DEVICES", gpus.isEmpty() ? "none" : gpus);
        env.put("FASTGPU_JOB_ID", launch.jobId());
        env.put("FASTGPU_ALLOCATION_ID", launch.allocationId());
        env.put("FASTGPU_GPUS", gpus);
        env.put("FASTGPU_GPU_COUNT", String.valueOf(launch.gpuIndices().size()));
        env.put("FASTGPU_GPU_UUIDS", String.join(",", launch.gpuUuids()));
        env.put("FASTGPU_OUTPUT_DIR", ws.outputDir().toAbsolutePath().toString());
        env.put("FASTGPU_WORK_DIR", workDir.toAbsolutePath().toString());
        env.put("FASTGPU_NODE", nodeName);
    }
}
