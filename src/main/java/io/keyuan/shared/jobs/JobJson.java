package io.keyuan.shared.jobs;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** Parameters, summaries and message arguments as JSON text in the job table. */
final class JobJson {
    private static final JsonMapper MAPPER = JsonMapper.builder()
            // a parameter added to a record later must not break the retry of an older job
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    private JobJson() {}

    static String write(Object value) {
        return MAPPER.writeValueAsString(value == null ? Map.of() : value);
    }

    static <T> T read(String json, Class<T> type) {
        return MAPPER.readValue(json == null || json.isBlank() ? "{}" : json, type);
    }

    static String writeArgs(List<String> args) {
        return args == null || args.isEmpty() ? null : MAPPER.writeValueAsString(args);
    }

    static List<String> readArgs(String json) {
        if (json == null || json.isBlank()) {
            return List.of();
        }
        return MAPPER.readValue(json, new TypeReference<List<String>>() {});
    }

    static Map<String, Object> readMap(String json) {
        if (json == null || json.isBlank()) {
            return Map.of();
        }
        return MAPPER.readValue(json, new TypeReference<LinkedHashMap<String, Object>>() {});
    }

    /** Message arguments as text, cut so that the column holds them. */
    static String args(Object... args) {
        if (args == null || args.length == 0) {
            return null;
        }
        List<String> texts = java.util.Arrays.stream(args)
                .map(a -> {
                    String s = a == null ? "" : String.valueOf(a);
                    return s.length() > 300 ? s.substring(0, 300) : s;
                })
                .toList();
        return writeArgs(texts);
    }
}
