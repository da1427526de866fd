/** Explanations: why a job fits nowhere, in words, computed once per request shape per pass. */
package dev.fastgpu.scheduler.explain;
