/** The {@code fastgpu} command line: one binary whose subcommands talk to the server or run a component. */
package dev.fastgpu.cli;
