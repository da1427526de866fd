package dev.fastgpu.server.http;

import dev.fastgpu.server.service.Principal;
import dev.fastgpu.store.TokenKind;
import io.javalin.http.Context;

import java.util.Set;

/**
 * One entry of the route table: what it is, who may call it, what it takes and gives (for the
 * OpenAPI document), and the handler.
 */
record Route(String method, String path, Set<TokenKind> allowed, String summary, Class<?> requestBody, Class<?> response,
             int status, Handler handler) {

    /** A handler that already knows its caller. */
    @FunctionalInterface
    interface Handler {
        void handle(Context ctx, Principal who) throws Exception;
    }
}
