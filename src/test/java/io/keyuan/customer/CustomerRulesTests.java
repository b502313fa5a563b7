package io.keyuan.customer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keyuan.exchange.CellRule;
import io.keyuan.shared.KeyuanException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CustomerRulesTests {

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "１３８００１３８０００|13800138000",
                "138 0013 8000|13800138000",
                "138-0013-8000|13800138000",
                "+86 138 0013 8000|13800138000",
                "+86-13800138000|13800138000",
                "0086 13800138000|13800138000",
                "(010) 1234 5678|010-12345678",
                "010-12345678|010-12345678",
                "０１０－１２３４５６７８|010-12345678",
                "021.87654321|021-87654321",
                "0571-8765432|0571-8765432",
                "+86 10 12345678|010-12345678",
                "010-12345678-802|010-12345678-802",
                "010-12345678转802|010-12345678-802",
                "0571 87654321 ext. 12|0571-87654321-12",
                "400-123-4567|400-123-4567",
                "19912345678|19912345678"
            })
    void mainland_numbers_typed_any_way_get_one_canonical_form(String typed, String canonical) {
        assertThat(CustomerRules.phone(typed)).isEqualTo(canonical);
        assertThat(CustomerRules.PHONE.apply(typed)).isEqualTo(canonical);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "12345",
                "12",
                "1380013800",
                "138001380001",
                "12800138000",
                "call me maybe",
                "010-123456",
                "10-12345678",
                "+1 415 555 0100",
                "13800138000-12"
            })
    void what_is_not_a_mainland_number_is_refused_with_a_reason(String typed) {
        assertThatThrownBy(() -> CustomerRules.PHONE.apply(typed))
                .isInstanceOf(CellRule.Refused.class)
                .isInstanceOf(KeyuanException.class)
                .satisfies(e -> assertThat(((KeyuanException) e).messageKey()).startsWith("customer.rule.phone"));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "12345|customer.rule.phone-mobile",
                "1380013800|customer.rule.phone-mobile",
                "call me|customer.rule.phone"
            })
    void a_number_that_starts_like_a_mobile_is_told_how_many_digits_a_mobile_has(String typed, String key) {
        assertThatThrownBy(() -> CustomerRules.phone(typed))
                .satisfies(e -> assertThat(((KeyuanException) e).messageKey()).isEqualTo(key));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                " zhang@example.com |zhang@example.com",
                "Zhang.San@Example.COM|Zhang.San@example.com",
                "li＠example.com|li@example.com",
                "a+tag@mail.example.cn|a+tag@mail.example.cn",
                "wang@例子.中国|wang@例子.中国"
            })
    void good_addresses_are_kept_in_their_normal_form(String typed, String normal) {
        assertThat(CustomerRules.email(typed)).isEqualTo(normal);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "not-an-email|customer.rule.email-no-at",
                "a@|customer.rule.email-no-at",
                "a@b@c.com|customer.rule.email-name",
                "a b@example.com|customer.rule.email-name",
                "a..b@example.com|customer.rule.email-name",
                "zhang@example|customer.rule.email-domain",
                "zhang@-example.com|customer.rule.email-domain",
                "zhang@example..com|customer.rule.email-domain"
            })
    void bad_addresses_are_refused_saying_which_part_is_wrong(String typed, String key) {
        assertThatThrownBy(() -> CustomerRules.email(typed))
                .satisfies(e -> assertThat(((KeyuanException) e).messageKey()).isEqualTo(key));
    }

    @org.junit.jupiter.api.Test
    void every_address_the_rule_accepts_passes_the_entity_constraint_too() {
        var validator =
                jakarta.validation.Validation.buildDefaultValidatorFactory().getValidator();
        for (String typed : new String[] {"zhang@example.com", "a+tag@mail.example.cn", "wang@例子.中国", "o'brien@x.ie"}) {
            io.keyuan.customer.domain.Customer c = new io.keyuan.customer.domain.Customer();
            c.setEmail(CustomerRules.email(typed));
            assertThat(validator.validateProperty(c, "email")).as(typed).isEmpty();
        }
    }
}
