/** The per-pass working state: free capacity of every node and an index of nodes by free GPUs. */
package dev.fastgpu.scheduler.pass;
