/** B2: end-to-end launch latency and drain throughput against a real server and agent over HTTP. */
package dev.fastgpu.bench.b2;
