package io.keyuan;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModule;
import org.springframework.modulith.core.ApplicationModules;

class ModularityTests {
    private static final ApplicationModules MODULES = ApplicationModules.of(KeyuanApplication.class);

    @Test
    void modules_only_use_each_others_api_and_have_no_cycles() {
        MODULES.verify();
    }

    /**
     * The segment field catalogue is open (DESIGN.md): modules whose data segments use provide fields to it, so the
     * dependency runs from them to segmentation and never back.
     */
    @Test
    void segmentation_depends_on_customer_and_channel_but_not_on_the_modules_that_provide_fields() {
        ApplicationModule segmentation = MODULES.getModuleByName("segmentation").orElseThrow();
        ApplicationModule pipeline = MODULES.getModuleByName("pipeline").orElseThrow();

        assertThat(segmentation.getDirectDependencies(MODULES).containsModuleNamed("pipeline"))
                .as("segmentation depends on pipeline")
                .isFalse();
        assertThat(segmentation.getDirectDependencies(MODULES).containsModuleNamed("customer"))
                .isTrue();
        assertThat(pipeline.getDirectDependencies(MODULES).containsModuleNamed("segmentation"))
                .as("pipeline provides its fields to segmentation")
                .isTrue();
    }
}
