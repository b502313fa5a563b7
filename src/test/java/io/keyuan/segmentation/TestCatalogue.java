package io.keyuan.segmentation;

import io.keyuan.pipeline.PipelineSegmentFields;
import java.util.List;

/** The catalogue of the running application for tests without Spring: segmentation's fields and the pipeline's. */
final class TestCatalogue {
    static final SegmentFieldCatalogue FIELDS =
            SegmentFieldCatalogue.of(() -> List.of(PipelineSegmentFields.OPEN_DEAL_STAGE));

    private TestCatalogue() {}
}
