/** A small blocking Java client for every route of the API (HTTP/1.1 over plain sockets; the JDK's client for https), used by the CLI, the agent and tests. */
package dev.fastgpu.api.client;
