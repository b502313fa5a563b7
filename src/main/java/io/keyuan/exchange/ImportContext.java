package io.keyuan.exchange;

/** What an importer may ask about the import in progress. */
public interface ImportContext {
    boolean dryRun();

    /**
     * Whether a row above {@code rowNumber} in the same file has this natural key (and converted without error),
     * e.g. to accept a reference to a record that row creates. Rows below do not count: they are written later.
     */
    boolean earlierInFile(String naturalKey, int rowNumber);

    /** Whether blank cells empty a matched record's (optional) fields; by default they keep the stored values. */
    default boolean clearBlanks() {
        return false;
    }
}
