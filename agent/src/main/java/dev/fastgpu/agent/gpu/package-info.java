/** GPU discovery (nvidia-smi or declared GPUs), model-name canonicalisation and utilisation sampling. */
package dev.fastgpu.agent.gpu;
