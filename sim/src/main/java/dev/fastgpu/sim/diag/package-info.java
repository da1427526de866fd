/** Diagnostics that bound what a policy could reach on a trace (run from {@code bench/}); not policies. */
package dev.fastgpu.sim.diag;
