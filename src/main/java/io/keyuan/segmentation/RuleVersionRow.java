package io.keyuan.segmentation;

import java.time.Instant;

/** One saved rule of a segment: who saved it, when, and why. */
public record RuleVersionRow(int versionNo, RuleNode rule, String changeNote, String savedBy, Instant savedAt) {}
