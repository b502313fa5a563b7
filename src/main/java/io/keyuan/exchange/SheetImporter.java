package io.keyuan.exchange;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A feature module's importer for one {@link SheetSchema}: the engine reads, maps, converts and checks the cells;
 * the importer matches rows to records, validates what only it knows (references, business rules), writes and
 * undoes. Register it as a Spring bean; the import wizard and the command line list every registered importer.
 * Write one by extending {@link JdbcTableImporter}, which does the matching, writing and undo for a table; its
 * public methods must check the caller's role themselves ({@code @PreAuthorize}), as services do, so that no path
 * around the engine imports as a lesser role.
 */
public interface SheetImporter {
    SheetSchema schema();

    /** The i18n key of the schema's name as users see it (e.g. {@code exchange.schema.customers}). */
    default String titleKey() {
        return "exchange.schema." + schema().name();
    }

    /**
     * The key that identifies the row's record, such as {@code code:C00000012}; null when the row has none (then it
     * always creates). The engine reports a second row with the same key (ignoring case) as a duplicate.
     */
    String naturalKey(ImportRow row);

    /**
     * Looks up and checks a batch of converted rows without writing: sets each error-free row's action (CREATE,
     * UPDATE or UNCHANGED) and target, or adds errors; records each update's field changes and any warnings. Called
     * in the import's transaction, after the previous batch was applied.
     */
    void plan(List<ImportRow> rows, ImportContext context);

    /** Writes the batch's rows planned as CREATE or UPDATE (never rows with errors), recording each change. */
    void apply(List<ImportRow> rows, ImportContext context, ChangeLog log);

    /**
     * Reverts an import's changes, given newest first: removes created records, restores updated ones (values and
     * version) — except records someone changed after the import (their version moved on) and created records that
     * later work refers to, which are left as they are so that no later work is lost. With {@code preview} it only
     * counts what it would do.
     */
    UndoCounts undo(List<RecordedChange> changes, boolean preview);

    /**
     * Values offered as dropdowns in the schema's template for columns that are not enums (whose labels the engine
     * adds itself), e.g. the active channels' names; column key → values, in {@code locale}.
     */
    default Map<String, List<String>> choices(Locale locale) {
        return Map.of();
    }

    /**
     * The mapping to propose for a file, for schemas whose columns are named by what the data holds (a survey's
     * question texts, say) and not only by the schema's headers: given the file's header row, the mapping guessed
     * from the schema's headers (a schema key per file column, null where none matched) and the first data rows
     * under the header (cell texts as shown), returns the mapping the import wizard proposes. The engine keeps the
     * guessed keys and takes from the answer only keys of the schema for columns that had none, each at most once.
     * By default the guessed mapping.
     */
    default List<String> guessMapping(List<String> headers, List<String> guessed, List<List<String>> sample) {
        return guessed;
    }

    /**
     * The least role (one of {@link io.keyuan.shared.Roles}) that may import this schema; the import wizard lists
     * only the schemas the signed-in user may import, and the engine refuses the others. Undo takes a manager.
     */
    String requiredRole();

    /** Runs after an import or undo committed (outside its transaction): caches, derived figures. */
    default void afterCommit() {}
}
