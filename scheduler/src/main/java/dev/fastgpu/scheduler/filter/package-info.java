/** Feasibility filters: one small class per check of a request against a node, each with its reason in words. */
package dev.fastgpu.scheduler.filter;
