package io.keyuan.shared.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.datepicker.DatePicker;
import java.text.DateFormatSymbols;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** Date pickers that speak the user's language and show dates as yyyy-MM-dd. */
public final class DatePickers {
    private DatePickers() {}

    public static DatePicker.DatePickerI18n i18n(Component c) {
        Locale locale = c.getUI()
                .map(ui -> ui.getLocale())
                .orElse(
                        com.vaadin.flow.component.UI.getCurrent() == null
                                ? Locale.SIMPLIFIED_CHINESE
                                : com.vaadin.flow.component.UI.getCurrent().getLocale());
        DateFormatSymbols symbols = DateFormatSymbols.getInstance(locale);
        DatePicker.DatePickerI18n i18n = new DatePicker.DatePickerI18n();
        i18n.setMonthNames(Arrays.asList(symbols.getMonths()).subList(0, 12));
        List<String> weekdays = Arrays.asList(symbols.getWeekdays()).subList(1, 8);
        List<String> shortWeekdays = Arrays.asList(symbols.getShortWeekdays()).subList(1, 8);
        i18n.setWeekdays(weekdays);
        i18n.setWeekdaysShort(shortWeekdays);
        i18n.setFirstDayOfWeek(1);
        i18n.setToday(c.getTranslation("date.today"));
        i18n.setCancel(c.getTranslation("action.cancel"));
        i18n.setDateFormat("yyyy-MM-dd");
        // without these the picker turns red and says nothing
        i18n.setBadInputErrorMessage(c.getTranslation("validation.date"));
        i18n.setMinErrorMessage(c.getTranslation("validation.date-too-early"));
        i18n.setMaxErrorMessage(c.getTranslation("validation.date-too-late"));
        return i18n;
    }
}
