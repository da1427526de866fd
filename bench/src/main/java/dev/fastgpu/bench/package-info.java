/** Benchmarks: B1 scheduler-core throughput (JMH, and a plain reporter that prints the headline figures). */
package dev.fastgpu.bench;
