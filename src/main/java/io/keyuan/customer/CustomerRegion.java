package io.keyuan.customer;

/** Where a customer is (either may be unknown), for records priced by region (quotes). */
public record CustomerRegion(long customerId, String province, String city) {}
