package io.keyuan.customer;

/**
 * SQL over purchases by date for other modules' reports (insight's price tier revenue), so that they aggregate a
 * period's purchases in the database without naming this module's tables. Only trusted aliases go in.
 */
public final class PurchaseQueries {
    private PurchaseQueries() {}

    /**
     * {@code purchase <alias>} for a FROM clause, with {@link #dated} as its condition: the range is served by the
     * purchase date index.
     */
    public static String purchases(String alias) {
        return " purchase " + alias;
    }

    /** The condition: purchased from {@code :fromDay} to before {@code :untilDay} (business dates). */
    public static String dated(String alias) {
        return alias + ".purchase_date >= :fromDay AND " + alias + ".purchase_date < :untilDay";
    }

    public static String customerId(String alias) {
        return alias + ".customer_id";
    }

    public static String purchaseDate(String alias) {
        return alias + ".purchase_date";
    }

    /** The product as recorded: free text, from a quote {@code code · name}. */
    public static String product(String alias) {
        return alias + ".product";
    }

    /** The amount less what was returned of the purchase, as {@link AcquisitionQueries#netAmount}. */
    public static String netAmount(String alias) {
        return AcquisitionQueries.netAmount(alias);
    }

    /** The quantity less what was returned of it (a return may give money back without goods: quantity 0). */
    public static String netQuantity(String alias) {
        return "(" + alias + ".quantity - COALESCE((SELECT SUM(nq.quantity) FROM purchase_return nq"
                + " WHERE nq.purchase_id = " + alias + ".id), 0))";
    }
}
