package io.keyuan.segmentation;

import java.util.Arrays;

/**
 * What is wrong with one part of a rule. {@code path} names it by 1-based child positions from the root
 * ("2.1" is the first child of the root's second child; "" is the root); {@code key} is an i18n key.
 */
public record RuleProblem(String path, String key, Object... args) {
    public RuleProblem {
        args = args.clone();
    }

    @Override
    public Object[] args() {
        return args.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RuleProblem p && p.path.equals(path) && p.key.equals(key) && Arrays.equals(p.args, args);
    }

    @Override
    public int hashCode() {
        return path.hashCode() * 31 + key.hashCode();
    }

    @Override
    public String toString() {
        return (path.isEmpty() ? "root" : path) + ": " + key + Arrays.toString(args);
    }
}
