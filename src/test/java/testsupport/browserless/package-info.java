/**
 * Wiring of Vaadin's browserless tests to the Spring context. It lives outside {@code io.keyuan} on purpose: Vaadin
 * scans the application's packages for lookup initializers, and the real servlet of the browser journey must not
 * find this test one.
 */
package testsupport.browserless;
