package io.keyuan.security;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

/** Method security and password hashing: on in every mode, the command line included. */
@Configuration(proxyBeanMethods = false)
// Only @PreAuthorize on services: with JSR-250 on, the views' @RolesAllowed (read by Vaadin's navigation
// access control) would also wrap every view in a security proxy.
@EnableMethodSecurity
@EnableConfigurationProperties(SecurityProperties.class)
class SecurityConfiguration {

    @Bean
    PasswordEncoder passwordEncoder() {
        return new BCryptPasswordEncoder();
    }

    /** The only authentication provider: Boot's global AuthenticationManager (and the login form) use it. */
    @Bean
    AuthenticationProvider keyuanAuthenticationProvider(
            AccountUserDetailsService users, PasswordEncoder encoder, LoginThrottle throttle) {
        return new ThrottledAuthenticationProvider(users, encoder, throttle);
    }
}
