package dev.fastgpu.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectWriter;
import dev.fastgpu.api.JobView;
import dev.fastgpu.api.Json;
import io.javalin.http.Context;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/**
 * Writes a JSON answer straight to the response with its length known: cheaper than {@code
 * ctx.json}, which goes through a string and a copied stream and sends the body chunked. Used on
 * the hot routes (submission).
 */
final class Reply {
    private static final ObjectWriter JOB = Json.strict().copy().addMixIn(JobView.class, PreparedSpec.OnJobView.class)
            .writerFor(JobView.class);

    private Reply() {}

    /** A job view whose spec was serialised already ({@code specJson}, by {@link Json#strict()}); null: serialise it. */
    static void job(Context ctx, int status, JobView view, String specJson) throws IOException {
        send(ctx, status, jobBytes(view, specJson));
    }

    static byte[] jobBytes(JobView view, String specJson) {
        if (specJson != null) {
            byte[] plain = JobJson.write(view, specJson);
            if (plain != null) return plain;
        }
        return jackson(view, specJson);
    }

    /** The view as Jackson writes it: what {@link JobJson} must match. */
    static byte[] jackson(JobView view, String specJson) {
        try {
            return specJson == null ? JOB.writeValueAsBytes(view)
                    : JOB.withAttribute(PreparedSpec.Known.class, new PreparedSpec.Known(view.spec(), specJson)).writeValueAsBytes(view);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise job " + view.id(), e);
        }
    }

    private static void send(Context ctx, int status, byte[] bytes) throws IOException {
        HttpServletResponse res = ctx.res();
        res.setStatus(status);
        res.setContentType("application/json");
        res.setContentLength(bytes.length);
        res.getOutputStream().write(bytes);
    }
}
