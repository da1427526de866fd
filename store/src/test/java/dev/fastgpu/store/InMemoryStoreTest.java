package dev.fastgpu.store;

import dev.fastgpu.store.memory.InMemoryStore;

class InMemoryStoreTest extends StoreContractTest {
    @Override
    protected Store newStore() {
        return new InMemoryStore();
    }
}
