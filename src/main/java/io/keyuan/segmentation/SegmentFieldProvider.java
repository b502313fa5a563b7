package io.keyuan.segmentation;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The extension point that keeps the segment field catalogue open: a module whose data segments use (pipeline,
 * survey, follow-ups) implements it as a Spring bean, and {@link SegmentFieldCatalogue} adds its fields to
 * segmentation's own. Segmentation never depends on the providing module; the provider depends on segmentation.
 * docs/segmentation.md ("Adding a field from another module") shows a NUMBER, a windowed NUMBER and an ENUM field.
 *
 * <p>Implementations check the caller's role on the methods that read records ({@link #choices}, {@link #known}),
 * as every bean the engines call on a view's behalf does; {@link #fields} returns constants.
 */
public interface SegmentFieldProvider {

    /** The fields this module adds; keys must differ from every other field's. */
    List<ProvidedField<?>> fields();

    /**
     * For a STAGE field of this provider: the ids a rule may choose now, with their names, in the order the rule
     * builder lists them. {@link StageChoice#reference()} names a choice in rule sheets across installations.
     */
    default List<StageChoice> choices(ProvidedField<?> field) {
        return List.of();
    }

    /**
     * For a STAGE field: the ids a saved rule may still name without being told that the thing it names is gone;
     * by default the {@link #choices}.
     */
    default Set<Long> known(ProvidedField<?> field) {
        Set<Long> ids = new HashSet<>();
        choices(field).forEach(c -> ids.add(c.stageId()));
        return ids;
    }
}
