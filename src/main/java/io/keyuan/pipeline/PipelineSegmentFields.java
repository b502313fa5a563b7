package io.keyuan.pipeline;

import io.keyuan.segmentation.FactSource;
import io.keyuan.segmentation.FieldGroup;
import io.keyuan.segmentation.FieldType;
import io.keyuan.segmentation.ProvidedField;
import io.keyuan.segmentation.SegmentFieldProvider;
import io.keyuan.segmentation.StageChoice;
import io.keyuan.shared.Roles;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Component;

/**
 * The pipeline's fields in the segment catalogue: the stages a customer has open deals in. Segmentation compiles
 * the SQL below into its rules and calls the loader for its in-memory evaluator; it knows neither the deal table
 * nor this module.
 */
@Component
public class PipelineSegmentFields implements SegmentFieldProvider {
    public static final FieldGroup PIPELINE = new FieldGroup("segment.group.pipeline", 700);

    /** The stages of each customer's open deals. */
    public static final FactSource<Set<Long>> OPEN_DEAL_STAGES =
            new FactSource<>("pipeline/open-deal-stages", (jdbc, ids) -> {
                Map<Long, Set<Long>> stages = new HashMap<>();
                jdbc.query(
                        "SELECT d.customer_id, d.stage_id FROM deal d JOIN pipeline_stage ds ON ds.id = d.stage_id"
                                + " WHERE ds.kind = 'OPEN' AND d.customer_id IN (:ids)",
                        new MapSqlParameterSource("ids", ids),
                        rs -> {
                            stages.computeIfAbsent(rs.getLong(1), k -> new HashSet<>())
                                    .add(rs.getLong(2));
                        });
                return stages;
            });

    /**
     * IN: an open deal in any listed stage; NOT_IN: an open deal in none of them (true without open deals);
     * IS_EMPTY: no open deal at all. The key is the one rules have stored since the field was built in.
     */
    public static final ProvidedField<Set<Long>> OPEN_DEAL_STAGE = ProvidedField.define(
                    "OPEN_DEAL_STAGE", FieldType.STAGE, PIPELINE, 10)
            .set(
                    "deal d JOIN pipeline_stage ds ON ds.id = d.stage_id"
                            + " WHERE d.customer_id = c.id AND ds.kind = 'OPEN'",
                    "d.stage_id")
            .from(OPEN_DEAL_STAGES, ProvidedField.itself());

    private final PipelineService pipelines;

    PipelineSegmentFields(PipelineService pipelines) {
        this.pipelines = pipelines;
    }

    @Override
    public List<ProvidedField<?>> fields() {
        return List.of(OPEN_DEAL_STAGE);
    }

    /** The open stages of the working pipelines, in pipeline and board order. */
    @Override
    @PreAuthorize(Roles.HAS_STAFF)
    public List<StageChoice> choices(ProvidedField<?> field) {
        List<StageChoice> choices = new ArrayList<>();
        if (!OPEN_DEAL_STAGE.equals(field)) {
            return choices;
        }
        for (PipelineSummary p : pipelines.pipelines()) {
            pipelines.get(p.id()).stages().stream()
                    .filter(s -> s.kind() == StageKind.OPEN)
                    .forEach(s -> choices.add(new StageChoice(s.id(), p.name(), p.nameKey(), s.name(), s.nameKey())));
        }
        return choices;
    }

    /** Open stages of pipelines and templates alike: a rule naming a template's stage is not told it is gone. */
    @Override
    @PreAuthorize(Roles.HAS_STAFF)
    public Set<Long> known(ProvidedField<?> field) {
        Set<Long> open = new HashSet<>();
        if (!OPEN_DEAL_STAGE.equals(field)) {
            return open;
        }
        Stream.concat(pipelines.pipelines().stream(), pipelines.templates().stream())
                .map(p -> pipelines.get(p.id()))
                .map(PipelineDetail::stages)
                .flatMap(List::stream)
                .filter(s -> s.kind() == StageKind.OPEN)
                .forEach(s -> open.add(s.id()));
        return open;
    }
}
