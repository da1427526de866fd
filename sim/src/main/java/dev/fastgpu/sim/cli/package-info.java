/** The {@code fastgpu sim} subcommands ({@code replay}, {@code pack}), registered by the cli module. */
package dev.fastgpu.sim.cli;
