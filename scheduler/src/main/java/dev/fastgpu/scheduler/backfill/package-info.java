/** Reserving (EASY) backfill: a reservation for the first blocked job, and the guard that keeps later jobs from delaying it. */
package dev.fastgpu.scheduler.backfill;
