/** Level-triggered reconciliation: run exactly the assigned allocations, stop the rest, remember what each did. */
package dev.fastgpu.agent.reconcile;
