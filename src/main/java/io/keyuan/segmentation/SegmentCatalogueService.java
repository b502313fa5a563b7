package io.keyuan.segmentation;

import io.keyuan.shared.Roles;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The field catalogue as views and sheets see it: the fields a rule may name, and for the STAGE fields other
 * modules provide, the ids a rule may choose (from the providing module, which checks the caller too).
 */
@Service
@Transactional(readOnly = true)
public class SegmentCatalogueService {
    private final SegmentFieldCatalogue catalogue;

    SegmentCatalogueService(SegmentFieldCatalogue catalogue) {
        this.catalogue = catalogue;
    }

    /** Every field a rule may name, in the rule builder's order (by group, then within it). */
    @PreAuthorize(Roles.HAS_STAFF)
    public List<CatalogueField> fields() {
        return catalogue.fields();
    }

    /** What a STAGE field offers now ("pipeline › stage" for open deal stages), in the builder's order. */
    @PreAuthorize(Roles.HAS_STAFF)
    public List<StageChoice> choices(CatalogueField field) {
        if (field == null || field.type() != FieldType.STAGE || !(field instanceof ProvidedField<?> p)) {
            return List.of();
        }
        return catalogue.provider(field).map(pr -> pr.choices(p)).orElse(List.of());
    }

    /** The choices of every STAGE field, by field. */
    @PreAuthorize(Roles.HAS_STAFF)
    public Map<CatalogueField, List<StageChoice>> allChoices() {
        Map<CatalogueField, List<StageChoice>> all = new LinkedHashMap<>();
        for (CatalogueField f : catalogue.fields()) {
            if (f.type() == FieldType.STAGE) {
                all.put(f, choices(f));
            }
        }
        return all;
    }

    /**
     * Each choice of a STAGE field by id as its {@link StageChoice#reference()} ("pipeline › stage" in stored
     * names): how the rule sheet names such values, so that rules move between installations whose ids differ.
     */
    @PreAuthorize(Roles.HAS_STAFF)
    public Map<Long, String> references(CatalogueField field) {
        Map<Long, String> refs = new LinkedHashMap<>();
        for (StageChoice s : choices(field)) {
            refs.put(s.stageId(), s.reference());
        }
        return refs;
    }

    /** Problems for the ids a STAGE condition names that no longer exist (for stages: or no longer hold open deals). */
    @PreAuthorize(Roles.HAS_STAFF)
    public List<RuleProblem> deletedChoices(String path, RuleNode.Condition condition) {
        CatalogueField field = condition.field();
        if (field == null || field.type() != FieldType.STAGE || !(field instanceof ProvidedField<?> p)) {
            return List.of();
        }
        Set<Long> known = catalogue.provider(field).map(pr -> pr.known(p)).orElse(Set.of());
        List<RuleProblem> problems = new ArrayList<>();
        for (String v : condition.values()) {
            long id = (Long) field.parse(condition.operator(), v);
            if (!known.contains(id)) {
                problems.add(new RuleProblem(path, "segment.rule.error.stage-deleted", id));
            }
        }
        return problems;
    }
}
