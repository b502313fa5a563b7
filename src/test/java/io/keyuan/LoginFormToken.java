package io.keyuan;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The CSRF token a login page carries for its form (the meta tags Vaadin writes and the login component sends),
 * for tests that sign in over plain HTTP as a browser would.
 */
public final class LoginFormToken {
    private static final Pattern PARAMETER = Pattern.compile("<meta name=\"_csrf_parameter\" content=\"([^\"]+)\"");
    private static final Pattern TOKEN = Pattern.compile("<meta name=\"_csrf\" content=\"([^\"]+)\"");

    private LoginFormToken() {}

    /** {@code &_csrf=…} to append to the form's body, from the HTML of the login page fetched in the same session. */
    public static String field(String loginPageHtml) {
        Matcher parameter = PARAMETER.matcher(loginPageHtml);
        Matcher token = TOKEN.matcher(loginPageHtml);
        if (!parameter.find() || !token.find()) {
            throw new AssertionError("the login page carries no CSRF token for its form");
        }
        return "&" + parameter.group(1) + "=" + URLEncoder.encode(token.group(1), StandardCharsets.UTF_8);
    }
}
