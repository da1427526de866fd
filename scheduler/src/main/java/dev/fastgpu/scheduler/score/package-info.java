/** Scorers: each rates a feasible node on 0..100; the placement pipeline weighs them in one place. */
package dev.fastgpu.scheduler.score;
