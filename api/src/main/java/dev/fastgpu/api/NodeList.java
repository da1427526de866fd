package dev.fastgpu.api;

import java.util.List;

/** Every node, by id. */
public record NodeList(List<NodeView> items) {
}
