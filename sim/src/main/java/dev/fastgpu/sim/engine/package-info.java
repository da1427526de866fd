/** The discrete-event simulator: a virtual clock, an event queue and simulated agents around the real {@link dev.fastgpu.scheduler.Scheduler}. */
package dev.fastgpu.sim.engine;
