package discord

import (
	"net/http"
	"net/http/httptest"
	"testing"
)

// Both listeners answer the probes with these bytes (each its own
// not-ready word): load
// balancers, `okbot healthcheck` and people read them.
func TestHealthRoutes(t *testing.T) {
	for _, tc := range []struct {
		path   string
		ready  bool
		status int
		body   string
	}{
		{"/healthz", true, http.StatusOK, "ok\n"},
		{"/healthz", false, http.StatusOK, "ok\n"},
		{"/readyz", true, http.StatusOK, "ready\n"},
		{"/readyz", false, http.StatusServiceUnavailable, "not ready\n"},
	} {
		mux := http.NewServeMux()
		HealthRoutes(mux, func() bool { return tc.ready }, "not ready")
		w := httptest.NewRecorder()
		mux.ServeHTTP(w, httptest.NewRequest(http.MethodGet, tc.path, nil))
		if ct := w.Header().Get("Content-Type"); w.Code != tc.status || w.Body.String() != tc.body || ct != "text/plain; charset=utf-8" {
			t.Errorf("GET %s (ready %v) = %d %q %q, want %d %q text/plain; charset=utf-8", tc.path, tc.ready, w.Code, ct, w.Body.String(), tc.status, tc.body)
		}
	}
}
