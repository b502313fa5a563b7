/** Customer segmentation (客户细分): rules over a whitelisted field catalogue, compiled to SQL and to predicates. */
package io.keyuan.segmentation;
