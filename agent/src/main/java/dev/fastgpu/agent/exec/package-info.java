/** Runs each job as its own process group in its own directory, with its GPUs, time limit and tree-wide cancel. */
package dev.fastgpu.agent.exec;
