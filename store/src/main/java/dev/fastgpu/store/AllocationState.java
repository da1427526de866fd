package dev.fastgpu.store;

/** Life of an allocation: placed and wanted, being stopped (resources still held), freed. */
public enum AllocationState {
    ACTIVE, RELEASING, RELEASED;

    /** True while the GPUs count as used. */
    public boolean holdsResources() {
        return this != RELEASED;
    }
}
