package api

import (
	"embed"
	"io/fs"
	"net/http"
)

// docsFiles is the offline docs UI: our index.html and init.js, and a vendored Swagger UI (see docs/README.md).
//
//go:embed docs/index.html docs/init.js docs/swagger-ui
var docsFiles embed.FS

// docsCSP allows the docs page to load only what the server itself serves.
const docsCSP = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
	"font-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"

// docsPage serves /docs.
func docsPage() http.Handler {
	page, err := docsFiles.ReadFile("docs/index.html")
	if err != nil {
		panic(err) // embedded at build time
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Header().Set("Content-Security-Policy", docsCSP)
		w.Header().Set("X-Content-Type-Options", "nosniff")
		w.Write(page)
	})
}

// docsAssets serves /docs/… (Swagger UI and init.js).
func docsAssets() http.Handler {
	sub, err := fs.Sub(docsFiles, "docs")
	if err != nil {
		panic(err) // embedded at build time
	}
	files := http.StripPrefix("/docs/", http.FileServerFS(sub))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/docs/" || r.URL.Path == "/docs/index.html" { // the page's relative links assume /docs
			http.Redirect(w, r, "/docs", http.StatusMovedPermanently)
			return
		}
		w.Header().Set("Cache-Control", "public, max-age=3600")
		w.Header().Set("X-Content-Type-Options", "nosniff")
		files.ServeHTTP(w, r)
	})
}
