package io.keyuan.pricing.engine;

import java.util.List;

/** Something the person quoting should see: an i18n key (pricing.warning.*) and its arguments. */
public record Warning(String key, List<Object> args) {
    public Warning {
        args = List.copyOf(args);
    }

    public static Warning of(String key, Object... args) {
        return new Warning(key, List.of(args));
    }
}
