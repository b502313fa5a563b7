package io.keyuan.pipeline;

import io.keyuan.pipeline.domain.Pipeline;
import io.keyuan.pipeline.domain.PipelineRepository;
import io.keyuan.pipeline.domain.PipelineStage;
import io.keyuan.pipeline.domain.PipelineStageRepository;
import io.keyuan.shared.KeyuanException;
import io.keyuan.shared.NotFoundException;
import io.keyuan.shared.Roles;
import io.keyuan.shared.StaleEditException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Pipelines and their stages: staff read them, managers shape them (copy a template, rename, reorder stages, set
 * probabilities, kinds, stale limits and the skip / backward rules, delete a stage after saying where its deals go).
 */
@Service
@Transactional
public class PipelineService {
    public static final int MAX_STAGES = 30;

    private final PipelineRepository pipelines;
    private final io.keyuan.shared.db.StaleEdits staleEdits;
    private final PipelineStageRepository stages;
    private final NamedParameterJdbcTemplate jdbc;
    private final Clock clock;
    private final org.springframework.context.ApplicationEventPublisher events;

    PipelineService(
            PipelineRepository pipelines,
            PipelineStageRepository stages,
            NamedParameterJdbcTemplate jdbc,
            Clock clock,
            io.keyuan.shared.db.StaleEdits staleEdits,
            org.springframework.context.ApplicationEventPublisher events) {
        this.events = events;
        this.pipelines = pipelines;
        this.stages = stages;
        this.jdbc = jdbc;
        this.clock = clock;
        this.staleEdits = staleEdits;
    }

    /** The working pipelines (templates excluded), oldest first. */
    @PreAuthorize(Roles.HAS_STAFF)
    @Transactional(readOnly = true)
    public List<PipelineSummary> pipelines() {
        return pipelines.findByTemplateOrderByIdAsc(false).stream()
                .map(PipelineService::summary)
                .toList();
    }

    @PreAuthorize(Roles.HAS_STAFF)
    @Transactional(readOnly = true)
    public List<PipelineSummary> templates() {
        return pipelines.findByTemplateOrderByIdAsc(true).stream()
                .map(PipelineService::summary)
                .toList();
    }

    @PreAuthorize(Roles.HAS_STAFF)
    @Transactional(readOnly = true)
    public PipelineDetail get(long pipelineId) {
        Pipeline p = pipeline(pipelineId);
        return new PipelineDetail(
                summary(p),
                stages.findByPipelineIdOrderByPositionAscIdAsc(pipelineId).stream()
                        .map(PipelineService::row)
                        .toList());
    }

    /** Copies a pipeline (usually a template) with its stages; template names keep translating until renamed. */
    @PreAuthorize(Roles.HAS_MANAGER)
    public PipelineDetail copy(long sourceId, String name) {
        Pipeline source = pipeline(sourceId);
        Pipeline copy = new Pipeline();
        String n = blankToNull(name);
        if (n == null) {
            copy.setName(source.getName());
            copy.setNameKey(source.getNameKey());
        } else {
            checkName(n, null);
            copy.setName(n);
        }
        copy.setAllowSkip(source.isAllowSkip());
        copy.setAllowBackward(source.isAllowBackward());
        copy.setDescription(source.getDescription());
        Pipeline saved = pipelines.saveAndFlush(copy);
        for (PipelineStage s : stages.findByPipelineIdOrderByPositionAscIdAsc(sourceId)) {
            PipelineStage c = new PipelineStage();
            c.setPipelineId(saved.getId());
            c.setPosition(s.getPosition());
            c.setName(s.getName());
            c.setNameKey(s.getNameKey());
            c.setProbability(s.getProbability());
            c.setKind(s.getKind());
            c.setStaleAfterDays(s.getStaleAfterDays());
            stages.save(c);
        }
        stages.flush();
        return get(saved.getId());
    }

    /** Creates an empty pipeline or changes a pipeline's name and rules; templates are not edited in place. */
    @PreAuthorize(Roles.HAS_MANAGER)
    public PipelineSummary save(PipelineDraft draft) {
        String name = blankToNull(draft.name());
        if (name == null) {
            throw KeyuanException.onField("name", "validation.required");
        }
        if (name.length() > Pipeline.NAME_LENGTH) {
            throw KeyuanException.onField("name", "error.too-long", Pipeline.NAME_LENGTH);
        }
        Pipeline target;
        if (draft.id() == null) {
            checkName(name, null);
            target = new Pipeline();
        } else {
            target = editable(draft.id());
            if (target.getVersion() != draft.version()) {
                throw new StaleEditException(target.getUpdatedBy(), target.getUpdatedAt());
            }
            if (!name.equals(target.getName()) || target.getNameKey() == null) {
                checkName(name, target.getId());
            }
        }
        if (!name.equals(target.getName())) {
            target.setNameKey(null);
        }
        target.setName(name);
        target.setAllowSkip(draft.allowSkip());
        target.setAllowBackward(draft.allowBackward());
        try {
            return summary(pipelines.saveAndFlush(target));
        } catch (ObjectOptimisticLockingFailureException e) {
            throw staleEdits.latest("pipeline", target.getId());
        }
    }

    /** Adds a stage (before the closing stages when it is open, at the end otherwise) or changes one. */
    @PreAuthorize(Roles.HAS_MANAGER)
    public StageRow saveStage(long pipelineId, StageDraft draft) {
        editable(pipelineId);
        String name = blankToNull(draft.name());
        if (name == null) {
            throw KeyuanException.onField("name", "validation.required");
        }
        if (name.length() > PipelineStage.NAME_LENGTH) {
            throw KeyuanException.onField("name", "error.too-long", PipelineStage.NAME_LENGTH);
        }
        if (draft.probability() < 0 || draft.probability() > 100) {
            throw KeyuanException.onField("probability", "pipeline.error.probability");
        }
        if (draft.kind() == null) {
            throw KeyuanException.onField("kind", "validation.required");
        }
        Integer stale = draft.staleAfterDays();
        if (stale != null && (stale < 1 || stale > PipelineStage.MAX_STALE_DAYS)) {
            throw KeyuanException.onField("staleAfterDays", "pipeline.error.stale-days", PipelineStage.MAX_STALE_DAYS);
        }
        List<PipelineStage> all = stages.findByPipelineIdOrderByPositionAscIdAsc(pipelineId);
        PipelineStage target;
        if (draft.id() == null) {
            if (all.size() >= MAX_STAGES) {
                throw new KeyuanException("pipeline.error.too-many-stages", MAX_STAGES);
            }
            target = new PipelineStage();
            target.setPipelineId(pipelineId);
            int position = all.isEmpty() ? 1 : all.getLast().getPosition() + 1;
            if (draft.kind() == StageKind.OPEN) {
                // New open stages go after the last open stage, before the won / lost ones.
                int lastOpen = all.stream()
                        .filter(s -> s.getKind() == StageKind.OPEN)
                        .mapToInt(PipelineStage::getPosition)
                        .max()
                        .orElse(0);
                position = lastOpen + 1;
                for (PipelineStage s : all) {
                    if (s.getPosition() >= position) {
                        s.setPosition(s.getPosition() + 1);
                    }
                }
            }
            target.setPosition(position);
        } else {
            target = all.stream()
                    .filter(s -> s.getId().equals(draft.id()))
                    .findFirst()
                    .orElseThrow(() -> new NotFoundException("stage", draft.id()));
            if (target.getVersion() != draft.version()) {
                throw new StaleEditException(target.getUpdatedBy(), target.getUpdatedAt());
            }
            if (target.getKind() != draft.kind()) {
                long deals = dealCount(target.getId());
                if (deals > 0) {
                    throw KeyuanException.onField("kind", "pipeline.error.kind-in-use", deals);
                }
            }
        }
        if (!name.equals(target.getName())) {
            target.setNameKey(null);
        }
        target.setName(name);
        target.setProbability(draft.probability());
        target.setKind(draft.kind());
        target.setStaleAfterDays(draft.kind() == StageKind.OPEN ? stale : null);
        try {
            PipelineStage saved = stages.saveAndFlush(target);
            touch(pipelineId);
            return row(saved);
        } catch (ObjectOptimisticLockingFailureException e) {
            throw staleEdits.latest("pipeline_stage", target.getId());
        }
    }

    /** Moves a stage one place earlier (-1) or later (+1) on the board. */
    @PreAuthorize(Roles.HAS_MANAGER)
    public void moveStage(long stageId, int direction) {
        PipelineStage stage = stage(stageId);
        editable(stage.getPipelineId());
        List<PipelineStage> all =
                new ArrayList<>(stages.findByPipelineIdOrderByPositionAscIdAsc(stage.getPipelineId()));
        int i = indexOf(all, stageId);
        int j = i + Integer.signum(direction);
        if (direction == 0 || j < 0 || j >= all.size()) {
            return;
        }
        all.set(i, all.get(j));
        all.set(j, stage);
        for (int k = 0; k < all.size(); k++) {
            all.get(k).setPosition(k + 1);
        }
        stages.saveAllAndFlush(all);
        touch(stage.getPipelineId());
    }

    @PreAuthorize(Roles.HAS_STAFF)
    @Transactional(readOnly = true)
    public long dealCount(long stageId) {
        Long n = jdbc.queryForObject("SELECT COUNT(*) FROM deal WHERE stage_id = :s", Map.of("s", stageId), Long.class);
        return n == null ? 0 : n;
    }

    /**
     * Deletes a stage. A stage that holds deals needs a target stage of the same pipeline: its deals move there
     * (each move kept in the stage history) before the stage goes; without one the deletion is refused with the
     * number of deals, so that the UI can ask where they go.
     */
    @PreAuthorize(Roles.HAS_MANAGER)
    public void deleteStage(long stageId, long expectedVersion, Long targetStageId) {
        PipelineStage stage = stage(stageId);
        editable(stage.getPipelineId());
        if (stage.getVersion() != expectedVersion) {
            throw new StaleEditException(stage.getUpdatedBy(), stage.getUpdatedAt());
        }
        List<PipelineStage> all = stages.findByPipelineIdOrderByPositionAscIdAsc(stage.getPipelineId());
        if (all.size() <= 1) {
            throw new KeyuanException("pipeline.error.last-stage");
        }
        // Locks the stage's deals so that no move slips in between counting and moving them.
        List<Long> held = jdbc.queryForList(
                "SELECT id FROM deal WHERE stage_id = :s FOR UPDATE", Map.of("s", stageId), Long.class);
        if (!held.isEmpty()) {
            if (targetStageId == null) {
                throw new KeyuanException("pipeline.error.stage-has-deals", held.size());
            }
            PipelineStage target = stage(targetStageId);
            if (target.getPipelineId() != stage.getPipelineId() || target.getId() == stageId) {
                throw KeyuanException.onField("target", "pipeline.error.bad-target");
            }
            Timestamp now = Timestamp.from(clock.instant());
            MapSqlParameterSource p = new MapSqlParameterSource()
                    .addValue("from", stageId)
                    .addValue("to", targetStageId)
                    .addValue("now", now)
                    .addValue("who", actor());
            jdbc.update("""
                    INSERT INTO deal_stage_change (deal_id, from_stage_id, to_stage_id, changed_at, changed_by)
                    SELECT id, :from, :to, :now, :who FROM deal WHERE stage_id = :from
                    """, p);
            jdbc.update("""
                    UPDATE deal SET stage_id = :to, stage_entered_at = :now, version = version + 1,
                        updated_at = :now, updated_by = :who
                    WHERE stage_id = :from
                    """, p);
            events.publishEvent(new DealsBulkChanged("deals of a deleted stage moved"));
        }
        stages.delete(stage);
        stages.flush();
        List<PipelineStage> rest = stages.findByPipelineIdOrderByPositionAscIdAsc(stage.getPipelineId());
        for (int k = 0; k < rest.size(); k++) {
            rest.get(k).setPosition(k + 1);
        }
        stages.saveAllAndFlush(rest);
        touch(stage.getPipelineId());
    }

    /** Deletes a pipeline that holds no deals. */
    @PreAuthorize(Roles.HAS_MANAGER)
    public void delete(long pipelineId, long expectedVersion) {
        Pipeline p = editable(pipelineId);
        if (p.getVersion() != expectedVersion) {
            throw new StaleEditException(p.getUpdatedBy(), p.getUpdatedAt());
        }
        Long n = jdbc.queryForObject(
                "SELECT COUNT(*) FROM deal WHERE pipeline_id = :p", Map.of("p", pipelineId), Long.class);
        if (n != null && n > 0) {
            throw new KeyuanException("pipeline.error.pipeline-has-deals", n);
        }
        pipelines.delete(p);
        pipelines.flush();
    }

    private void touch(long pipelineId) {
        // A stage change is a change of the pipeline: its version tells open editors to reload.
        jdbc.update(
                "UPDATE pipeline SET version = version + 1, updated_at = :now, updated_by = :who WHERE id = :id",
                new MapSqlParameterSource()
                        .addValue("now", Timestamp.from(clock.instant()))
                        .addValue("who", actor())
                        .addValue("id", pipelineId));
    }

    private void checkName(String name, Long selfId) {
        boolean taken = selfId == null
                ? pipelines.existsByNameAndTemplateFalse(name)
                : pipelines.existsByNameAndTemplateFalseAndIdNot(name, selfId);
        if (taken) {
            throw KeyuanException.onField("name", "pipeline.error.name-taken", name);
        }
    }

    private Pipeline pipeline(long id) {
        return pipelines.findById(id).orElseThrow(() -> new NotFoundException("pipeline", id));
    }

    private Pipeline editable(long id) {
        Pipeline p = pipeline(id);
        if (p.isTemplate()) {
            throw new KeyuanException("pipeline.error.template-read-only");
        }
        return p;
    }

    private PipelineStage stage(long id) {
        return stages.findById(id).orElseThrow(() -> new NotFoundException("stage", id));
    }

    private static int indexOf(List<PipelineStage> all, long stageId) {
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i).getId() == stageId) {
                return i;
            }
        }
        throw new NotFoundException("stage", stageId);
    }

    static String actor() {
        var auth = SecurityContextHolder.getContext().getAuthentication();
        return auth == null ? io.keyuan.shared.SystemActor.NAME : auth.getName();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    static PipelineSummary summary(Pipeline p) {
        return new PipelineSummary(
                p.getId(),
                p.getName(),
                p.getNameKey(),
                p.isTemplate(),
                p.isAllowSkip(),
                p.isAllowBackward(),
                p.getVersion());
    }

    static StageRow row(PipelineStage s) {
        return new StageRow(
                s.getId(),
                s.getPipelineId(),
                s.getPosition(),
                s.getName(),
                s.getNameKey(),
                s.getProbability(),
                s.getKind(),
                s.getStaleAfterDays(),
                s.getVersion());
    }
}
