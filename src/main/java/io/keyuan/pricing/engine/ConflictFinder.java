package io.keyuan.pricing.engine;

import java.util.List;

/** Every conflict across the whole book: shadowed, ambiguous and margin-breaking rules. */
public final class ConflictFinder {
    private ConflictFinder() {}

    public static List<Conflict> find(PriceBook book) {
        throw new UnsupportedOperationException("engine helper implements this");
    }
}
