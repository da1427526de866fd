/** Trace readers: Philly, Alibaba openb and the FastGPU CSV format, turned into {@link dev.fastgpu.sim.trace.TraceJob}s with bad rows reported by line. */
package dev.fastgpu.sim.trace;
