package io.keyuan.channel.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridTester;
import io.keyuan.channel.AcquisitionMethod;
import io.keyuan.channel.ChannelCategory;
import io.keyuan.channel.ChannelCostRow;
import io.keyuan.channel.ChannelService;
import io.keyuan.channel.ChannelSummary;
import io.keyuan.channel.domain.SourceChannel;
import io.keyuan.shared.SystemActor;
import io.keyuan.shared.ui.AsManager;
import io.keyuan.shared.ui.AsStaff;
import io.keyuan.shared.ui.Formats;
import io.keyuan.shared.ui.KeyuanViewTest;
import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class ChannelListViewTest extends KeyuanViewTest {
    @Autowired
    ChannelService channels;

    private SourceChannel existing(String name) {
        SourceChannel c = new SourceChannel();
        c.setName(name);
        c.setCategory(ChannelCategory.PROMOTION);
        c.setAcquisitionMethod(AcquisitionMethod.TRADE_FAIR);
        return SystemActor.call(() -> channels.save(c));
    }

    private Optional<ChannelSummary> summaryNamed(String name) {
        return SystemActor.call(() -> channels.summaries()).stream()
                .filter(s -> s.name().equals(name))
                .findFirst();
    }

    /**
     * The view component itself. ({@code getCurrentView()} returns the Spring proxy that method security wraps
     * around views annotated with {@code @RolesAllowed}; its fields are not the view's.)
     */
    private ChannelListView view() {
        return $(ChannelListView.class).single();
    }

    private GridTester<Grid<SourceChannel>, SourceChannel> grid() {
        return test(view().grid);
    }

    /** Narrows the grid to the channel and clicks its row, as a user opens a channel. */
    private ChannelDialog openChannel(String name) {
        test(view().name).setValue(name);
        assertThat(grid().size()).isEqualTo(1);
        grid().clickRow(0);
        return $(ChannelDialog.class).single();
    }

    @Test
    @AsManager
    void manager_creates_a_channel_in_the_dialog() {
        String name = "展会" + unique();
        navigate(ChannelListView.class);

        test($(Button.class).id("channel-new")).click();
        ChannelDialog dialog = $(ChannelDialog.class).single();
        assertThat(dialog.isOpened()).isTrue();
        test(dialog.name).setValue(name);
        test(dialog.category).selectItem(t("enum.ChannelCategory.PROMOTION"));
        test(dialog.method).selectItem(t("enum.AcquisitionMethod.TRADE_FAIR"));
        test($(Button.class).id("channel-save")).click();

        assertThat(dialog.isOpened()).isFalse();
        ChannelSummary saved = summaryNamed(name).orElseThrow();
        assertThat(saved.category()).isEqualTo(ChannelCategory.PROMOTION);
        assertThat(saved.method()).isEqualTo(AcquisitionMethod.TRADE_FAIR);
        assertThat(saved.active()).isTrue();
        test(view().name).setValue(name);
        assertThat(grid().size()).isEqualTo(1);
        assertThat(grid().getRow(0).getName()).isEqualTo(name);
    }

    @Test
    @AsManager
    void a_channel_needs_a_name() {
        navigate(ChannelListView.class);
        test($(Button.class).id("channel-new")).click();
        ChannelDialog dialog = $(ChannelDialog.class).single();
        test(dialog.category).selectItem(t("enum.ChannelCategory.ONLINE"));
        test(dialog.method).selectItem(t("enum.AcquisitionMethod.RESEARCH"));

        test($(Button.class).id("channel-save")).click();

        assertThat(dialog.isOpened()).isTrue();
        assertThat(dialog.name.isInvalid()).isTrue();
    }

    @Test
    @AsManager
    void a_duplicate_name_is_shown_on_the_name_field() {
        String name = "重名" + unique();
        existing(name);
        long before = SystemActor.call(() -> channels.summaries()).size();
        navigate(ChannelListView.class);

        test($(Button.class).id("channel-new")).click();
        ChannelDialog dialog = $(ChannelDialog.class).single();
        test(dialog.name).setValue(name);
        test(dialog.category).selectItem(t("enum.ChannelCategory.NATURAL"));
        test(dialog.method).selectItem(t("enum.AcquisitionMethod.CONSULTING"));
        test($(Button.class).id("channel-save")).click();

        assertThat(dialog.isOpened()).isTrue();
        assertThat(dialog.name.isInvalid()).isTrue();
        assertThat(dialog.name.getErrorMessage()).isEqualTo(t("channel.error.name-taken", name));
        assertThat(SystemActor.call(() -> channels.summaries())).hasSize((int) before);
    }

    @Test
    @AsStaff
    void staff_sees_no_new_button_and_a_read_only_dialog_without_save() {
        String name = "只读" + unique();
        existing(name);
        navigate(ChannelListView.class);

        assertThat($(Button.class).withId("channel-new").exists())
                .as("no visible new-channel button")
                .isFalse();
        assertThat(view().getChildren()
                        .flatMap(c -> c.getChildren())
                        .filter(Button.class::isInstance)
                        .map(Button.class::cast)
                        .filter(b -> "channel-new".equals(b.getId().orElse(null)))
                        .findFirst()
                        .orElseThrow()
                        .isVisible())
                .isFalse();

        ChannelDialog dialog = openChannel(name);
        assertThat(dialog.isOpened()).isTrue();
        assertThat($(Button.class).withId("channel-save").exists()).isFalse();
        assertThat($(Button.class).withId("channel-delete").exists()).isFalse();
        assertThat($(Button.class).withId("channel-cost-set").exists()).isFalse();
        assertThat(dialog.name.isReadOnly()).isTrue();
        assertThat(dialog.category.isReadOnly()).isTrue();
        assertThat(dialog.name.getValue()).isEqualTo(name);
        assertThat($(Button.class).id("channel-close").getText()).isEqualTo(t("action.close"));
    }

    @Test
    @AsManager
    void manager_sets_a_monthly_cost_in_the_dialog() {
        String name = "成本" + unique();
        SourceChannel channel = existing(name);
        navigate(ChannelListView.class);

        ChannelDialog dialog = openChannel(name);
        assertThat(test(dialog.costs).size()).isZero();
        YearMonth month = YearMonth.now(Formats.ZONE);
        assertThat(dialog.costMonth.getValue()).isEqualTo(month);
        test(dialog.costAmount).setValue(new BigDecimal("1234.50"));
        test($(Button.class).id("channel-cost-set")).click();

        List<ChannelCostRow> costs = SystemActor.call(() -> channels.costs(channel.getId()));
        assertThat(costs).hasSize(1);
        assertThat(costs.getFirst().month()).isEqualTo(month);
        assertThat(costs.getFirst().amount()).isEqualByComparingTo("1234.50");
        assertThat(costs.getFirst().updatedBy()).isEqualTo(MANAGER_USER);
        assertThat(test(dialog.costs).size()).isEqualTo(1);
        assertThat(dialog.costAmount.isInvalid()).isFalse();
    }

    @Test
    @AsManager
    void a_negative_cost_is_refused_on_the_amount_field() {
        String name = "负成本" + unique();
        SourceChannel channel = existing(name);
        navigate(ChannelListView.class);

        ChannelDialog dialog = openChannel(name);
        test(dialog.costAmount).setValue(new BigDecimal("-1"));
        test($(Button.class).id("channel-cost-set")).click();

        assertThat(dialog.costAmount.isInvalid()).isTrue();
        assertThat(dialog.costAmount.getErrorMessage()).isEqualTo(t("rule.amount-negative", "-1"));
        assertThat(SystemActor.call(() -> channels.costs(channel.getId()))).isEmpty();
    }

    @Test
    @AsManager
    void manager_renames_a_channel() {
        String name = "旧渠道" + unique();
        String renamed = "新渠道" + unique();
        SourceChannel channel = existing(name);
        navigate(ChannelListView.class);

        ChannelDialog dialog = openChannel(name);
        test(dialog.name).setValue(renamed);
        test($(Button.class).id("channel-save")).click();

        assertThat(dialog.isOpened()).isFalse();
        assertThat(SystemActor.call(() -> channels.get(channel.getId()).getName()))
                .isEqualTo(renamed);
    }
}
