package io.keyuan.segmentation;

/**
 * A heading of the rule builder's field list: its i18n label key and its place among the headings (lower first).
 * Segmentation's own groups are the constants here; a module that provides fields may use one of them or define
 * its own (pipeline's sits at 700, satisfaction is meant for 600).
 */
public record FieldGroup(String labelKey, int order) {
    public static final FieldGroup PROFILE = new FieldGroup("segment.group.profile", 100);
    public static final FieldGroup ACQUISITION = new FieldGroup("segment.group.acquisition", 200);
    public static final FieldGroup PREFERENCES = new FieldGroup("segment.group.preferences", 300);
    public static final FieldGroup LIFECYCLE = new FieldGroup("segment.group.lifecycle", 400);
    public static final FieldGroup PURCHASES = new FieldGroup("segment.group.purchases", 500);
}
