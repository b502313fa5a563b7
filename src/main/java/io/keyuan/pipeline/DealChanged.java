package io.keyuan.pipeline;

import java.time.Instant;

/**
 * Published once a deal was opened, deleted, moved to another stage (won, lost, reopened) or given another source
 * channel, and that has committed: its source channel before and after (the same when it did not change; null for
 * none) and when it was opened. Bulk changes publish {@link DealsBulkChanged} instead.
 */
public record DealChanged(long dealId, Long channelBefore, Long channelAfter, Instant openedAt) {}
