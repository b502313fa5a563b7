package io.keyuan.segmentation;

import io.keyuan.exchange.ColumnType;
import io.keyuan.exchange.SheetColumn;
import io.keyuan.exchange.SheetSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Segment rules as a sheet, one row per segment. The rule column holds {@link RuleText}'s form with channels by
 * name instead of database id, so that a sheet moves between installations; the description, version and
 * updated by/at columns are for people reading the sheet and ignored on import.
 */
final class SegmentRuleSheet {
    static final int MAX_CELL = 32_767;

    static final SheetSchema SCHEMA = new SheetSchema(
            "segment-rules",
            List.of(
                    SheetColumn.of("ruleSet", "规则集", "規則集", "Rule set", ColumnType.TEXT, true, 100),
                    SheetColumn.ofEnum("mode", "规则集模式", "規則集模式", "Rule set mode", true, RuleSetMode.class),
                    SheetColumn.of("segment", "细分", "細分", "Segment", ColumnType.TEXT, true, 100),
                    SheetColumn.of("priority", "优先级", "優先級", "Priority", ColumnType.INTEGER, false, 9),
                    SheetColumn.of("rule", "规则", "規則", "Rule", ColumnType.TEXT, true, MAX_CELL),
                    SheetColumn.of("description", "规则说明", "規則說明", "Description", ColumnType.TEXT, false, MAX_CELL),
                    SheetColumn.of("version", "当前版本", "目前版本", "Current version", ColumnType.INTEGER, false, 9),
                    SheetColumn.of("updatedBy", "修改人", "修改人", "Updated by", ColumnType.TEXT, false, 64),
                    SheetColumn.of("updatedAt", "修改时间", "修改時間", "Updated at", ColumnType.TEXT, false, 32)),
            List.of("ruleSet", "segment"));

    private SegmentRuleSheet() {}

    /** The rule with each channel value replaced by {@code map} (id → name on export, name → id on import). */
    static RuleNode mapChannels(RuleNode node, Function<String, String> map) {
        return mapValues(node, FieldType.CHANNEL, (field, v) -> map.apply(v));
    }

    /**
     * The rule with each value of a STAGE field replaced by {@code map} of the field and the value (id → "pipeline ›
     * stage" on export and back on import), since ids differ between installations.
     */
    static RuleNode mapStages(RuleNode node, BiFunction<CatalogueField, String, String> map) {
        return mapValues(node, FieldType.STAGE, map);
    }

    private static RuleNode mapValues(RuleNode node, FieldType type, BiFunction<CatalogueField, String, String> map) {
        return switch (node) {
            case RuleNode.Group g -> {
                List<RuleNode> children = new ArrayList<>();
                g.children().forEach(c -> children.add(mapValues(c, type, map)));
                yield new RuleNode.Group(g.op(), children);
            }
            case RuleNode.Not n -> new RuleNode.Not(mapValues(n.child(), type, map));
            case RuleNode.Condition c
            when c.field() != null && c.field().type() == type ->
                new RuleNode.Condition(
                        c.field(),
                        c.operator(),
                        c.values().stream().map(v -> map.apply(c.field(), v)).toList(),
                        c.windowDays());
            case RuleNode.Condition c -> c;
        };
    }
}
