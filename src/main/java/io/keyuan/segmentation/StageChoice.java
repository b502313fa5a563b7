package io.keyuan.segmentation;

import java.util.function.UnaryOperator;

/**
 * A value a STAGE field offers (for the pipeline's field: an open stage), shown as "pipeline › stage", that is
 * "group › name". A {@code *NameKey} is set for names that translate (templates and their copies); the plain name
 * is the fallback.
 */
public record StageChoice(
        long stageId, String pipelineName, String pipelineNameKey, String stageName, String stageNameKey) {
    static final String SEPARATOR = " › ";

    /** "pipeline › stage" in the stored names: how rule sheets name a stage across installations. */
    public String reference() {
        return pipelineName + SEPARATOR + stageName;
    }

    /** "pipeline › stage" as users read it; {@code translate} turns a name key into text. */
    public String label(UnaryOperator<String> translate) {
        return (pipelineNameKey == null ? pipelineName : translate.apply(pipelineNameKey))
                + SEPARATOR
                + (stageNameKey == null ? stageName : translate.apply(stageNameKey));
    }
}
