package io.keyuan.shared.ui;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Refuses Vaadin protocol requests no Vaadin client sends — a UI id that is no number, a UIDL message that is not a
 * JSON object — with 400 and one log line. Vaadin itself would log each at ERROR with a stack trace of a hundred
 * lines (or two), which buries real errors under a scanner's noise. Well-formed messages with wrong content are
 * {@link ClientErrorHandler}'s.
 */
class MalformedRequestFilter extends OncePerRequestFilter {
    private static final Logger log = LoggerFactory.getLogger(MalformedRequestFilter.class);
    /** Far above any UIDL message a page sends; uploads are not UIDL. */
    static final int MAX_UIDL_BYTES = 4 * 1024 * 1024;

    private final JsonMapper json = JsonMapper.builder().build();

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return request.getParameter("v-r") == null;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String uiId = request.getParameter("v-uiId");
        if (uiId != null && !uiId.matches("\\d{1,9}")) {
            refuse(request, response, "a UI id that is no number");
            return;
        }
        if ("uidl".equals(request.getParameter("v-r")) && "POST".equals(request.getMethod())) {
            byte[] body = request.getInputStream().readNBytes(MAX_UIDL_BYTES + 1);
            if (body.length > MAX_UIDL_BYTES) {
                refuse(request, response, "a UIDL message over " + MAX_UIDL_BYTES + " bytes");
                return;
            }
            if (!isJsonObject(body)) {
                refuse(request, response, "a UIDL message that is not a JSON object");
                return;
            }
            chain.doFilter(new ReadAgain(request, body), response);
            return;
        }
        chain.doFilter(request, response);
    }

    private boolean isJsonObject(byte[] body) {
        try {
            JsonNode node = json.readTree(body);
            return node != null && node.isObject();
        } catch (JacksonException e) {
            return false;
        }
    }

    private static void refuse(HttpServletRequest request, HttpServletResponse response, String what)
            throws IOException {
        log.warn("Refused a malformed Vaadin request from {}: {}", request.getRemoteAddr(), what);
        response.sendError(HttpServletResponse.SC_BAD_REQUEST);
    }

    /** The request with its body read once here and once more by Vaadin. */
    private static final class ReadAgain extends HttpServletRequestWrapper {
        private final byte[] body;

        ReadAgain(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() throws IOException {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    return in.read(b, off, len);
                }

                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("a UIDL message is read blocking");
                }
            };
        }

        @Override
        public java.io.BufferedReader getReader() {
            return new java.io.BufferedReader(
                    new java.io.InputStreamReader(getInputStream(), java.nio.charset.StandardCharsets.UTF_8));
        }
    }
}
