package dev.chatharness.server.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import dev.chatharness.server.faults.Fault;
import dev.chatharness.server.faults.Faults;

import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** The one ObjectMapper setup used for REST bodies and Socket.IO events alike. */
public final class Json {
    /** ISO-8601 UTC with exactly three fraction digits, as the contract wants: {@code 2026-01-02T03:04:05.060Z}. */
    public static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private Json() {
    }

    public static ObjectMapper newMapper() {
        return newMapper(Faults.none());
    }

    /** The mapper, with the serialization defects {@code NULLS_LEFT_OUT} and {@code TIMES_WITHOUT_MILLIS} if asked. */
    public static ObjectMapper newMapper(Faults faults) {
        SimpleModule times = new SimpleModule("chat-times");
        // the defect TIMES_WITHOUT_MILLIS: "ISO-8601 is ISO-8601", whole seconds
        times.addSerializer(Instant.class, new InstantSerializer(!faults.on(Fault.TIMES_WITHOUT_MILLIS)));
        ObjectMapper mapper = new ObjectMapper()
                .registerModule(times)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        if (faults.on(Fault.NULLS_LEFT_OUT)) {
            mapper.setSerializationInclusion(JsonInclude.Include.NON_NULL); // the defect: "smaller payloads"
        }
        return mapper;
    }

    public static String format(Instant instant) {
        return TIMESTAMP.format(instant);
    }

    private static final class InstantSerializer extends StdSerializer<Instant> {
        private final boolean withMillis;

        InstantSerializer(boolean withMillis) {
            super(Instant.class);
            this.withMillis = withMillis;
        }

        @Override
        public void serialize(Instant value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeString(withMillis ? TIMESTAMP.format(value)
                    : DateTimeFormatter.ISO_INSTANT.format(value.truncatedTo(java.time.temporal.ChronoUnit.SECONDS)));
        }
    }
}
