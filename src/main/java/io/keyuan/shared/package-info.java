/** Shared kernel: the audited base entity, roles, business exceptions, i18n helpers and the main layout. */
@org.springframework.modulith.ApplicationModule(type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package io.keyuan.shared;
