/**
 * Duration prediction from job history: what a scheduler can know at submit time (the request,
 * the submit time and the gap to the previous submission of the same shape, and the runs that have
 * already finished), never the job's own run time. Pure, no I/O, no clock.
 */
package dev.fastgpu.scheduler.estimate;
