/** Node commands: the GPU machines of the cluster and what runs on them. */
package dev.fastgpu.cli.nodes;
