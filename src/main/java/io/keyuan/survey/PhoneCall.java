package io.keyuan.survey;

/** The next recipient to call in a phone campaign: who, their number, and how many are left to call. */
public record PhoneCall(long recipientId, long customerId, String code, String name, String phone, long remaining) {}
