package io.keyuan.exchange.read;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyuan.exchange.ColumnType;
import io.keyuan.exchange.SheetColumn;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Cell text to typed values: forgiving where the meaning is certain, an error where it is not. */
class CellConverterTests {
    private static final LocalDate TODAY = LocalDate.of(2026, 11, 23);
    private static final SheetColumn NUMBER = SheetColumn.of("n", "数", "數", "N", ColumnType.DECIMAL, false, 20);
    private static final SheetColumn COUNT = SheetColumn.of("i", "数", "數", "I", ColumnType.INTEGER, false, 20);
    private static final SheetColumn DATE =
            SheetColumn.of("d", "日", "日", "D", ColumnType.DATE, false, 10).notAfterToday();
    private static final SheetColumn FLAG = SheetColumn.of("b", "是否", "是否", "B", ColumnType.BOOLEAN, false, 5);
    private static final SheetColumn TEXT = SheetColumn.of("t", "文", "文", "T", ColumnType.TEXT, false, 5);

    private static Object value(SheetColumn c, String raw) {
        CellConverter.Converted r = CellConverter.convert(c, raw, TODAY, Map.of("个人", "PERSON"));
        assertThat(r.error()).as(raw).isNull();
        return r.value();
    }

    private static String error(SheetColumn c, String raw) {
        CellConverter.Converted r = CellConverter.convert(c, raw, TODAY, Map.of());
        assertThat(r.error()).as(raw).isNotNull();
        return r.error().messageKey();
    }

    @Test
    void full_width_digits_separators_currency_and_stray_spaces_are_understood() {
        assertThat(value(NUMBER, "　１２,３４５.５０ ")).isEqualTo(new BigDecimal("12345.50"));
        assertThat(value(NUMBER, "¥1,000")).isEqualTo(new BigDecimal("1000.00"));
        assertThat(value(COUNT, "\u00A042\u200B")).isEqualTo(42L);
        assertThat(value(COUNT, "3.0")).isEqualTo(3L);
        assertThat(value(TEXT, "  甲乙 ")).isEqualTo("甲乙");
        assertThat(value(TEXT, "　")).isNull();
    }

    @Test
    void numbers_that_would_be_silently_wrong_are_errors() {
        assertThat(error(NUMBER, "1.234")).isEqualTo("exchange.error.too-many-decimals");
        assertThat(error(NUMBER, "12,34")).isEqualTo("exchange.error.not-a-number");
        assertThat(error(COUNT, "2.5")).isEqualTo("exchange.error.not-an-integer");
        assertThat(error(NUMBER, "1e30")).isEqualTo("exchange.error.number-too-big");
        assertThat(error(TEXT, "六个字的值啊")).isEqualTo("exchange.error.too-long");
    }

    @Test
    void dates_as_text_in_common_forms_and_as_serial_numbers() {
        assertThat(value(DATE, "2024-02-29")).isEqualTo(LocalDate.of(2024, 2, 29));
        assertThat(value(DATE, "2024/2/9")).isEqualTo(LocalDate.of(2024, 2, 9));
        assertThat(value(DATE, "2024年2月9日")).isEqualTo(LocalDate.of(2024, 2, 9));
        assertThat(value(DATE, "２０２４．０２．０９")).isEqualTo(LocalDate.of(2024, 2, 9));
        assertThat(value(DATE, "20240209")).isEqualTo(LocalDate.of(2024, 2, 9));
        assertThat(value(DATE, "2024-02-09 00:00:00")).isEqualTo(LocalDate.of(2024, 2, 9));
        assertThat(value(DATE, "45331")).isEqualTo(LocalDate.of(2024, 2, 9));
        assertThat(value(DATE, "25/12/2020")).isEqualTo(LocalDate.of(2020, 12, 25));
        assertThat(value(DATE, "12/25/2020")).isEqualTo(LocalDate.of(2020, 12, 25));
    }

    @Test
    void ambiguous_impossible_early_and_future_dates_are_errors() {
        assertThat(error(DATE, "03/04/2020")).isEqualTo("exchange.error.ambiguous-date");
        assertThat(error(DATE, "2023-02-29")).isEqualTo("exchange.error.not-a-date");
        assertThat(error(DATE, "20/20/2020")).isEqualTo("exchange.error.not-a-date");
        assertThat(error(DATE, "1899-12-31")).isEqualTo("exchange.error.date-before-1900");
        assertThat(error(DATE, "2026-11-24")).isEqualTo("exchange.error.date-in-future");
        assertThat(error(DATE, "明天")).isEqualTo("exchange.error.not-a-date");
    }

    private static final SheetColumn AT = SheetColumn.of("at", "时间", "時間", "At", ColumnType.DATE_TIME, false, 19);

    @Test
    void date_times_in_common_forms_as_serial_numbers_and_dates_alone() {
        assertThat(value(AT, "2024-02-29 09:30")).isEqualTo(LocalDateTime.of(2024, 2, 29, 9, 30));
        assertThat(value(AT, "2024/2/9 9:05:07")).isEqualTo(LocalDateTime.of(2024, 2, 9, 9, 5, 7));
        assertThat(value(AT, "2024-02-09T18:00:00.250")).isEqualTo(LocalDateTime.of(2024, 2, 9, 18, 0, 0, 250_000_000));
        assertThat(value(AT, "2024年2月9日 9:30")).isEqualTo(LocalDateTime.of(2024, 2, 9, 9, 30));
        assertThat(value(AT, "2024年2月9日9点30分")).isEqualTo(LocalDateTime.of(2024, 2, 9, 9, 30));
        assertThat(value(AT, "２０２４－０２－０９　１４：４５")).isEqualTo(LocalDateTime.of(2024, 2, 9, 14, 45));
        assertThat(value(AT, "2024-02-09")).isEqualTo(LocalDateTime.of(2024, 2, 9, 0, 0));
        // 2024-02-09 12:00 as a serial number in a cell not formatted as a date
        assertThat(value(AT, "45331.5")).isEqualTo(LocalDateTime.of(2024, 2, 9, 12, 0));
        assertThat(value(DATE, "2024-02-09 14:45"))
                .as("a date column takes the date")
                .isEqualTo(LocalDate.of(2024, 2, 9));
    }

    @Test
    void impossible_and_ambiguous_date_times_are_errors() {
        assertThat(error(AT, "2024-02-09 25:00")).isEqualTo("exchange.error.not-a-date-time");
        assertThat(error(AT, "2024-02-30 10:00")).isEqualTo("exchange.error.not-a-date-time");
        assertThat(error(AT, "03/04/2020 10:00")).isEqualTo("exchange.error.ambiguous-date");
        assertThat(error(AT, "45331 10:00")).isEqualTo("exchange.error.not-a-date-time");
        assertThat(error(AT, "下午三点")).isEqualTo("exchange.error.not-a-date-time");
        assertThat(error(AT, "1899-12-31 10:00")).isEqualTo("exchange.error.date-before-1900");
    }

    @Test
    void booleans_and_enum_labels_in_any_language() {
        assertThat(value(FLAG, "是")).isEqualTo(true);
        assertThat(value(FLAG, "FALSE")).isEqualTo(false);
        assertThat(error(FLAG, "也许")).isEqualTo("exchange.error.not-a-boolean");
        SheetColumn kind = new SheetColumn("k", "类", "類", "K", ColumnType.ENUM, false, 16, java.util.List.of());
        assertThat(CellConverter.convert(kind, " 个人 ", TODAY, Map.of("个人", "PERSON"))
                        .value())
                .isEqualTo("PERSON");
        assertThat(CellConverter.convert(kind, "外星人", TODAY, Map.of("个人", "PERSON"))
                        .error()
                        .messageKey())
                .isEqualTo("exchange.error.not-in-list");
    }

    @Test
    void excel_error_values_are_reported_not_imported() {
        assertThat(error(TEXT, SheetReaders.ERROR_PREFIX + "N/A")).isEqualTo("exchange.error.excel-error");
    }

    @Test
    void a_formula_without_a_saved_result_is_refused_naming_the_formula_cut_short_when_long() {
        for (SheetColumn column : List.of(NUMBER, COUNT, DATE, FLAG, TEXT)) {
            CellConverter.Converted c =
                    CellConverter.convert(column, SheetReaders.NO_RESULT_PREFIX + "A2*2", TODAY, Map.of());
            assertThat(c.value()).isNull();
            assertThat(c.error().messageKey()).isEqualTo("exchange.error.formula-no-result");
            assertThat(c.error().args()).containsExactly("=A2*2");
        }
        String longFormula = "VLOOKUP(A2,Sheet2!$A$1:$Z$10000,MATCH(\"金额\",Sheet2!$A$1:$Z$1,0),FALSE)";
        Object shown = CellConverter.convert(NUMBER, SheetReaders.NO_RESULT_PREFIX + longFormula, TODAY, Map.of())
                .error()
                .args()[0];
        assertThat((String) shown).hasSize(40).startsWith("=VLOOKUP(A2,").endsWith("…");
        assertThat(CellConverter.convert(NUMBER, SheetReaders.NO_RESULT_PREFIX, TODAY, Map.of())
                        .error()
                        .args())
                .containsExactly("=…");
    }

    @Test
    void reader_markers_are_never_empty_and_never_match_a_header_or_a_list_value() {
        SheetColumn kind = new SheetColumn("k", "类", "類", "K", ColumnType.ENUM, false, 16, List.of());
        for (String marker : List.of(SheetReaders.NO_RESULT_PREFIX + "B2", SheetReaders.ERROR_PREFIX + "N/A")) {
            assertThat(CellConverter.clean(marker)).isNotNull();
            assertThat(CellConverter.lookupKey(marker)).isEmpty();
            assertThat(CellConverter.convert(kind, marker, TODAY, Map.of("", "PERSON"))
                            .error())
                    .isNotNull();
        }
        assertThat(SheetReaders.displayText(SheetReaders.ERROR_PREFIX + "N/A")).isEqualTo("#N/A");
        assertThat(SheetReaders.displayText("名称")).isEqualTo("名称");
        assertThat(SheetReaders.displayText(null)).isNull();
    }
}
