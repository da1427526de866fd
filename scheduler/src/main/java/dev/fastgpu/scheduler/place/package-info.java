/** Placement: candidate nodes from the index, the shared Fit check, a guard, then weighted scorers; gangs on whole nodes. */
package dev.fastgpu.scheduler.place;
