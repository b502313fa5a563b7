package io.keyuan.pipeline;

import java.util.List;

/** A pipeline's kanban board under a filter. */
public record Board(PipelineSummary pipeline, List<BoardColumn> columns) {}
