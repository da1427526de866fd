/** The simulated cluster: nodes from flags or a node-list file, and optional per-VC partitions. */
package dev.fastgpu.sim.cluster;
