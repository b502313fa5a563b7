package io.keyuan.pipeline;

/** The deal list's order: whitelisted columns only, blanks last both ways, ties broken by id. */
public record DealSort(Field field, boolean ascending) {
    public enum Field {
        TITLE("d.title", false),
        CUSTOMER("c.name", false),
        STAGE("s.position", false),
        VALUE("d.deal_value", true),
        EXPECTED_CLOSE("d.expected_close", true),
        STAGE_ENTERED("d.stage_entered_at", false),
        UPDATED("d.updated_at", false);

        private final String column;
        private final boolean nullable;

        Field(String column, boolean nullable) {
            this.column = column;
            this.nullable = nullable;
        }
    }

    public DealSort {
        field = field == null ? Field.UPDATED : field;
    }

    public static DealSort newestFirst() {
        return new DealSort(Field.UPDATED, false);
    }

    /** The ORDER BY clause. */
    String orderBy() {
        String dir = ascending ? "ASC" : "DESC";
        return (field.nullable ? field.column + " IS NULL, " : "") + field.column + " " + dir + ", d.id " + dir;
    }
}
