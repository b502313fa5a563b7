package io.keyuan.customer;

/** Where a purchase was made. */
public enum SalesChannel {
    STORE,
    ONLINE,
    PHONE,
    DISTRIBUTOR
}
