package io.keyuan.channel;

/** The channel list's filter; null fields do not filter. */
public record ChannelFilter(String name, ChannelCategory category, AcquisitionMethod method, Boolean active) {
    public static ChannelFilter none() {
        return new ChannelFilter(null, null, null, null);
    }
}
