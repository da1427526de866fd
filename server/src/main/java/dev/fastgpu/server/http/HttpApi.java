package dev.fastgpu.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.fastgpu.api.Json;
import dev.fastgpu.store.TokenKind;
import io.javalin.Javalin;
import io.javalin.compression.CompressionStrategy;
import io.javalin.json.JavalinJackson;
import io.micrometer.core.instrument.Counter;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

/** Javalin on virtual threads, serving the route table of {@link ApiRoutes} plus the OpenAPI document. */
public final class HttpApi {
    private final Javalin app;

    public HttpApi(Services services) {
        Auth auth = new Auth(services.tokens());
        List<Route> routes = new ArrayList<>(new ApiRoutes(services).all());
        String openApi;
        try {
            List<Route> documented = List.copyOf(routes);
            Route self = new Route("GET", ApiRoutes.V1 + "/openapi.json", EnumSet.allOf(TokenKind.class), "This document", null, String.class, 200, null);
            List<Route> withSelf = new ArrayList<>(documented);
            withSelf.add(self);
            openApi = Json.strict().writerWithDefaultPrettyPrinter().writeValueAsString(OpenApi.document(withSelf, services.version()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        String doc = openApi;
        routes.add(new Route("GET", ApiRoutes.V1 + "/openapi.json", EnumSet.allOf(TokenKind.class), "This document", null, String.class, 200,
                (ctx, who) -> ctx.contentType("application/json").result(doc)));
        this.app = Javalin.create(cfg -> {
            cfg.concurrency.useVirtualThreads = true;
            cfg.startup.showJavalinBanner = false;
            cfg.http.compressionStrategy = CompressionStrategy.NONE;
            cfg.http.maxRequestSize = Body.MAX_BYTES;
            cfg.http.prefer405over404 = true; // DELETE on a job is "method not allowed", not "no such route"
            cfg.jsonMapper(new JavalinJackson(Json.strict(), true));
            // The submission route's common case is served in front of Javalin (see SubmitPath); the route below takes the rest.
            cfg.jetty.modifyServer(server -> server.setHandler(new SubmitPath(services, requests(services, "POST", SubmitPath.PATH))));
            Problems.register(cfg.routes);
            for (Route r : routes) {
                Counter calls = requests(services, r.method(), r.path());
                io.javalin.http.Handler h = ctx -> {
                    calls.increment();
                    r.handler().handle(ctx, auth.require(ctx, r.allowed()));
                };
                switch (r.method()) {
                    case "GET" -> cfg.routes.get(r.path(), h);
                    case "POST" -> cfg.routes.post(r.path(), h);
                    default -> throw new IllegalStateException("unsupported method " + r.method());
                }
            }
        });
    }

    /** Requests per route (answered or refused): what each kind of client costs the server. */
    private static Counter requests(Services services, String method, String path) {
        return Counter.builder("fastgpu.http.requests").description("API requests received, per route")
                .tag("route", method + " " + path).register(services.metrics());
    }

    public void start(String host, int port) {
        app.start(host, port);
    }

    public int port() {
        return app.port();
    }

    public void stop() {
        app.stop();
    }
}
