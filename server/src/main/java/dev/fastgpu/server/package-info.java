/** The control plane: configuration, the embeddable {@link dev.fastgpu.server.FastGpuServer} and the {@code fastgpu server} command. */
package dev.fastgpu.server;
