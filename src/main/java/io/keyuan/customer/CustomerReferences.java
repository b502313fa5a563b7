package io.keyuan.customer;

/**
 * Records of another module that refer to a customer (deals, say). A customer they refer to is not deleted: the
 * delete is refused and names them, so that deleting a customer never takes another module's work along. Modules
 * that keep such records implement this and register it as a bean.
 */
public interface CustomerReferences {
    /** The i18n key of a count of these records, with the count as its argument (e.g. "{0} deals"). */
    String countKey();

    /** How many of these records refer to the customer. */
    long count(long customerId);
}
