/** Pricing (差异化定价): the catalogue, price tiers that follow segments, price rules, bundles, the quote engine and quotes. */
package io.keyuan.pricing;
