/** A small blocking Java client (java.net.http) for every route of the API, used by the CLI, the agent and tests. */
package dev.fastgpu.api.client;
