package io.keyuan.pricing;

/** A segment a tier can be bound to, named with its rule set ("生命周期 › 活跃"). */
public record SegmentChoice(long id, String ruleSetName, String name) {
    public String label() {
        return ruleSetName + " › " + name;
    }
}
