package io.keyuan.cli;

import static io.keyuan.segmentation.RuleNode.and;
import static io.keyuan.segmentation.RuleNode.when;
import static io.keyuan.segmentation.RuleNode.within;

import io.keyuan.segmentation.Operator;
import io.keyuan.segmentation.RuleNode;
import io.keyuan.segmentation.RuleSetMode;
import io.keyuan.segmentation.RuleSetSummary;
import io.keyuan.segmentation.SegmentField;
import io.keyuan.segmentation.SegmentMembershipService;
import io.keyuan.segmentation.SegmentService;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Two demo rule sets — a value ladder where the first matching segment wins, and overlapping marketing audiences
 * that use the behaviour, RFM, referral and pipeline fields — and a first membership refresh in the background, so
 * that a fresh portal shows segments with members, and customer pages show why.
 */
@Component
class SegmentDemoSeeder {
    private final SegmentService segments;
    private final SegmentMembershipService membership;

    SegmentDemoSeeder(SegmentService segments, SegmentMembershipService membership) {
        this.segments = segments;
        this.membership = membership;
    }

    /** Adds the demo rule sets unless any rule set exists; returns the number of segments created. */
    int seed() {
        if (!segments.ruleSets().isEmpty()) {
            return 0;
        }
        Map<String, RuleNode> value = new LinkedHashMap<>();
        value.put(
                "高价值活跃",
                and(
                        when(SegmentField.VALUE_LEVEL, Operator.EQ, "HIGH"),
                        when(SegmentField.LIFECYCLE, Operator.IN, "ACTIVE", "NEW")));
        value.put("高价值", when(SegmentField.VALUE_LEVEL, Operator.EQ, "HIGH"));
        value.put("活跃客户", when(SegmentField.LIFECYCLE, Operator.IN, "ACTIVE", "NEW"));
        value.put("沉睡客户", when(SegmentField.LIFECYCLE, Operator.EQ, "INACTIVE"));
        value.put("流失客户", when(SegmentField.LIFECYCLE, Operator.EQ, "CHURNED"));
        value.put("潜在客户", when(SegmentField.LIFECYCLE, Operator.EQ, "POTENTIAL"));
        Map<String, RuleNode> audiences = new LinkedHashMap<>();
        audiences.put(
                "线上渠道女性",
                and(
                        when(SegmentField.CHANNEL_CATEGORY, Operator.EQ, "ONLINE"),
                        when(SegmentField.GENDER, Operator.EQ, "FEMALE")));
        audiences.put(
                "RFM 冠军",
                and(
                        when(SegmentField.R_SCORE, Operator.GE, "4"),
                        when(SegmentField.F_SCORE, Operator.GE, "4"),
                        when(SegmentField.M_SCORE, Operator.GE, "4")));
        audiences.put("近 90 天复购", within(90, SegmentField.PURCHASES_IN_WINDOW, Operator.GE, "2"));
        audiences.put("推荐过新客户", when(SegmentField.REFERRED_COUNT, Operator.GE, "1"));
        audiences.put(
                "年轻上班族",
                and(
                        when(SegmentField.AGE, Operator.BETWEEN, "22", "35"),
                        when(SegmentField.OCCUPATION, Operator.EQ, "OFFICE_WORKER")));
        audiences.put("有进行中的商机", when(io.keyuan.pipeline.PipelineSegmentFields.OPEN_DEAL_STAGE, Operator.IS_NOT_EMPTY));
        int created = create("价值分层", RuleSetMode.EXCLUSIVE, value) + create("营销人群", RuleSetMode.OVERLAPPING, audiences);
        membership.startRefresh();
        return created;
    }

    private int create(String name, RuleSetMode mode, Map<String, RuleNode> rules) {
        RuleSetSummary set = segments.createRuleSet(name, mode);
        rules.forEach((segment, rule) -> segments.createSegment(set.id(), segment, rule, "示例数据"));
        return rules.size();
    }
}
