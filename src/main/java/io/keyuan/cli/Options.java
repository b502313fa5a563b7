package io.keyuan.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** {@code --name value} flags and positional arguments after the command. */
final class Options {
    private final Map<String, String> flags = new HashMap<>();
    private final List<String> positional = new ArrayList<>();

    Options(String[] args, int from) {
        for (int i = from; i < args.length; i++) {
            String a = args[i];
            if (a.startsWith("--")) {
                String name = a.substring(2);
                int eq = name.indexOf('=');
                if (eq > 0) {
                    flags.put(name.substring(0, eq), name.substring(eq + 1));
                } else if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
                    flags.put(name, args[++i]);
                } else {
                    flags.put(name, "true");
                }
            } else {
                positional.add(a);
            }
        }
    }

    List<String> positional() {
        return positional;
    }

    long longFlag(String name, long defaultValue, long min, long max) {
        String v = flags.get(name);
        if (v == null) {
            return defaultValue;
        }
        try {
            long n = Long.parseLong(v.replace("_", "").replace(",", ""));
            if (n < min || n > max) {
                throw new CommandException("--" + name + " must be between " + min + " and " + max + ", not " + v);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new CommandException("--" + name + " must be a whole number, not '" + v + "'");
        }
    }

    boolean has(String name) {
        return flags.containsKey(name);
    }

    String flag(String name, String defaultValue) {
        return flags.getOrDefault(name, defaultValue);
    }
}
