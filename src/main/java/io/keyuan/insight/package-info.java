/** Reports over the other modules' data: channel performance (CAC, ROI, LTV, payback) from monthly rollups. */
package io.keyuan.insight;
