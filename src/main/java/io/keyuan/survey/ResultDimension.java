package io.keyuan.survey;

/**
 * What results break down by: the month answered (business time), the segments the respondent is in now, their
 * source channel, acquisition method and price tier when they answered (kept on the response), the channel the
 * survey went through, the campaign. Response rates group recipients by the customer as they are now.
 */
public enum ResultDimension {
    MONTH,
    SEGMENT,
    SOURCE_CHANNEL,
    ACQUISITION_METHOD,
    PRICE_TIER,
    SURVEY_CHANNEL,
    CAMPAIGN;

    /** Whether recipients (and so a response rate) can be grouped the same way: not by the month answered. */
    public boolean hasResponseRate() {
        return this != MONTH;
    }
}
