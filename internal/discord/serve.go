package discord

import (
	"context"
	"crypto/ed25519"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"time"
)

// ServeConfig configures the HTTP interactions endpoint (`okbot serve`).
type ServeConfig struct {
	// Listener is where Serve accepts connections. Required by Serve; the
	// caller binds it (OKBOT_ADDR in production, 127.0.0.1:0 in tests),
	// so a bad address fails before anything starts. Serve closes it.
	Listener net.Listener
	// PublicKey is the application's Ed25519 public key
	// (DISCORD_PUBLIC_KEY) that Discord's signatures are checked with.
	// Required.
	PublicKey ed25519.PublicKey
	// Responder answers the interactions: a *commands.Registry, or
	// Answers over one when the facts may be reloaded (the endpoint then
	// keeps its cache in the Answers, cleared by every Swap). Required.
	Responder Responder
	// Observer is told about every interaction and every refused
	// signature, for metrics. Optional.
	Observer Observer
	// Logger receives one line per interaction and the server's errors.
	// Optional: nil discards them.
	Logger *slog.Logger
	// ShutdownTimeout bounds how long Serve waits for in-flight requests
	// once ctx is done. Optional: 0 means 10 s.
	ShutdownTimeout time.Duration
	// DrainDelay is how long Serve keeps serving after ctx is done, with
	// /readyz already answering 503, so that a load balancer sees the
	// replica leave before its listener closes. Optional: 0 shuts down at
	// once.
	DrainDelay time.Duration
	// Routes, when set, adds handlers to the endpoint's mux beside its
	// own: okbot's pages (pages.Site.Register). Optional.
	Routes func(*http.ServeMux)
	// Now is the clock the signature timestamps are checked against.
	// Optional: nil means time.Now.
	Now func() time.Time

	// after times DrainDelay, so that tests end the drain when they choose
	// rather than waiting for it. Nil means time.After.
	after func(time.Duration) <-chan time.Time
}

// Server timeouts. Discord gives an interaction 3 s for its answer and
// sends small bodies over kept-alive connections, so anything slower than
// these is a broken or hostile client.
const (
	readHeaderTimeout = 5 * time.Second
	readTimeout       = 10 * time.Second
	writeTimeout      = 10 * time.Second
	idleTimeout       = 2 * time.Minute
	maxHeaderBytes    = 32 << 10

	defaultShutdownTimeout = 10 * time.Second
)

// Serve runs the interactions endpoint (see Endpoint) on cfg.Listener
// until ctx is done, then shuts down gracefully: /readyz answers 503 at
// once, requests are still served for cfg.DrainDelay, then the listener
// closes and requests in flight get up to
// cfg.ShutdownTimeout to finish. It returns nil after a clean shutdown.
func Serve(ctx context.Context, cfg ServeConfig) error {
	e, err := NewEndpoint(cfg)
	if err != nil {
		if cfg.Listener != nil {
			cfg.Listener.Close()
		}
		return err
	}
	return e.Serve(ctx)
}

// Serve serves e on the configuration's Listener until ctx is done, as
// the function Serve does; tests use it to keep hold of the Endpoint. An
// Endpoint is served at most once.
func (e *Endpoint) Serve(ctx context.Context) error {
	l := e.cfg.Listener
	if l == nil {
		return errors.New("interactions endpoint: no listener")
	}
	shutdownTimeout := e.cfg.ShutdownTimeout
	if shutdownTimeout <= 0 {
		shutdownTimeout = defaultShutdownTimeout
	}
	e.lifetime.Store(&ctx)
	srv := &http.Server{
		Handler:           e,
		ReadHeaderTimeout: readHeaderTimeout,
		ReadTimeout:       readTimeout,
		WriteTimeout:      writeTimeout,
		IdleTimeout:       idleTimeout,
		MaxHeaderBytes:    maxHeaderBytes,
		ErrorLog:          slog.NewLogLogger(e.log.Handler(), slog.LevelWarn),
	}

	served := make(chan error, 1)
	go func() { served <- srv.Serve(l) }()
	select {
	case err := <-served:
		return fmt.Errorf("serving interactions: %w", err)
	case <-ctx.Done():
	}

	if d := e.cfg.DrainDelay; d > 0 {
		e.log.Info("draining: /readyz answers 503, still serving", slog.Duration("for", d))
		select {
		case err := <-served:
			return fmt.Errorf("serving interactions: %w", err)
		case <-e.after(d):
		}
	}
	e.log.Info("shutting down", slog.Duration("timeout", shutdownTimeout))
	sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), shutdownTimeout)
	defer cancel()
	err := srv.Shutdown(sctx)
	<-served // http.ErrServerClosed, now that Shutdown has begun
	if err != nil {
		srv.Close()
		return fmt.Errorf("shutting down interactions endpoint: %w", err)
	}
	return nil
}
