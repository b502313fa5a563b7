package io.keyuan;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.EvaluationResult;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import jakarta.annotation.security.RolesAllowed;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

/** The house rules of DESIGN.md that the compiler does not check. */
class ArchitectureTests {

    /** Classes outside ui packages that may use Vaadin, each for a stated reason. */
    private static final Set<String> VAADIN_OUTSIDE_UI = Set.of(
            // implements Vaadin's I18NProvider
            "io.keyuan.shared.i18n..",
            // MainLayout, app shell and UI helpers shared by every module's views
            "io.keyuan.shared.ui..");

    private static final Set<String> VAADIN_OUTSIDE_UI_CLASSES = Set.of(
            // plugs Vaadin into Spring Security with VaadinSecurityConfigurer
            "io.keyuan.security.WebSecurityConfiguration");

    /**
     * Public service methods that carry no role on purpose: each is called before anyone is signed in, or checks
     * the caller itself.
     */
    private static final Set<String> UNSECURED_SERVICE_METHODS = Set.of(
            // scheduled; runs its work as SystemActor
            "io.keyuan.customer.CustomerMetricsService.nightlyRefresh",
            // Spring Security's login calls it before there is an authenticated user
            "io.keyuan.security.AccountUserDetailsService.loadUserByUsername",
            // the caller may only read and change their own language; checked inside
            "io.keyuan.security.UserLocalePreferences.load",
            "io.keyuan.security.UserLocalePreferences.store",
            // startup and the command line: creates the first administrator only while there is no user at all
            "io.keyuan.security.AdminBootstrap.ensureAdmin",
            // the public survey answer page: anyone holding a link, whose token is the credential; rate-limited
            "io.keyuan.survey.PublicAnswerService.open",
            "io.keyuan.survey.PublicAnswerService.submit");

    /** Beans views reach that hold no records: Vaadin's translations. */
    private static final Set<String> RECORDLESS_BEANS = Set.of("io.keyuan.shared.i18n.KeyuanI18NProvider");

    /**
     * Public methods of beans that views or the command line reach, which need no role: each describes a sheet or a
     * record type, or runs after work that was checked already, and touches no record.
     */
    private static final Set<String> DESCRIPTIVE_METHODS = Set.of(
            // what a sheet looks like and who may import it: the engine asks before anyone is checked
            "schema",
            "requiredRole",
            "titleKey",
            "naturalKey",
            // the i18n key of a count of another module's records
            "countKey",
            // what a kind of job is and who may see it: read by the job runner before it runs anything
            "kind",
            "sharedWithRole",
            "retryable",
            "oneAtATime",
            "busyMessageKey",
            // caches refreshed after an import or undo that was checked
            "afterCommit",
            // the fields a module adds to the segment catalogue: constants, no records
            "fields");

    /** The extension points the engines call on a view's or the command line's behalf. */
    private static final Set<String> EXTENSION_POINTS = Set.of(
            "io.keyuan.exchange.SheetImporter",
            "io.keyuan.exchange.SheetExporter",
            "io.keyuan.customer.CustomerReferences",
            "io.keyuan.segmentation.SegmentFieldProvider",
            "io.keyuan.shared.jobs.JobHandler");

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
                .importPackages("io.keyuan");
    }

    @Test
    void vaadin_is_used_only_in_ui_packages_and_the_listed_exceptions() {
        ArchRule rule = noClasses()
                .that()
                .resideOutsideOfPackages(withUi(VAADIN_OUTSIDE_UI))
                .and(describe(
                        "are not " + VAADIN_OUTSIDE_UI_CLASSES,
                        (JavaClass c) ->
                                !VAADIN_OUTSIDE_UI_CLASSES.contains(outermost(c).getName())))
                .should()
                .dependOnClassesThat()
                .resideInAPackage("com.vaadin..")
                .because("Vaadin belongs to the views; services and domain must work without a UI");
        rule.check(classes);
    }

    @Test
    void views_do_not_touch_repositories_entity_manager_jdbc_or_poi() {
        DescribedPredicate<JavaClass> dataAccess = describe(
                "are repositories, the EntityManager, Spring JDBC or POI",
                (JavaClass c) -> (c.getPackageName().contains(".domain")
                                && c.getSimpleName().endsWith("Repository"))
                        || c.getName().equals("jakarta.persistence.EntityManager")
                        || c.getPackageName().startsWith("org.springframework.jdbc")
                        || c.getPackageName().startsWith("org.apache.poi"));
        noClasses()
                .that()
                .resideInAPackage("..ui..")
                .should()
                .dependOnClassesThat(dataAccess)
                .because("views call services, never repositories, EntityManager or POI (DESIGN.md)")
                .check(classes);
    }

    @Test
    void segmentation_knows_no_module_that_provides_segment_fields() {
        noClasses()
                .that()
                .resideInAPackage("io.keyuan.segmentation..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("io.keyuan.pipeline..", "io.keyuan.survey..")
                .because("those modules provide their fields through SegmentFieldProvider (DESIGN.md)")
                .check(classes);
    }

    @Test
    void services_do_not_depend_on_views() {
        noClasses()
                .that()
                .areAnnotatedWith(Service.class)
                .and()
                .resideInAPackage("io.keyuan.*")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("..ui..")
                .check(classes);
    }

    @Test
    void poi_is_used_only_by_the_exchange_module() {
        noClasses()
                .that()
                .resideOutsideOfPackage("io.keyuan.exchange..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("org.apache.poi..")
                .because("the Excel engine is the exchange module's business")
                .allowEmptyShould(true)
                .check(classes);
    }

    @Test
    void every_public_service_method_checks_the_callers_role() {
        classes()
                .that()
                .areAnnotatedWith(Service.class)
                .should(haveEveryPublicMethodSecured())
                .because("a staff member calling a manager's service is refused there, not only hidden in the menu")
                .check(classes);
    }

    /**
     * Not only services: every Spring bean a view or a command-line command uses directly, and every implementation
     * of an extension point an engine calls on their behalf (importers, exporters), must check the caller's role on
     * each public method — a check that a path around the service (the import engine, a CLI command) can bypass is no
     * check.
     */
    @Test
    void every_bean_a_view_or_the_command_line_reaches_checks_the_callers_role_on_every_public_method() {
        Set<JavaClass> reached = new java.util.TreeSet<>(java.util.Comparator.comparing(JavaClass::getName));
        for (JavaClass caller : classes) {
            boolean view = caller.getPackageName().contains(".ui");
            boolean cli = caller.getPackageName().startsWith("io.keyuan.cli");
            if (!view && !cli) {
                continue;
            }
            caller.getDirectDependenciesFromSelf().forEach(d -> {
                JavaClass target = d.getTargetClass();
                if (target.getPackageName().startsWith("io.keyuan")
                        && !target.getPackageName().contains(".ui")
                        && !target.getPackageName().startsWith("io.keyuan.cli")
                        && isBean(target)
                        && !RECORDLESS_BEANS.contains(target.getName())) {
                    reached.add(target);
                }
            });
        }
        for (JavaClass c : classes) {
            if (isBean(c) && c.getAllRawInterfaces().stream().anyMatch(i -> EXTENSION_POINTS.contains(i.getName()))) {
                reached.add(c);
            }
        }
        java.util.List<String> violations = new java.util.ArrayList<>();
        int[] methods = {0};
        for (JavaClass bean : reached) {
            boolean classSecured = bean.isAnnotatedWith(RolesAllowed.class) || bean.isAnnotatedWith(PreAuthorize.class);
            for (JavaMethod m : publicMethods(bean)) {
                if (DESCRIPTIVE_METHODS.contains(m.getName())
                        || UNSECURED_SERVICE_METHODS.contains(bean.getName() + "." + m.getName())) {
                    continue;
                }
                methods[0]++;
                if (!classSecured && !m.isAnnotatedWith(PreAuthorize.class) && !m.isAnnotatedWith(RolesAllowed.class)) {
                    violations.add(bean.getName() + "." + m.getName() + " (declared in "
                            + m.getOwner().getSimpleName() + ")");
                }
            }
        }
        System.out.printf(
                "Role rule reach: %d beans that views, the command line or the engines reach, %d public methods checked%n",
                reached.size(), methods[0]);
        assertThat(reached)
                .extracting(JavaClass::getSimpleName)
                .contains("ImportService", "CustomerImporter", "ChannelImporter", "SegmentRuleImporter");
        assertThat(violations).as("public methods without a role check").isEmpty();
    }

    private static boolean isBean(JavaClass c) {
        return !c.isInterface()
                && !c.getModifiers().contains(JavaModifier.ABSTRACT)
                && (c.isAnnotatedWith(org.springframework.stereotype.Component.class)
                        || c.isMetaAnnotatedWith(org.springframework.stereotype.Component.class))
                && !c.isAnnotatedWith(org.springframework.context.annotation.Configuration.class);
    }

    /** The public instance methods a caller can invoke on the bean, its own and those inherited from Keyuan classes. */
    private static java.util.List<JavaMethod> publicMethods(JavaClass bean) {
        java.util.Map<String, JavaMethod> bySignature = new java.util.LinkedHashMap<>();
        for (JavaClass c = bean; c != null && c.getPackageName().startsWith("io.keyuan"); ) {
            for (JavaMethod m : c.getMethods()) {
                if (m.getModifiers().contains(JavaModifier.PUBLIC)
                        && !m.getModifiers().contains(JavaModifier.STATIC)
                        && !m.getModifiers().contains(JavaModifier.SYNTHETIC)
                        && !m.getModifiers().contains(JavaModifier.BRIDGE)) {
                    bySignature.putIfAbsent(
                            m.getName()
                                    + m.getRawParameterTypes().stream()
                                            .map(JavaClass::getName)
                                            .toList(),
                            m);
                }
            }
            c = c.getRawSuperclass().orElse(null);
        }
        return new java.util.ArrayList<>(bySignature.values());
    }

    @Test
    void the_secured_method_rule_notices_an_unsecured_method() {
        JavaClasses unsecured = new ClassFileImporter().importClasses(UnsecuredService.class);
        ArchRule rule = classes().that().areAnnotatedWith(Service.class).should(haveEveryPublicMethodSecured());
        EvaluationResult result = rule.evaluate(unsecured);
        assertThat(result.hasViolation()).isTrue();
        assertThat(result.getFailureReport().getDetails())
                .anySatisfy(line -> assertThat(line).contains("open()"))
                .noneSatisfy(line -> assertThat(line).contains("guarded()"));
    }

    private static ArchCondition<JavaClass> haveEveryPublicMethodSecured() {
        return new ArchCondition<>("have @RolesAllowed or @PreAuthorize on every public method or on the class") {
            @Override
            public void check(JavaClass service, ConditionEvents events) {
                boolean classSecured = isSecured(
                        service.isAnnotatedWith(RolesAllowed.class), service.isAnnotatedWith(PreAuthorize.class));
                for (JavaMethod m : service.getMethods()) {
                    if (!m.getModifiers().contains(JavaModifier.PUBLIC)
                            || m.getModifiers().contains(JavaModifier.STATIC)
                            || m.getModifiers().contains(JavaModifier.SYNTHETIC)
                            || m.getModifiers().contains(JavaModifier.BRIDGE)) {
                        continue;
                    }
                    String name = service.getName() + "." + m.getName();
                    boolean secured = classSecured
                            || isSecured(m.isAnnotatedWith(RolesAllowed.class), m.isAnnotatedWith(PreAuthorize.class));
                    if (!secured && !UNSECURED_SERVICE_METHODS.contains(name)) {
                        events.add(SimpleConditionEvent.violated(
                                m, m.getFullName() + " has neither @RolesAllowed nor @PreAuthorize (nor its class)"));
                    }
                }
            }
        };
    }

    private static boolean isSecured(boolean rolesAllowed, boolean preAuthorize) {
        return rolesAllowed || preAuthorize;
    }

    private static JavaClass outermost(JavaClass c) {
        JavaClass current = c;
        while (current.getEnclosingClass().isPresent()) {
            current = current.getEnclosingClass().get();
        }
        return current;
    }

    private static String[] withUi(Set<String> packages) {
        return Stream.concat(Stream.of("..ui.."), packages.stream()).toArray(String[]::new);
    }

    /** Proves that the rule above can fail. */
    @Service
    static class UnsecuredService {
        @RolesAllowed("STAFF")
        public void guarded() {}

        public void open() {}
    }
}
