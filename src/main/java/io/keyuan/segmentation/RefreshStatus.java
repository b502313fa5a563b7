package io.keyuan.segmentation;

public enum RefreshStatus {
    RUNNING,
    DONE,
    FAILED,
    CANCELLED
}
