package io.ordertriage.cli.io;

import io.ordertriage.model.Order;

import java.util.List;

/**
 * A canonical order with where it came from.
 *
 * @param order    the order
 * @param rowLines the first physical line of each input row of the order, in input order
 * @param lines    the same, compressed for messages ({@code 12-14, 20})
 * @param lineRows for each of the order's lines, the physical line of the row it came from
 */
public record SourceOrder(Order order, List<Integer> rowLines, String lines, List<Integer> lineRows) {
}
