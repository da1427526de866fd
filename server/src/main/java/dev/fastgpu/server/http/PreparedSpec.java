package dev.fastgpu.server.http;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import dev.fastgpu.api.JobSpec;

import java.io.IOException;

/**
 * Writes the spec of a job view from JSON the server already has: a submission serialises the
 * normalised spec once to store it (and hash it), and the answer then carries those same bytes
 * instead of serialising the spec a second time. Any other spec is serialised as usual.
 */
final class PreparedSpec extends StdSerializer<JobSpec> {
    /** A spec and its JSON, as written by the same mapper. */
    record Known(JobSpec spec, String json) {
    }

    /** Puts {@link PreparedSpec} on the {@code spec} of a {@link dev.fastgpu.api.JobView}. */
    abstract static class OnJobView {
        @JsonSerialize(using = PreparedSpec.class)
        abstract JobSpec spec();
    }

    PreparedSpec() {
        super(JobSpec.class);
    }

    @Override
    public void serialize(JobSpec value, JsonGenerator gen, SerializerProvider provider) throws IOException {
        if (provider.getAttribute(Known.class) instanceof Known k && k.spec() == value) {
            gen.writeRawValue(k.json());
        } else {
            provider.findValueSerializer(JobSpec.class).serialize(value, gen, provider);
        }
    }
}
