package io.keyuan.pipeline;

/** Published once many deals changed at once (an import or its undo, the deals of a deleted stage moved). */
public record DealsBulkChanged(String what) {}
