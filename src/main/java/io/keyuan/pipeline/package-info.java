/** Acquisition pipelines (获客流程): ordered stages, deals on a kanban board, stage history and funnel reports. */
package io.keyuan.pipeline;
