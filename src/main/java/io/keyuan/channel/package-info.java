/** Source channels (客户来源): category, acquisition method, active flag and monthly costs. */
package io.keyuan.channel;
