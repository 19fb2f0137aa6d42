package pages

import (
	"net/http"
	"strconv"
	"strings"
)

// Register adds the pages to mux: GET / (exactly: "/{$}", so that any
// other path stays 404 and any other method on a registered path, such as
// GET /interactions, keeps its 405), GET /privacy and GET /terms. HEAD
// is answered too, as for every GET pattern.
func (s *Site) Register(mux *http.ServeMux) {
	for _, r := range routes {
		mux.Handle(r.pattern, s.handler(r.page))
	}
}

// routes are the pages' ServeMux patterns.
var routes = []struct {
	pattern string
	page    Page
}{{"GET /{$}", Home}, {"GET /privacy", Privacy}, {"GET /terms", Terms}}

// Patterns are the ServeMux patterns Register adds, for a server that
// routes them to a Site it makes only when one is first asked for.
func Patterns() []string {
	out := make([]string, len(routes))
	for i, r := range routes {
		out[i] = r.pattern
	}
	return out
}

// contentSecurityPolicy allows the page's own inline style and nothing
// else: no script, no frames, no forms, no outside resources.
const contentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"

func (s *Site) handler(page Page) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		lang := Negotiate(r.URL.Query().Get("lang"), r.Header.Get("Accept-Language"))
		body := s.served[key{page, lang}]
		h := w.Header()
		h.Set("Content-Type", "text/html; charset=utf-8")
		h.Set("Content-Language", string(lang))
		h.Set("Vary", "Accept-Language")
		h.Set("Content-Security-Policy", contentSecurityPolicy)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "no-referrer")
		h.Set("Cache-Control", "public, max-age=300")
		h.Set("Content-Length", strconv.Itoa(len(body)))
		w.WriteHeader(http.StatusOK)
		if r.Method != http.MethodHead {
			w.Write(body)
		}
	})
}

// Negotiate picks the pages' language: the lang query parameter when it
// names one ("en" or "ko"), else the Accept-Language entry with the
// highest weight that is English or Korean (any region; the first of
// equal weights), else English. "*" counts as English.
func Negotiate(query, acceptLanguage string) Lang {
	for _, l := range Langs {
		if query == string(l) {
			return l
		}
	}
	best, bestQ := English, -1.0
	for _, entry := range strings.Split(acceptLanguage, ",") {
		tag, params, _ := strings.Cut(strings.TrimSpace(entry), ";")
		primary, _, _ := strings.Cut(strings.ToLower(strings.TrimSpace(tag)), "-")
		var lang Lang
		switch primary {
		case "ko":
			lang = Korean
		case "en", "*":
			lang = English
		default:
			continue
		}
		q := 1.0
		if v, ok := strings.CutPrefix(strings.TrimSpace(params), "q="); ok {
			f, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
			if err != nil || f < 0 || f > 1 {
				continue
			}
			q = f
		}
		if q > 0 && q > bestQ {
			best, bestQ = lang, q
		}
	}
	return best
}
