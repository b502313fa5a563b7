package io.keyuan.survey;

/** A campaign is prepared as a draft, freezes its recipients while sending, takes answers while open. */
public enum CampaignStatus {
    DRAFT,
    SENDING,
    OPEN,
    CLOSED
}
