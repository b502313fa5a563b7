package testsupport.browserless;

import com.vaadin.browserless.internal.MockRequestCustomizer;
import com.vaadin.browserless.internal.MockVaadin;
import com.vaadin.browserless.internal.Routes;
import com.vaadin.browserless.internal.UIFactory;
import com.vaadin.browserless.mocks.MockInstantiator;
import com.vaadin.browserless.mocks.MockRequest;
import com.vaadin.browserless.mocks.MockVaadinHelper;
import com.vaadin.browserless.mocks.MockedUI;
import com.vaadin.flow.di.Instantiator;
import com.vaadin.flow.function.DeploymentConfiguration;
import com.vaadin.flow.function.VaadinApplicationInitializationBootstrap;
import com.vaadin.flow.server.ServiceException;
import com.vaadin.flow.server.VaadinContext;
import com.vaadin.flow.server.VaadinRequest;
import com.vaadin.flow.server.VaadinService;
import com.vaadin.flow.server.VaadinServletContext;
import com.vaadin.flow.server.VaadinServletService;
import com.vaadin.flow.server.VaadinSession;
import com.vaadin.flow.spring.SpringLookupInitializer;
import com.vaadin.flow.spring.SpringServlet;
import com.vaadin.flow.spring.SpringVaadinServletService;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.security.web.servletapi.SecurityContextHolderAwareRequestWrapper;
import org.springframework.web.context.WebApplicationContext;

/**
 * Runs Vaadin's browserless mock environment on top of the test's Spring application context, so that views are
 * Spring beans (constructor injection, method security on the services they call) and the router's access
 * control sees the Spring Security context of the test.
 *
 * <p>Why this exists: the Vaadin BOM manages {@code com.vaadin:browserless-test-spring}, which ships the same
 * wiring as {@code SpringBrowserlessTest}, but the project depends only on {@code browserless-test-junit6}. This
 * class does what that module does, with the public pieces of {@code browserless-test-shared}: a {@link SpringServlet}
 * whose service is mocked, a lookup that answers from the Spring context, and a request that takes its principal
 * and roles from {@code SecurityContextHolder} at the moment Vaadin asks.
 */
public final class BrowserlessSpringEnvironment {
    private static volatile ApplicationContext current;

    private BrowserlessSpringEnvironment() {}

    /** Sets up a fresh Vaadin session and UI backed by {@code context}; the UI opens the root route. */
    public static void start(ApplicationContext context, Routes routes) {
        if (!(context instanceof WebApplicationContext)) {
            throw new IllegalStateException("The browserless view tests need a web application context "
                    + "(@SpringBootTest with webEnvironment MOCK), got "
                    + context.getClass().getName());
        }
        current = context;
        UIFactory uiFactory = MockedUI::new;
        MockVaadin.setup(
                uiFactory,
                new TestServlet(routes, context, uiFactory),
                Set.of(TestLookupInitializer.class, SpringSecurityRequest.class));
    }

    /** Lets the mock requests see the Spring Security context: Vaadin looks the customizer up in the Spring context. */
    @TestConfiguration(proxyBeanMethods = false)
    public static class Beans {
        @Bean
        MockRequestCustomizer springSecurityRequestCustomizer() {
            return new SpringSecurityRequest();
        }
    }

    /** A SpringServlet whose service needs no Atmosphere, no frontend bundle and no real HTTP. */
    static final class TestServlet extends SpringServlet {
        private final transient Routes routes;
        private final transient ApplicationContext context;
        private final UIFactory uiFactory;

        TestServlet(Routes routes, ApplicationContext context, UIFactory uiFactory) {
            super(context, false);
            this.routes = routes;
            this.context = context;
            this.uiFactory = uiFactory;
        }

        @Override
        protected DeploymentConfiguration createDeploymentConfiguration() throws ServletException {
            MockVaadinHelper.mockFlowBuildInfo(this);
            return super.createDeploymentConfiguration();
        }

        @Override
        protected VaadinServletService createServletService(DeploymentConfiguration configuration)
                throws ServiceException {
            VaadinServletService service = new TestService(this, configuration, context, uiFactory);
            service.init();
            routes.register(service.getContext());
            return service;
        }
    }

    static final class TestService extends SpringVaadinServletService {
        private final UIFactory uiFactory;

        TestService(
                TestServlet servlet,
                DeploymentConfiguration configuration,
                ApplicationContext context,
                UIFactory uiFactory) {
            super(servlet, configuration, context);
            this.uiFactory = uiFactory;
        }

        @Override
        protected boolean isAtmosphereAvailable() {
            return false;
        }

        @Override
        public String getMainDivId(VaadinSession session, VaadinRequest request) {
            return "ROOT-1";
        }

        @Override
        protected VaadinSession createVaadinSession(VaadinRequest request) {
            return new TestSession(this, uiFactory);
        }

        @Override
        public Instantiator getInstantiator() {
            return MockInstantiator.create(super.getInstantiator());
        }
    }

    /** Closing the session (logout) leaves a fresh one behind, as a browser would get after reloading. */
    static final class TestSession extends VaadinSession {
        private final UIFactory uiFactory;

        TestSession(VaadinService service, UIFactory uiFactory) {
            super(service);
            this.uiFactory = uiFactory;
        }

        @Override
        public void close() {
            super.close();
            MockVaadin.afterSessionClose(this, uiFactory);
        }
    }

    /** Vaadin's Spring lookup, given the test's application context as the web application context. */
    public static final class TestLookupInitializer extends SpringLookupInitializer {
        @Override
        public void initialize(
                VaadinContext context,
                Map<Class<?>, Collection<Class<?>>> services,
                VaadinApplicationInitializationBootstrap bootstrap)
                throws ServletException {
            ServletContext servletContext = ((VaadinServletContext) context).getContext();
            if (servletContext.getAttribute(WebApplicationContext.ROOT_WEB_APPLICATION_CONTEXT_ATTRIBUTE) == null) {
                servletContext.setAttribute(WebApplicationContext.ROOT_WEB_APPLICATION_CONTEXT_ATTRIBUTE, current);
            }
            super.initialize(context, services, bootstrap);
        }
    }

    /**
     * Gives every mock request the principal and roles of the Spring Security context, read when Vaadin asks (so a
     * context set by {@code @WithMockUser} or changed during the test is seen), exactly as Spring Security's
     * servlet API integration does for real requests.
     */
    public static final class SpringSecurityRequest implements MockRequestCustomizer {
        @Override
        public void apply(MockRequest request) {
            SecurityContextHolderAwareRequestWrapper wrapper =
                    new SecurityContextHolderAwareRequestWrapper(request, "ROLE_");
            request.principalProvider(wrapper::getUserPrincipal);
            request.roleChecker((principal, role) -> wrapper.isUserInRole(role));
        }
    }
}
