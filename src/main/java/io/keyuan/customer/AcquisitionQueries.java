package io.keyuan.customer;

import io.keyuan.shared.BusinessTime;

/**
 * SQL over customers and purchases for the insight module's rollups, so that it aggregates in the database without
 * naming this module's tables: where each customer was acquired, and its purchases net of returns. Texts take
 * trusted aliases and column names only, never user input.
 *
 * <p>A customer counts as acquired on the earlier of the business day its record was created and its first purchase:
 * a customer imported with years of purchase history belongs to the month it first bought, not to the day of the
 * import. It has converted once it has at least one purchase.
 */
public final class AcquisitionQueries {
    private AcquisitionQueries() {}

    /**
     * Rows {@code (customer_id, channel_id, cohort_month, converted)} for every customer: its source channel (0 when
     * none), the first day of its acquisition month, and whether it has bought. One index probe per customer for the
     * first purchase.
     */
    public static String acquisitions() {
        return acquisitionsWhere("");
    }

    /** The row of {@link #acquisitions()} for the customer {@code :customerId}; no row once it is deleted. */
    public static String acquisitionOf() {
        return acquisitionsWhere(" WHERE c.id = :customerId");
    }

    private static String acquisitionsWhere(String where) {
        return "SELECT t.customer_id, t.channel_id, "
                + BusinessTime.sqlMonth("LEAST(t.created_on, COALESCE(t.first_purchase, t.created_on))")
                + " cohort_month, t.first_purchase IS NOT NULL converted FROM (SELECT c.id customer_id,"
                + " COALESCE(c.source_channel_id, 0) channel_id, " + BusinessTime.sqlDate("c.created_at")
                + " created_on, (SELECT MIN(fp.purchase_date) FROM purchase fp WHERE fp.customer_id = c.id)"
                + " first_purchase FROM customer c" + where + ") t";
    }

    /**
     * {@code JOIN purchase <alias> ON <alias>.customer_id = <customerId>}: the purchases of the customers in the
     * caller's rows, through the (customer, date, amount) index; add conditions on {@link #purchaseDate}.
     */
    public static String purchasesJoin(String alias, String customerId) {
        return " JOIN purchase " + alias + " ON " + alias + ".customer_id = " + customerId;
    }

    /** The joined purchase's date (a business date). */
    public static String purchaseDate(String alias) {
        return alias + ".purchase_date";
    }

    /** The joined purchase's amount less what was returned of it (one probe of the returns' purchase index). */
    public static String netAmount(String alias) {
        return "(" + alias + ".amount - COALESCE((SELECT SUM(nr.amount) FROM purchase_return nr WHERE nr.purchase_id = "
                + alias + ".id), 0))";
    }

    /** Rows {@code (month)}: the first days of the months the customer {@code :customerId} has purchases in. */
    public static String purchaseMonthsOf() {
        return "SELECT DISTINCT " + BusinessTime.sqlMonth("pm.purchase_date")
                + " month FROM purchase pm WHERE pm.customer_id = :customerId";
    }

    /**
     * The customer {@code customerId}'s purchases dated from {@code fromDate} (included) to {@code beforeDate}
     * (excluded), net of returns, as a correlated scalar subquery (0 when none): one range of the (customer, date,
     * amount) purchase index and a probe of the returns' purchase index per purchase.
     */
    public static String netRevenueOf(String customerId, String fromDate, String beforeDate) {
        return "(SELECT COALESCE(SUM(" + netAmount("rp") + "), 0) FROM purchase rp WHERE rp.customer_id = " + customerId
                + " AND rp.purchase_date >= " + fromDate + " AND rp.purchase_date < " + beforeDate + ")";
    }
}
