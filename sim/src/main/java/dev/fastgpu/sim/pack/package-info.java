/** The FGD packing protocol (B6): pods that never leave arrive in a seeded shuffled order and are placed by the core until demand reaches 130 % of capacity. */
package dev.fastgpu.sim.pack;
