/** What a replay measured: per-job outcomes, the queue/utilisation timeline and the summary figures computed from them. */
package dev.fastgpu.sim.metrics;
