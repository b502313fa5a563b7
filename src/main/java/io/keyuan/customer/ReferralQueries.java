package io.keyuan.customer;

/**
 * SQL over who referred whom (口碑传播) for the insight module's referral report, so that it groups in the database
 * without naming this module's tables. Texts take trusted aliases and column names only, never user input.
 *
 * <p>A customer is referred when its record names the customer who brought it ({@code referred_by_id}); a referrer
 * that is deleted leaves its customers unreferred (the foreign key sets null). Referral loops are refused when a
 * referrer is set, but the chain depth stops at a fixed number of levels anyway.
 */
public final class ReferralQueries {
    private ReferralQueries() {}

    /**
     * Rows {@code (customer_id, referrer_id)} for every customer with a referrer whose record was created at or after
     * {@code createdFrom} (a trusted SQL expression of a UTC instant, such as a named parameter): a customer acquired
     * in a month was created no earlier than that month's start, since acquisition is the earlier of creation and
     * first purchase. Read from the (referred_by_id, created_at) index alone, which holds the primary key too.
     */
    public static String referredSince(String createdFrom) {
        return "SELECT rq.id customer_id, rq.referred_by_id referrer_id FROM customer rq"
                + " WHERE rq.referred_by_id IS NOT NULL AND rq.created_at >= " + createdFrom;
    }

    /** {@code JOIN customer <alias> ON <alias>.id = <customerId>}: a customer's own columns ({@link #code}, {@link #name}). */
    public static String customerJoin(String alias, String customerId) {
        return " JOIN customer " + alias + " ON " + alias + ".id = " + customerId;
    }

    /** The joined customer's code. */
    public static String code(String alias) {
        return alias + ".code";
    }

    /** The joined customer's name. */
    public static String name(String alias) {
        return alias + ".name";
    }

    /**
     * {@code LEFT JOIN}s walking up the chain from the referrer {@code referrerId}: level k joins the referrer of
     * level k − 1, {@code levels - 1} joins in all (primary key probes). Use with {@link #chainDepth}.
     */
    public static String chainJoins(String prefix, String referrerId, int levels) {
        StringBuilder sql =
                new StringBuilder(" LEFT JOIN customer " + prefix + "1 ON " + prefix + "1.id = " + referrerId);
        for (int k = 2; k < levels; k++) {
            sql.append(" LEFT JOIN customer ")
                    .append(prefix)
                    .append(k)
                    .append(" ON ")
                    .append(prefix)
                    .append(k)
                    .append(".id = ")
                    .append(prefix)
                    .append(k - 1)
                    .append(".referred_by_id");
        }
        return sql.toString();
    }

    /**
     * The length of the referral chain above a referred customer, from {@link #chainJoins}: 1 when its referrer was
     * not referred itself, 2 when the referrer's referrer was not, and so on; {@code levels} means that many or more.
     */
    public static String chainDepth(String prefix, int levels) {
        StringBuilder sql = new StringBuilder("(1");
        for (int k = 1; k < levels; k++) {
            sql.append(" + (").append(prefix).append(k).append(".referred_by_id IS NOT NULL)");
        }
        return sql.append(")").toString();
    }
}
