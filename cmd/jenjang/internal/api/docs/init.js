// Starts Swagger UI on the server's own OpenAPI document. Everything is served by the server itself: /docs works
// without internet access.
window.addEventListener("load", function () {
  window.ui = SwaggerUIBundle({
    url: "openapi.json",
    dom_id: "#swagger-ui",
    deepLinking: true,
    docExpansion: "list",
    tryItOutEnabled: false,
  });
});
