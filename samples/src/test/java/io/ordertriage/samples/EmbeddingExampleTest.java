package io.ordertriage.samples;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class EmbeddingExampleTest {
    @Test
    void theExampleClassifiesAndPrintsTheFindings() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        EmbeddingExample.run(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo("""
                A-1: ATTENTION P2 https://wa.me/79145841332
                  PRICE_ABOVE_CITY_REFERENCE -> ADJUST_PRICE: item MILK-1L costs 99.90, above the 94.90 reference price in Moscow: adjust the price
                A-2: ATTENTION P1
                  CANCELLED_BUT_PAID -> REFUND: order is CANCELLED but payment is PAID: refund the customer
                """);
    }
}
