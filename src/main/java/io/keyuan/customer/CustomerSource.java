package io.keyuan.customer;

import io.keyuan.channel.AcquisitionMethod;

/** Where a customer came from: their source channel and how they were found (either may be unknown). */
public record CustomerSource(long customerId, Long channelId, AcquisitionMethod method) {}
