/** Queue orderings (FIFO, priority, shortest estimate first) as comparators with deterministic tie-breaks. */
package dev.fastgpu.scheduler.order;
