package io.keyuan.pricing.engine;

import java.math.BigDecimal;

/**
 * A bundle the lines complete: sets = how many whole sets; regularPrice = the sets' items at their line unit
 * prices; bundlePrice = what the sets cost as a bundle; discount = regularPrice - bundlePrice (never negative: a
 * bundle dearer than its lines is not applied).
 */
public record BundleMatch(
        BundleSpec bundle, int sets, BigDecimal regularPrice, BigDecimal bundlePrice, BigDecimal discount) {}
