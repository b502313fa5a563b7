package io.keyuan.segmentation;

import io.keyuan.pipeline.PipelineDetail;
import io.keyuan.pipeline.PipelineService;
import io.keyuan.pipeline.PipelineSummary;
import io.keyuan.pipeline.StageKind;
import io.keyuan.shared.Roles;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** What the field catalogue refers to outside segmentation: the pipeline stages a rule may name. */
@Service
@Transactional(readOnly = true)
public class SegmentCatalogueService {
    private final PipelineService pipelines;

    SegmentCatalogueService(PipelineService pipelines) {
        this.pipelines = pipelines;
    }

    /** The open stages of the working pipelines, in pipeline and board order. */
    @PreAuthorize(Roles.HAS_STAFF)
    public List<StageChoice> stages() {
        List<StageChoice> choices = new ArrayList<>();
        for (PipelineSummary p : pipelines.pipelines()) {
            pipelines.get(p.id()).stages().stream()
                    .filter(s -> s.kind() == StageKind.OPEN)
                    .forEach(s -> choices.add(new StageChoice(s.id(), p.name(), p.nameKey(), s.name(), s.nameKey())));
        }
        return choices;
    }

    /**
     * Each open stage of the working pipelines by id as "pipeline › stage" in their stored names: how the rule
     * sheet names stages, so that rules move between installations whose ids differ.
     */
    @PreAuthorize(Roles.HAS_STAFF)
    public Map<Long, String> stageReferences() {
        Map<Long, String> refs = new LinkedHashMap<>();
        for (StageChoice s : stages()) {
            refs.put(s.stageId(), s.reference());
        }
        return refs;
    }

    /** Problems for the stages a condition names that no longer exist (or no longer hold open deals). */
    @PreAuthorize(Roles.HAS_STAFF)
    public List<RuleProblem> deletedStages(String path, RuleNode.Condition condition) {
        Set<Long> open = new HashSet<>();
        Stream.concat(pipelines.pipelines().stream(), pipelines.templates().stream())
                .map(p -> pipelines.get(p.id()))
                .map(PipelineDetail::stages)
                .flatMap(List::stream)
                .filter(s -> s.kind() == StageKind.OPEN)
                .forEach(s -> open.add(s.id()));
        List<RuleProblem> problems = new ArrayList<>();
        for (String v : condition.values()) {
            long id = (Long) condition.field().parse(condition.operator(), v);
            if (!open.contains(id)) {
                problems.add(new RuleProblem(path, "segment.rule.error.stage-deleted", id));
            }
        }
        return problems;
    }
}
