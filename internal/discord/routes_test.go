package discord

import (
	"crypto/ed25519"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
)

// Routes adds handlers beside the endpoint's own without taking any of
// them over: the pages' exact "GET /{$}" must leave /interactions' 405
// for other methods, and the probes, as they were.
func TestServeConfigRoutes(t *testing.T) {
	e, err := NewEndpoint(ServeConfig{
		PublicKey: testKey.Public().(ed25519.PublicKey),
		Responder: registry(t),
		Routes: func(mux *http.ServeMux) {
			mux.HandleFunc("GET /{$}", func(w http.ResponseWriter, _ *http.Request) { io.WriteString(w, "home") })
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		method, path string
		status       int
		body         string
	}{
		{"GET", "/", 200, "home"},
		{"GET", "/healthz", 200, "ok\n"},
		{"GET", "/interactions", 405, ""},
		{"POST", "/interactions", 401, ""}, // unsigned: still the endpoint's
		{"GET", "/elsewhere", 404, ""},
	} {
		w := httptest.NewRecorder()
		e.ServeHTTP(w, httptest.NewRequest(tt.method, tt.path, nil))
		if w.Code != tt.status || (tt.body != "" && w.Body.String() != tt.body) {
			t.Errorf("%s %s = %d %q, want %d %q", tt.method, tt.path, w.Code, w.Body.String(), tt.status, tt.body)
		}
	}
}
