package io.keyuan.exchange;

/** What an importer may ask about the import in progress. */
public interface ImportContext {
    boolean dryRun();

    /** Whether an earlier row of the same file has this natural key (and no error), e.g. to accept a reference. */
    boolean earlierInFile(String naturalKey);
}
