/** The scheduling loop: snapshot, call the core, re-check and commit the plan, wake agents; plus node-loss detection. */
package dev.fastgpu.server.scheduling;
