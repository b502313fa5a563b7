package io.keyuan.pipeline.ui;

import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.BigDecimalField;
import io.keyuan.channel.ChannelSummary;
import io.keyuan.pipeline.DealFilter;
import io.keyuan.security.UserRef;
import io.keyuan.shared.ui.DatePickers;
import java.util.List;

/** The deal filters the board and the list share: owner, source channel, period opened, value range. */
class DealFilterBar extends HorizontalLayout {
    final Select<UserRef> owner = new Select<>();
    final Select<ChannelSummary> channel = new Select<>();
    final DatePicker from = new DatePicker();
    final DatePicker to = new DatePicker();
    final BigDecimalField minValue = new BigDecimalField();
    final BigDecimalField maxValue = new BigDecimalField();

    DealFilterBar(List<UserRef> users, List<ChannelSummary> channels, Runnable onChange) {
        addClassName("keyuan-toolbar");
        setAlignItems(FlexComponent.Alignment.BASELINE);
        owner.setId("deal-filter-owner");
        owner.setLabel(getTranslation("deal.field.owner"));
        owner.setItems(users);
        owner.setEmptySelectionAllowed(true);
        owner.setEmptySelectionCaption(getTranslation("filter.all"));
        owner.setItemLabelGenerator(u -> u == null ? getTranslation("filter.all") : u.displayName());
        owner.setWidth("9rem");
        channel.setId("deal-filter-channel");
        channel.setLabel(getTranslation("deal.field.channel"));
        channel.setItems(channels);
        channel.setEmptySelectionAllowed(true);
        channel.setEmptySelectionCaption(getTranslation("filter.all"));
        channel.setItemLabelGenerator(c -> c == null ? getTranslation("filter.all") : c.name());
        channel.setWidth("10rem");
        from.setId("deal-filter-from");
        from.setLabel(getTranslation("deal.filter.opened-from"));
        from.setI18n(DatePickers.i18n(this));
        from.setWidth("9.5rem");
        from.setClearButtonVisible(true);
        to.setId("deal-filter-to");
        to.setLabel(getTranslation("deal.filter.opened-to"));
        to.setI18n(DatePickers.i18n(this));
        to.setWidth("9.5rem");
        to.setClearButtonVisible(true);
        minValue.setId("deal-filter-min");
        minValue.setLabel(getTranslation("deal.filter.min-value"));
        minValue.setPrefixComponent(new Span("¥"));
        minValue.setWidth("8rem");
        minValue.setClearButtonVisible(true);
        maxValue.setId("deal-filter-max");
        maxValue.setLabel(getTranslation("deal.filter.max-value"));
        maxValue.setPrefixComponent(new Span("¥"));
        maxValue.setWidth("8rem");
        maxValue.setClearButtonVisible(true);
        owner.addValueChangeListener(e -> onChange.run());
        channel.addValueChangeListener(e -> onChange.run());
        from.addValueChangeListener(e -> onChange.run());
        to.addValueChangeListener(e -> onChange.run());
        minValue.addValueChangeListener(e -> onChange.run());
        maxValue.addValueChangeListener(e -> onChange.run());
        add(owner, channel, from, to, minValue, maxValue);
    }

    DealFilter filter(String title) {
        return new DealFilter(
                owner.getValue() == null ? null : owner.getValue().id(),
                channel.getValue() == null ? null : channel.getValue().id(),
                from.getValue(),
                to.getValue(),
                minValue.getValue(),
                maxValue.getValue(),
                title);
    }
}
