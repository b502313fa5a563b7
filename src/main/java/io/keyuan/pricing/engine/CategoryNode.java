package io.keyuan.pricing.engine;

/** A category of the catalogue tree; parentId null at the root. */
public record CategoryNode(long id, String code, String name, Long parentId) {}
