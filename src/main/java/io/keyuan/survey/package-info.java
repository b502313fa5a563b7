/** Satisfaction (满意度调查): surveys, campaigns to segments, the public answer page, responses, and feedback (投诉与建议). */
package io.keyuan.survey;
