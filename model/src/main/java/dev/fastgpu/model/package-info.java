/** Domain types shared by every FastGPU module: jobs, their resource requests, nodes, GPUs and the job state machine. */
package dev.fastgpu.model;
