/** Ships a job's stdout and stderr files to the server in ordered, resend-safe chunks keyed by byte offset. */
package dev.fastgpu.agent.logs;
