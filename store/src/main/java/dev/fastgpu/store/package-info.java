/** The persistence port of the control plane: the {@link dev.fastgpu.store.Store} interface and its records. */
package dev.fastgpu.store;
