package io.keyuan.security;

import static com.vaadin.flow.spring.security.VaadinSecurityConfigurer.vaadin;

import com.vaadin.flow.spring.security.RequestUtil;
import io.keyuan.security.domain.AppUserRepository;
import io.keyuan.security.ui.LoginView;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.context.SecurityContextHolderFilter;
import org.springframework.security.web.header.HeaderWriterFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;

/** Login page, sessions, CSRF, security headers and view access for the portal; absent in command-line mode. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableWebSecurity
class WebSecurityConfiguration {
    /**
     * What Vaadin needs and nothing more: its client runs inline bootstrap code and evaluates the scripts the server
     * sends ({@code executeJs}), and its components set inline styles; everything else comes from the portal itself.
     * No other site may frame a page ({@code frame-ancestors}), and forms post only here.
     */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; "
            + "script-src 'self' 'unsafe-inline' 'unsafe-eval'; "
            + "style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data: blob:; "
            + "font-src 'self' data:; "
            + "connect-src 'self'; "
            + "object-src 'none'; "
            + "base-uri 'self'; "
            + "form-action 'self'; "
            + "frame-ancestors 'self'";

    @Bean
    SecurityFilterChain securityFilterChain(HttpSecurity http, AppUserRepository users, RequestUtil requestUtil)
            throws Exception {
        // Spring Security's defaults stay (no-store on every response it guards, HSTS on requests that came over
        // TLS, also behind a proxy with server.forward-headers-strategy); these come on top.
        http.headers(h -> h.contentTypeOptions(c -> {})
                .frameOptions(f -> f.sameOrigin())
                .contentSecurityPolicy(c -> c.policyDirectives(CONTENT_SECURITY_POLICY))
                .referrerPolicy(r -> r.policy(ReferrerPolicy.SAME_ORIGIN))
                .httpStrictTransportSecurity(s -> s.includeSubDomains(true).maxAgeInSeconds(31_536_000))
                // Written before the request goes on, not when the response commits: Vaadin serves its pages
                // (the login page too) through a response that Spring Security's commit hook never sees.
                .addObjectPostProcessor(new ObjectPostProcessor<HeaderWriterFilter>() {
                    @Override
                    public <O extends HeaderWriterFilter> O postProcess(O filter) {
                        filter.setShouldWriteHeadersEagerly(true);
                        return filter;
                    }
                }));
        // Vaadin's configurer would exempt the login form from CSRF protection, so that another site could post a
        // form that signs a visitor in as the attacker. Only Vaadin's own requests are exempt here (they carry
        // Vaadin's per-UI token instead); the login form sends Spring's token, which the page carries in a meta
        // tag that the login component reads.
        http.csrf(c -> c.ignoringRequestMatchers(requestUtil::isFrameworkInternalRequest));
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
                                .enableCsrfConfiguration(false)
                                .anyRequest(AuthorizeHttpRequestsConfigurer.AuthorizedUrl::authenticated))
                .build();
    }
}
