package io.keyuan.customer;

/**
 * SQL over the customer table for other modules' reports, so that they group in the database without knowing this
 * module's tables: each method takes the SQL expression of a customer id in the caller's query (a column such as
 * {@code r.customer_id}) and returns a correlated scalar subquery, probed by the customer's primary key. Only ever
 * concatenate trusted column names into them, never user input.
 */
public final class CustomerQueries {
    private CustomerQueries() {}

    /**
     * {@code LEFT JOIN customer <alias> ON <alias>.id = <customerId>}: for grouping many rows by customer columns,
     * read once per row instead of once per use as the scalar forms below are. Columns: {@link #sourceChannel},
     * {@link #acquisitionMethodOf}.
     */
    public static String join(String alias, String customerId) {
        return " LEFT JOIN customer " + alias + " ON " + alias + ".id = " + customerId;
    }

    /** The joined customer's source channel id. */
    public static String sourceChannel(String alias) {
        return alias + ".source_channel_id";
    }

    /** The joined customer's acquisition method name. */
    public static String acquisitionMethodOf(String alias) {
        return alias + ".acquisition_method";
    }

    /** The customer's source channel id, null when unknown. */
    public static String sourceChannelId(String customerId) {
        return "(SELECT cq.source_channel_id FROM customer cq WHERE cq.id = " + customerId + ")";
    }

    /** The name of the customer's acquisition method ({@link io.keyuan.channel.AcquisitionMethod}), null when unknown. */
    public static String acquisitionMethod(String customerId) {
        return "(SELECT cq.acquisition_method FROM customer cq WHERE cq.id = " + customerId + ")";
    }
}
