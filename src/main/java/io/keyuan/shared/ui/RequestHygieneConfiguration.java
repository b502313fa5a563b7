package io.keyuan.shared.ui;

import com.vaadin.flow.server.VaadinServiceInitListener;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** Malformed requests are refused with one log line each, not a stack trace (see the two classes it wires). */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class RequestHygieneConfiguration {

    @Bean
    FilterRegistrationBean<MalformedRequestFilter> malformedRequestFilter() {
        FilterRegistrationBean<MalformedRequestFilter> registration =
                new FilterRegistrationBean<>(new MalformedRequestFilter());
        registration.addUrlPatterns("/*");
        // before Spring Security: nothing reads or stores anything for a request refused here
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }

    @Bean
    VaadinServiceInitListener clientErrorHandlerInstaller() {
        return event -> event.getSource()
                .addSessionInitListener(init -> init.getSession().setErrorHandler(new ClientErrorHandler()));
    }
}
