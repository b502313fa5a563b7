package io.keyuan.segmentation;

/**
 * One node of a rule evaluated for one customer. {@code path} names it as {@link RuleProblem} does ("" is the
 * root). For a condition, {@code value} is the customer's value of its field in typed form (see
 * {@link CatalogueField#valueOf(CustomerFacts, java.time.LocalDate, Integer)}), null when empty; for a group or NOT
 * it is null.
 */
public record RuleNodeExplanation(String path, RuleNode node, Object value, boolean result) {}
