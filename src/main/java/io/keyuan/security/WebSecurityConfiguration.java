package io.keyuan.security;

import static com.vaadin.flow.spring.security.VaadinSecurityConfigurer.vaadin;

import io.keyuan.security.domain.AppUserRepository;
import io.keyuan.security.ui.LoginView;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.context.SecurityContextHolderFilter;

/** Login page, sessions, CSRF and view access for the portal; absent in command-line mode. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableWebSecurity
class WebSecurityConfiguration {

    @Bean
    SecurityFilterChain securityFilterChain(HttpSecurity http, AppUserRepository users) throws Exception {
        http.headers(h -> h.contentTypeOptions(c -> {}).frameOptions(f -> f.sameOrigin()));
        // The portal's own stylesheet must load on the login page too; chart scripts are public static files.
        http.authorizeHttpRequests(a -> a.requestMatchers("/styles/**", "/scripts/**", "/webjars/echarts/**")
                .permitAll());
        // A session whose account an administrator changed since sign-in ends before anything else is done.
        http.addFilterAfter(new StaleSessionFilter(users), SecurityContextHolderFilter.class);
        // Vaadin denies every address that is no route (a bare 403 for a mistyped link): a signed-in user gets the
        // portal's not-found page inside its frame instead, anyone else the login page.
        return http.with(
                        vaadin(),
                        v -> v.loginView(LoginView.class)
                                .anyRequest(AuthorizeHttpRequestsConfigurer.AuthorizedUrl::authenticated))
                .build();
    }
}
