package io.keyuan.pricing;

/** A product, category or tier as a picker shows it. */
public record PickItem(long id, String code, String name) {
    public String label() {
        return code + " · " + name;
    }
}
