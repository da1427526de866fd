/** The in-memory store: the reference implementation for tests and the simulator. */
package dev.fastgpu.store.memory;
