package io.keyuan.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static testsupport.sheets.ExcelSheets.formula;
import static testsupport.sheets.ExcelSheets.row;

import io.keyuan.KeyuanIntegrationTest;
import io.keyuan.TestData;
import io.keyuan.shared.SystemActor;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import testsupport.sheets.ExcelSheets;

/** The command line's {@code inspect} and {@code import --sheet}, on workbooks as people send them. */
@KeyuanIntegrationTest
class InspectAndSheetCommandTests {
    @Autowired
    InspectCommand inspect;

    @Autowired
    ImportCommand importCommand;

    @Autowired
    JdbcTemplate jdbc;

    @TempDir
    Path dir;

    @Test
    void inspect_prints_each_sheet_the_header_row_and_sheet_type_and_the_first_problem_per_column_and_writes_nothing() {
        String name = "检查" + TestData.unique();
        Path file = ExcelSheets.openpyxl()
                .sheet("填写说明", row("请填写“客户”表"))
                .dataSheet(
                        "客户",
                        List.of("名称", "生日", "年收入"),
                        row(name, "1990-01-01", formula("1000*12")),
                        row(name + "乙", "03/04/2020", 12.5))
                .write(dir.resolve("from-a-script.xlsx"));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        int exit = SystemActor.call(() -> inspect.run(
                new Options(new String[] {file.toString()}, 0), new PrintStream(bytes, true, StandardCharsets.UTF_8)));

        String out = bytes.toString(StandardCharsets.UTF_8);
        assertThat(exit).isZero();
        assertThat(out)
                .contains("2 sheet(s)")
                .contains("sheet 1 \"填写说明\"")
                .contains("sheet 2 \"客户\"")
                .contains("header row 1 reads as sheet type customers")
                .contains("\"名称\"")
                .contains("-> name")
                .contains("3 rows read to the end")
                .contains("2 rows with problems")
                .contains("B3")
                .contains("C2");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM customer WHERE name LIKE ?", Integer.class, name + "%"))
                .isZero();
    }

    @Test
    void import_reads_the_sheet_named_by_sheet_and_refuses_an_unknown_one() {
        String code = "SH" + TestData.digits(8);
        Path file = ExcelSheets.excel()
                .dataSheet("旧客户", List.of("编号", "名称"), row(code, "旧的"))
                .dataSheet("新客户", List.of("编号", "名称"), row(code, "新的"))
                .write(dir.resolve("two.xlsx"));

        int exit = SystemActor.call(() ->
                importCommand.run(new Options(new String[] {"customers", file.toString(), "--sheet", "新客户"}, 0)));

        assertThat(exit).isZero();
        assertThat(jdbc.queryForObject("SELECT name FROM customer WHERE code = ?", String.class, code))
                .isEqualTo("新的");
        assertThatThrownBy(() -> SystemActor.call(() -> importCommand.run(
                        new Options(new String[] {"customers", file.toString(), "--sheet", "无此表"}, 0))))
                .isInstanceOf(CommandException.class)
                .hasMessageContaining("no sheet named");
    }
}
