package dev.fastgpu.server.http;

import dev.fastgpu.server.service.ApiError;
import dev.fastgpu.server.service.Principal;
import dev.fastgpu.server.service.TokenService;
import dev.fastgpu.store.TokenKind;
import io.javalin.http.Context;

import java.util.Set;

/** Resolves the bearer token of a request and checks it against what a route allows. */
final class Auth {
    private final TokenService tokens;

    Auth(TokenService tokens) {
        this.tokens = tokens;
    }

    Principal require(Context ctx, Set<TokenKind> allowed) {
        String header = ctx.header("Authorization");
        if (header == null || header.isBlank()) {
            ctx.header("WWW-Authenticate", "Bearer realm=\"fastgpu\"");
            throw ApiError.unauthorized("this endpoint needs a token: send 'Authorization: Bearer <token>' (the admin token is printed when the server first starts)");
        }
        Principal p = tokens.resolve(header).orElseThrow(() -> {
            ctx.header("WWW-Authenticate", "Bearer realm=\"fastgpu\", error=\"invalid_token\"");
            return ApiError.unauthorized("the bearer token is not valid for this server; check the token or ask an admin for a new one");
        });
        if (!allowed.contains(p.kind())) {
            throw ApiError.forbidden("a " + p.kind() + " token cannot call " + ctx.method() + " " + ctx.path()
                    + "; this needs one of " + allowed);
        }
        return p;
    }
}
