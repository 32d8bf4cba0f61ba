<%--
  Answers every request with how Tomcat read it, as one JSON object (TomcatEchoedRequest.cs reads it):
  requestURI (raw, as sent, path parameters and percent-escapes included), servletPath, pathInfo, path (their
  concatenation: the decoded, normalized path Tomcat routes on), method, query, protocol, and every header with all its
  values. Strings are escaped to ASCII, so a control character or a non-ASCII one shows as \uXXXX.

  A JSP rather than a servlet class because Tomcat's Jasper compiles it with the Eclipse compiler that Debian's
  libtomcat10-java depends on: no JDK (javac) is needed, a Java runtime is enough.

  It overrides service(ServletRequest, ServletResponse) rather than writing the page body: a page body runs in
  _jspService, which Jasper guards with "JSPs only permit GET, POST or HEAD" (405 for PUT, DELETE, PATCH...), and the
  echo must answer every method. HttpJspBase makes service(HttpServletRequest, HttpServletResponse) final, not this one.
--%>
<%@ page session="false" %>
<%!
    @Override
    public void service(jakarta.servlet.ServletRequest servletRequest, jakarta.servlet.ServletResponse response)
            throws java.io.IOException {
        jakarta.servlet.http.HttpServletRequest request = (jakarta.servlet.http.HttpServletRequest) servletRequest;
        String pathInfo = request.getPathInfo();
        StringBuilder json = new StringBuilder("{");
        field(json, "method", request.getMethod()).append(',');
        field(json, "requestURI", request.getRequestURI()).append(',');
        field(json, "contextPath", request.getContextPath()).append(',');
        field(json, "servletPath", request.getServletPath()).append(',');
        field(json, "pathInfo", pathInfo).append(',');
        field(json, "path", request.getServletPath() + (pathInfo == null ? "" : pathInfo)).append(',');
        field(json, "query", request.getQueryString()).append(',');
        field(json, "protocol", request.getProtocol()).append(",\"headers\":{");
        java.util.Enumeration<String> names = request.getHeaderNames();
        for (boolean first = true; names.hasMoreElements(); first = false) {
            String name = names.nextElement();
            string(first ? json : json.append(','), name).append(":[");
            java.util.Enumeration<String> values = request.getHeaders(name);
            for (boolean firstValue = true; values.hasMoreElements(); firstValue = false) {
                string(firstValue ? json : json.append(','), values.nextElement());
            }
            json.append(']');
        }
        json.append("}}");

        byte[] body = json.toString().getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        response.setContentType("application/json");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    private static StringBuilder field(StringBuilder json, String name, String value) {
        string(json, name).append(':');
        return value == null ? json.append("null") : string(json, value);
    }

    private static StringBuilder string(StringBuilder json, String value) {
        json.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\') {
                json.append('\\').append(c);
            } else if (c < 0x20 || c > 0x7e) {
                json.append(String.format("\\u%04x", (int) c));
            } else {
                json.append(c);
            }
        }
        return json.append('"');
    }
%>
