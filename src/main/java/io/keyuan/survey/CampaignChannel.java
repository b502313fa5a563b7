package io.keyuan.survey;

/** How a campaign reaches its recipients: staff call them, or they answer through a link (online or by e-mail). */
public enum CampaignChannel {
    PHONE,
    ONLINE,
    EMAIL;

    /** Whether recipients answer on the public page through a link of their own. */
    public boolean linked() {
        return this != PHONE;
    }
}
