/** The pure scheduler core: a cluster snapshot and the pending queue in, a {@link dev.fastgpu.scheduler.Plan} out. */
package dev.fastgpu.scheduler;
