package io.keyuan.segmentation;

/**
 * An open pipeline stage a rule can name, shown as "pipeline › stage". A {@code *NameKey} is set for names that
 * translate (templates and their copies); the plain name is the fallback.
 */
public record StageChoice(
        long stageId, String pipelineName, String pipelineNameKey, String stageName, String stageNameKey) {}
