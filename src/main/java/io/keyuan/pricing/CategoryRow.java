package io.keyuan.pricing;

/**
 * One category of the tree, listed depth-first (children after their parent, by name): {@code depth} 0 for a root,
 * {@code path} the names from the root ("饮料 › 茶"); {@code version} to send back on rename, move or delete.
 */
public record CategoryRow(
        long id, String code, String name, Long parentId, int depth, String path, long version, long products) {}
