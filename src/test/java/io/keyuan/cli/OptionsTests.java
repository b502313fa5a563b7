package io.keyuan.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class OptionsTests {

    @Test
    void flags_take_the_next_argument_or_an_equals_value() {
        Options o = new Options(new String[] {"seed", "--customers", "200", "--seed=42", "--today", "2026-11-22"}, 1);

        assertThat(o.longFlag("customers", -1, 1, 1_000_000)).isEqualTo(200);
        assertThat(o.longFlag("seed", 1, Long.MIN_VALUE, Long.MAX_VALUE)).isEqualTo(42);
        assertThat(o.flag("today", null)).isEqualTo("2026-11-22");
        assertThat(o.positional()).isEmpty();
    }

    @Test
    void arguments_before_the_start_index_are_not_parsed() {
        Options o = new Options(new String[] {"bench", "grid", "--repeat", "3"}, 2);

        assertThat(o.positional()).isEmpty();
        assertThat(o.longFlag("repeat", 9, 1, 1000)).isEqualTo(3);
    }

    @Test
    void a_flag_without_a_value_is_true_and_other_words_are_positional() {
        Options o = new Options(new String[] {"one", "--verbose", "--dry-run", "two", "--last"}, 0);

        assertThat(o.flag("verbose", null)).isEqualTo("true");
        assertThat(o.flag("dry-run", null)).isEqualTo("two");
        assertThat(o.flag("last", null)).isEqualTo("true");
        assertThat(o.positional()).containsExactly("one");
    }

    @Test
    void a_negative_number_is_a_value_not_a_flag() {
        Options o = new Options(new String[] {"--seed", "-5"}, 0);

        assertThat(o.longFlag("seed", 1, Long.MIN_VALUE, Long.MAX_VALUE)).isEqualTo(-5);
    }

    @Test
    void missing_flags_give_the_default() {
        Options o = new Options(new String[] {}, 0);

        assertThat(o.longFlag("customers", -1, 1, 10)).isEqualTo(-1);
        assertThat(o.flag("today", "fallback")).isEqualTo("fallback");
    }

    @Test
    void numbers_may_be_grouped_with_underscores_or_commas() {
        Options o = new Options(new String[] {"--a", "1_000_000", "--b=1,000"}, 0);

        assertThat(o.longFlag("a", 0, 0, Long.MAX_VALUE)).isEqualTo(1_000_000);
        assertThat(o.longFlag("b", 0, 0, Long.MAX_VALUE)).isEqualTo(1_000);
    }

    @Test
    void a_number_out_of_range_is_refused_with_the_range() {
        Options o = new Options(new String[] {"--customers", "0", "--big", "1000001"}, 0);

        assertThatThrownBy(() -> o.longFlag("customers", -1, 1, 1_000_000))
                .isInstanceOf(CommandException.class)
                .hasMessageContaining("--customers")
                .hasMessageContaining("between 1 and 1000000");
        assertThatThrownBy(() -> o.longFlag("big", -1, 1, 1_000_000)).isInstanceOf(CommandException.class);
    }

    @Test
    void a_flag_that_is_not_a_number_is_refused_with_a_usage_exit_code() {
        Options o = new Options(new String[] {"--customers", "many", "--flag"}, 0);

        assertThatThrownBy(() -> o.longFlag("customers", -1, 1, 10))
                .isInstanceOfSatisfying(CommandException.class, e -> {
                    assertThat(e.getMessage()).contains("whole number").contains("many");
                    assertThat(e.exitCode()).isEqualTo(2);
                });
        assertThatThrownBy(() -> o.longFlag("flag", -1, 1, 10)).isInstanceOf(CommandException.class);
    }

    @Test
    void today_is_parsed_as_an_iso_date_and_a_bad_one_is_refused() {
        assertThat(Commands.today(new Options(new String[] {"--today", "2026-02-28"}, 0)))
                .isEqualTo(java.time.LocalDate.of(2026, 2, 28));
        assertThatThrownBy(() -> Commands.today(new Options(new String[] {"--today", "28.02.2026"}, 0)))
                .isInstanceOf(CommandException.class)
                .hasMessageContaining("28.02.2026");
    }

    @Test
    void only_known_commands_switch_to_command_line_mode() {
        assertThat(CommandLine.isCommand(new String[] {"seed", "--customers", "5"}))
                .isTrue();
        assertThat(CommandLine.isCommand(new String[] {"help"})).isTrue();
        assertThat(CommandLine.isCommand(new String[] {"--server.port=9090"})).isFalse();
        assertThat(CommandLine.isCommand(new String[] {})).isFalse();
    }
}
