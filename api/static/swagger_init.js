// Starts Swagger UI on /api/docs from the page's data attributes (no inline script: see api/security_headers.py).
(function () {
  var container = document.getElementById('swagger-ui-container');
  var config = { url: container.getAttribute('data-spec-url'), dom_id: '#swagger-ui-container' };
  var extra = JSON.parse(container.getAttribute('data-config') || '{}');
  Object.keys(extra).forEach(function (name) { config[name] = extra[name]; });
  window.ui = SwaggerUIBundle(config);
})();
