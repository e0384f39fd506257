package io.latent4j.spark;

import org.apache.spark.api.java.JavaRDD;

import java.util.OptionalLong;

/**
 * Images to encode, spread over partitions.
 *
 * @param rows      the images with their ids (and labels)
 * @param hasLabels whether the output gets a {@code label} column
 * @param size      the number of rows, when the input format states it up front
 */
public record ImageInput(JavaRDD<ImageRow> rows, boolean hasLabels, OptionalLong size) {
}
