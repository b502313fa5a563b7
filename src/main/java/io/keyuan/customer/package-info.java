/** Customers (客户), their purchases, and the lifecycle, value and RFM figures derived from purchases in SQL. */
package io.keyuan.customer;
