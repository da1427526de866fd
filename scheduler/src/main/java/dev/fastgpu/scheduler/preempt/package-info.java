/** Preemption: evicting lower-priority preemptible jobs, fewest GPU-seconds lost, to make a higher-priority job fit. */
package dev.fastgpu.scheduler.preempt;
