package dev.fastgpu.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The two JSON mappers of the API. Times are ISO-8601 strings, absent values are left out.
 * The server reads requests strictly (an unknown field such as {@code gpu: 4} is an error the user
 * should see); clients read responses leniently so a newer server may add fields.
 */
public final class Json {
    private static final ObjectMapper STRICT = base().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
    private static final ObjectMapper LENIENT = base().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    private Json() {}

    /**
     * Jackson's default buffer pool is per thread; the server answers every request on a new virtual
     * thread, so that pool would hand each request fresh buffers (most of the server's garbage per
     * submission). A pool shared by all threads reuses them.
     */
    private static JsonMapper.Builder base() {
        JsonFactory factory = JsonFactory.builder().recyclerPool(JsonRecyclerPools.sharedConcurrentDequePool()).build();
        return JsonMapper.builder(factory)
                .addModule(new JavaTimeModule())
                .addModule(new com.fasterxml.jackson.module.blackbird.BlackbirdModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .serializationInclusion(JsonInclude.Include.NON_NULL);
    }

    /** For reading requests: unknown fields are rejected. */
    public static ObjectMapper strict() {
        return STRICT;
    }

    /** For reading responses: unknown fields are ignored. */
    public static ObjectMapper lenient() {
        return LENIENT;
    }
}
