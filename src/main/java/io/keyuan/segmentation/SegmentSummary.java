package io.keyuan.segmentation;

/**
 * A segment with its rule in use; {@code version} is the optimistic-lock version to send back on save.
 * {@code unreadable} says that the stored rule could not be read (only a hand edit of the database does that): the
 * rule is then an empty group for a manager to rebuild, and the segment matches nobody until they do.
 */
public record SegmentSummary(
        long id,
        long ruleSetId,
        String name,
        int priority,
        int ruleVersion,
        RuleNode rule,
        long version,
        boolean unreadable) {}
