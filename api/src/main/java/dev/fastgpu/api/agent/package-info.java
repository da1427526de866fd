/** The agent protocol: join, heartbeat, long-polled assignment sets, job reports, log chunks and GPU samples. */
package dev.fastgpu.api.agent;
