/** Insight (数据洞察): reports and dashboards over the other modules' query APIs, with monthly rollups of its own. */
package io.keyuan.insight;
