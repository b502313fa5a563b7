package io.keyuan.exchange;

import java.util.Map;

/** What an import did to one record: created it, or updated it from these column values (database form). */
public record RecordedChange(long targetId, ImportAction action, Map<String, String> before) {}
