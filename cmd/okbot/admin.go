package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"sync"
	"sync/atomic"
	"time"

	"github.com/okbot/okbot/internal/config"
	"github.com/okbot/okbot/internal/discord"
	"github.com/okbot/okbot/internal/metrics"
)

// admin is the admin listener (OKBOT_ADMIN_ADDR), in both modes:
//
//	GET  /metrics       Prometheus metrics (see package metrics)
//	GET  /healthz       200 while the process is alive
//	GET  /readyz        200 while okbot answers: facts loaded and, in
//	                    gateway mode, the gateway session live; 503 otherwise
//	POST /admin/reload  reload the facts from OKBOT_DATA (as SIGHUP does)
//
// It is off unless OKBOT_ADMIN_ADDR is set, and never on the public
// interactions port: its reload is unauthenticated.
type admin struct {
	ln  net.Listener
	srv *http.Server
	log *slog.Logger
}

// adminTimeout bounds every request and the shutdown of the admin
// listener; a reload takes well under a second.
const adminTimeout = 10 * time.Second

// listenAdmin binds the admin listener for cfg, or returns nil when
// OKBOT_ADMIN_ADDR is not set. A failed bind is a startup error naming the
// variable.
func (c *cli) listenAdmin(cfg config.Config, r *reloader, m *metrics.Metrics, ready func() bool, log *slog.Logger) (*admin, error) {
	if cfg.AdminAddr == "" {
		return nil, nil
	}
	ln, err := net.Listen("tcp", cfg.AdminAddr)
	if err != nil {
		return nil, &startupError{fmt.Errorf("listening on %s (OKBOT_ADMIN_ADDR): %w", cfg.AdminAddr, err)}
	}
	log.Info("serving the admin endpoints", "addr", ln.Addr().String(), "paths", "/metrics /healthz /readyz POST /admin/reload")
	if c.deps.adminListening != nil {
		c.deps.adminListening(ln.Addr())
	}
	mux := http.NewServeMux()
	mux.Handle("GET /metrics", m.Handler())
	discord.HealthRoutes(mux, ready, "not ready")
	mux.HandleFunc("POST /admin/reload", func(w http.ResponseWriter, _ *http.Request) {
		switch err := r.reload(); {
		case err == nil:
			writeText(w, http.StatusOK, "reloaded the facts from "+r.dir+"\n")
		case errors.Is(err, errNothingToReload):
			writeText(w, http.StatusConflict, err.Error()+"\n")
		default:
			writeText(w, http.StatusUnprocessableEntity, err.Error())
		}
	})
	return &admin{ln: ln, log: log, srv: &http.Server{
		Handler:           mux,
		ReadHeaderTimeout: adminTimeout,
		WriteTimeout:      adminTimeout,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}}, nil
}

// writeText answers a reload in plain text, as discord.HealthRoutes
// answers the probes.
func writeText(w http.ResponseWriter, status int, body string) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.WriteHeader(status)
	fmt.Fprint(w, body)
}

// serve serves the admin endpoints until stop is called; a nil admin
// (no OKBOT_ADMIN_ADDR) serves nothing.
func (a *admin) serve() (stop func()) {
	if a == nil {
		return func() {}
	}
	var wg sync.WaitGroup
	wg.Go(func() {
		if err := a.srv.Serve(a.ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			a.log.Error("admin listener failed", "err", err)
		}
	})
	return func() {
		ctx, cancel := context.WithTimeout(context.Background(), adminTimeout)
		defer cancel()
		if err := a.srv.Shutdown(ctx); err != nil {
			a.srv.Close()
		}
		wg.Wait()
	}
}

// close releases the listener of an admin that never served.
func (a *admin) close() {
	if a != nil {
		a.ln.Close()
	}
}

// gatewayObserver is the metrics, and whether the gateway session is live
// for /readyz: from READY or RESUMED until the connection is lost, okbot
// waits for session starts, or a fatal close.
type gatewayObserver struct {
	*metrics.Metrics
	live atomic.Bool
}

func (o *gatewayObserver) Gateway(ev discord.GatewayEvent) {
	// The metrics first: once /readyz says ready, they say so too.
	o.Metrics.Gateway(ev)
	o.live.Store(ev == discord.GatewayIdentified || ev == discord.GatewayResumed)
}
