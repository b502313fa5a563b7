package io.keyuan.exchange;

/**
 * What undoing (or, for its preview, what would undo) an import's changes does: records removed and restored, and
 * those left as they are — changed by someone since the import, or built on since (a purchase, a deal, a referral
 * or any other record that refers to one the import created).
 */
public record UndoCounts(int removed, int restored, int keptChanged, int keptInUse) {
    public static final UndoCounts NONE = new UndoCounts(0, 0, 0, 0);

    public UndoCounts plus(UndoCounts o) {
        return new UndoCounts(
                removed + o.removed, restored + o.restored, keptChanged + o.keptChanged, keptInUse + o.keptInUse);
    }

    public int kept() {
        return keptChanged + keptInUse;
    }
}
