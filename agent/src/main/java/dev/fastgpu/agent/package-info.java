/** The FastGPU agent: joins a server, heartbeats, long-polls its assignments and runs them on this machine's GPUs. */
package dev.fastgpu.agent;
