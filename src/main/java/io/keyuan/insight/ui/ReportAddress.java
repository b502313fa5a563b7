package io.keyuan.insight.ui;

import com.vaadin.flow.component.select.Select;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Reading a report's filters from its address ({@code ?from=2026-01&to=2026-12&channel=3&by=month}), as the insight
 * views share them: a value that does not parse is ignored, so a mistyped or old bookmark opens the defaults.
 */
final class ReportAddress {
    private ReportAddress() {}

    /** The first value of a parameter. */
    static Optional<String> first(Map<String, List<String>> q, String name) {
        List<String> v = q.getOrDefault(name, List.of());
        return v.isEmpty() ? Optional.empty() : Optional.of(v.getFirst());
    }

    /** {@code 2026-01}; years outside 1900..9999 are no month. */
    static Optional<YearMonth> month(String text) {
        try {
            YearMonth m = YearMonth.parse(text.strip());
            return m.getYear() < 1900 || m.getYear() > 9999 ? Optional.empty() : Optional.of(m);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    static Optional<Long> id(String text) {
        try {
            return Optional.of(Long.parseLong(text.strip()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** An enum constant by its name in any case. */
    static <E extends Enum<E>> Optional<E> named(Class<E> type, String text) {
        try {
            return Optional.of(Enum.valueOf(type, text.strip().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** A month outside the offered range (far past or future) is offered too, so that its report can say why. */
    static void select(Select<YearMonth> field, YearMonth m) {
        if (field.getListDataView().getItems().noneMatch(m::equals)) {
            List<YearMonth> items =
                    new ArrayList<>(field.getListDataView().getItems().toList());
            items.add(m);
            items.sort(null);
            field.setItems(items);
        }
        field.setValue(m);
    }

    /** The period's two month pickers, offering {@code first} to {@code last}, as every insight report shows them. */
    static void offerMonths(Select<YearMonth> from, Select<YearMonth> to, YearMonth first, YearMonth last) {
        List<YearMonth> months = new ArrayList<>();
        for (YearMonth m = first; !m.isAfter(last); m = m.plusMonths(1)) {
            months.add(m);
        }
        for (Select<YearMonth> s : List.of(from, to)) {
            s.setItems(months);
            s.setItemLabelGenerator(YearMonth::toString);
            s.setWidth("9rem");
        }
    }
}
