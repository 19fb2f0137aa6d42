package discord

import (
	"io"
	"net/http"
)

// HealthRoutes adds the probes to mux, as both of okbot's listeners serve
// them (the interactions endpoint and the admin listener):
//
//	GET /healthz  200 "ok" while the process is alive
//	GET /readyz   200 "ready" while ready() holds, else 503 with notReady
//
// Both answer in plain text, each line ended with a newline.
func HealthRoutes(mux *http.ServeMux, ready func() bool, notReady string) {
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, _ *http.Request) {
		writeText(w, http.StatusOK, "ok\n")
	})
	mux.HandleFunc("GET /readyz", func(w http.ResponseWriter, _ *http.Request) {
		if !ready() {
			writeText(w, http.StatusServiceUnavailable, notReady+"\n")
			return
		}
		writeText(w, http.StatusOK, "ready\n")
	})
}

func writeText(w http.ResponseWriter, status int, body string) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.WriteHeader(status)
	io.WriteString(w, body)
}
