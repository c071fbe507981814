package io.ordertriage.samples;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The committed samples are exactly what {@link GenerateSamples} writes. */
class SamplesAreUpToDateTest {
    @Test
    void committedSamplesMatchTheGenerator() throws IOException {
        GenerateSamples g = new GenerateSamples();
        String prices = g.prices();
        String orders = g.orders();
        if (Boolean.getBoolean("samples.regenerate")) {
            Files.writeString(Path.of("prices.csv"), prices, StandardCharsets.UTF_8);
            Files.writeString(Path.of("orders.csv"), orders, StandardCharsets.UTF_8);
            Files.writeString(Path.of("delivery-terms.csv"), GenerateSamples.deliveryTerms(), StandardCharsets.UTF_8);
            Files.writeString(Path.of("acks.csv"), GenerateSamples.acknowledgements(), StandardCharsets.UTF_8);
        }
        assertThat(Files.readString(Path.of("delivery-terms.csv"))).as("samples/delivery-terms.csv; regenerate with "
                + "mvn -pl samples test -Dsamples.regenerate=true").isEqualTo(GenerateSamples.deliveryTerms());
        assertThat(Files.readString(Path.of("acks.csv"))).as("samples/acks.csv; regenerate with "
                + "mvn -pl samples test -Dsamples.regenerate=true").isEqualTo(GenerateSamples.acknowledgements());
        assertThat(Files.readString(Path.of("prices.csv"))).as("samples/prices.csv; regenerate with "
                + "mvn -pl samples test -Dsamples.regenerate=true").isEqualTo(prices);
        assertThat(Files.readString(Path.of("orders.csv"))).as("samples/orders.csv; regenerate with "
                + "mvn -pl samples test -Dsamples.regenerate=true").isEqualTo(orders);
    }
}
