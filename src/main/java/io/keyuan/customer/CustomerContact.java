package io.keyuan.customer;

/** How to reach a customer: what a caller working through a survey's recipient list needs. */
public record CustomerContact(long id, String code, String name, String phone, String email) {}
