/** Job commands: submit, list, status, logs, cancel and the dry-run plan. */
package dev.fastgpu.cli.jobs;
