/** The HTTP layer: one route table, bearer-token checks, handlers that parse, call a service and serialise, and one error mapping. */
package dev.fastgpu.server.http;
