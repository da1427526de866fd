/** Output of replays and packing runs: a readable table, JSON lines, a per-job CSV and an HTML page with SVG charts. */
package dev.fastgpu.sim.report;
