package io.keyuan.pricing;

/**
 * SQL over customers' price tiers for other modules' reports: the tier a customer has now (as derived or set by
 * hand) and a tier's name, each a correlated subquery on a primary key, from the SQL expression of an id in the
 * caller's query. Only trusted column names go in.
 */
public final class TierQueries {
    private TierQueries() {}

    /**
     * {@code LEFT JOIN customer_price_tier <alias> ON <alias>.customer_id = <customerId>}; {@code <alias>.tier_id}
     * is then the customer's tier now (null without one).
     */
    public static String join(String alias, String customerId) {
        return " LEFT JOIN customer_price_tier " + alias + " ON " + alias + ".customer_id = " + customerId;
    }

    /** The customer's current tier id, null for a customer without a tier. */
    public static String tierId(String customerId) {
        return "(SELECT tq.tier_id FROM customer_price_tier tq WHERE tq.customer_id = " + customerId + ")";
    }

    public static String name(String tierId) {
        return "(SELECT tn.name FROM price_tier tn WHERE tn.id = " + tierId + ")";
    }

    /**
     * {@code LEFT JOIN product <alias> ON <alias>.code = <the code in productText>}: the catalogue product a purchase
     * names by code (before the first " · "; a purchase recorded from a quote reads {@code code · name}, one typed or
     * imported may hold the code alone), by the product code's unique index; {@code <alias>.cost} is then its
     * cost now, null when it names none.
     */
    public static String productJoin(String alias, String productText) {
        return " LEFT JOIN product " + alias + " ON " + alias + ".code = SUBSTRING_INDEX(" + productText
                + ", ' · ', 1)";
    }

    /** The joined product's cost (see {@link #productJoin}). */
    public static String cost(String alias) {
        return alias + ".cost";
    }

    /** The joined tier's id (see {@link #join}). */
    public static String tierIdOf(String alias) {
        return alias + ".tier_id";
    }
}
