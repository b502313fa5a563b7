package io.keyuan.survey;

/**
 * A recipient's answer link, known only when it is issued (at send time, or when a manager issues a new one): the
 * database keeps its hash alone.
 */
public record RecipientLink(long recipientId, long customerId, String code, String name, String email, String link) {}
