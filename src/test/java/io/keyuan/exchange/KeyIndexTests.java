package io.keyuan.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class KeyIndexTests {
    @Test
    void remembers_the_first_row_of_each_key_across_growth() {
        KeyIndex index = new KeyIndex();
        for (int i = 1; i <= 200_000; i++) {
            assertThat(index.putIfAbsent("code:C" + i, i + 1)).isZero();
        }
        assertThat(index.size()).isEqualTo(200_000);
        assertThat(index.putIfAbsent("code:C77", 999_999)).isEqualTo(78);
        assertThat(index.firstRow("code:C200000")).isEqualTo(200_001);
        assertThat(index.firstRow("code:C200001")).isZero();
        assertThat(index.firstRow("phone:C77")).isZero();
    }
}
