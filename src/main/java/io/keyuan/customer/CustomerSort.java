package io.keyuan.customer;

/** How the customer grid is ordered; ties are broken by id so that paging is stable. */
public record CustomerSort(Field field, boolean ascending) {
    public enum Field {
        ID("c.id"),
        CODE("c.code"),
        NAME("c.name"),
        CITY("c.city"),
        INCOME("c.income"),
        UPDATED_AT("c.updated_at"),
        LAST_PURCHASE("m.last_purchase"),
        MONETARY("m.monetary"),
        FREQUENCY("m.frequency");

        private final String column;

        Field(String column) {
            this.column = column;
        }

        /** A whitelisted column expression; never built from user text. */
        public String column() {
            return column;
        }

        public boolean needsMetrics() {
            return column.startsWith("m.");
        }
    }

    public static CustomerSort newestFirst() {
        return new CustomerSort(Field.ID, false);
    }
}
