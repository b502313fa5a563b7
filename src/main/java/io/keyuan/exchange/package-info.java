/**
 * The Excel engine: sheet schemas that feature modules contribute, and streaming workbook writing (and, next,
 * reading and import jobs). It knows no feature; features depend on it, never the reverse.
 */
package io.keyuan.exchange;
