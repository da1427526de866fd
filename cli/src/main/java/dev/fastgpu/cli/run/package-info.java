/** Commands that run a FastGPU component in this process: the agent (and, with the server, {@code up}). */
package dev.fastgpu.cli.run;
