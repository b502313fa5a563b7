package io.keyuan.customer;

/**
 * Published once many customers or purchases changed at once (an import or its undo committed): listeners recompute
 * what they derive from them in full rather than customer by customer. {@code what} says which, for the log.
 */
public record CustomersBulkChanged(String what) {}
