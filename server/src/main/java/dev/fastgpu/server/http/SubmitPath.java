package dev.fastgpu.server.http;

import dev.fastgpu.api.Problem;
import dev.fastgpu.server.service.JobService;
import dev.fastgpu.server.service.Principal;
import io.micrometer.core.instrument.Counter;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

import java.nio.ByteBuffer;

/**
 * The hot route, {@code POST /api/v1/jobs}, served on Jetty's own request API in front of
 * Javalin. It takes the request every client sends (a JSON body with its Content-Length, and a
 * token of a person) and answers it exactly as the Javalin route would: the same parsing
 * ({@link Body}), the same submission ({@link JobService#submit}), the same answer bytes ({@link
 * Reply}) and the same problems ({@link Problems#of}). Everything else (no or a wrong token, YAML,
 * a chunked or oversized body, any other route) goes on to Javalin untouched, before a byte of the
 * body is read.
 *
 * <p>Why it exists: a submission is so cheap to store (group commit) that the servlet, session and
 * Javalin layers were a fifth of the server's CPU per job. B3 (durable submissions per second)
 * measured the difference; bench/README.md has the figures.
 */
final class SubmitPath extends Handler.Wrapper {
    static final String PATH = ApiRoutes.V1 + "/jobs";
    private final Services services;
    private final Counter calls;

    SubmitPath(Services services, Counter calls) {
        this.services = services;
        this.calls = calls;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        if (!HttpMethod.POST.is(request.getMethod()) || !PATH.equals(Request.getPathInContext(request))) {
            return super.handle(request, response, callback);
        }
        HttpFields headers = request.getHeaders();
        long length = headers.getLongField(HttpHeader.CONTENT_LENGTH);
        Principal who = length > 0 && length <= Body.MAX_BYTES && !Body.isYaml(headers.get(HttpHeader.CONTENT_TYPE))
                ? person(headers.get(HttpHeader.AUTHORIZATION)) : null;
        if (who == null) return super.handle(request, response, callback);

        calls.increment();
        int status;
        String type;
        byte[] body;
        try {
            byte[] spec = Body.exactly(Content.Source.asInputStream(request), length);
            JobService.Submitted r = services.jobs().submit(who, Body.spec(spec, false), headers.get("Idempotency-Key"));
            status = r.created() ? 201 : 200;
            type = "application/json";
            body = Reply.jobBytes(r.job(), r.specJson());
        } catch (Exception e) {
            Problem p = Problems.of(e, "POST", PATH);
            status = p.status();
            type = Problem.MEDIA_TYPE;
            body = Problems.bytes(p);
        }
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, type);
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        response.write(true, ByteBuffer.wrap(body), callback);
        return true;
    }

    /**
     * The person behind the token, or null: no token, an unknown one, one of an agent, or a failure
     * to look it up. Javalin's route answers all of those (401, 403, or the failure's problem).
     */
    private Principal person(String authorization) {
        try {
            return services.tokens().resolve(authorization).filter(p -> ApiRoutes.PEOPLE.contains(p.kind())).orElse(null);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** It blocks (reads the body, waits for the commit), so Jetty must call it where blocking is allowed. */
    @Override
    public InvocationType getInvocationType() {
        return InvocationType.BLOCKING;
    }
}
