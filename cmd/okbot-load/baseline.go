package main

import (
	"context"
	"crypto/ed25519"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"time"

	"github.com/okbot/okbot/internal/baseline"
)

func runBaseline(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("okbot-load baseline", flag.ContinueOnError)
	fs.SetOutput(stderr)
	addr := fs.String("addr", getenv("OKBOT_ADDR"), "listen address (default $OKBOT_ADDR, else 127.0.0.1:8080)")
	seed := fs.String("seed", "", "hex Ed25519 seed whose public key to trust")
	keyHex := fs.String("key", getenv("DISCORD_PUBLIC_KEY"), "hex Ed25519 public key to trust (default $DISCORD_PUBLIC_KEY)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *addr == "" {
		*addr = "127.0.0.1:8080"
	}
	var key ed25519.PublicKey
	switch {
	case *seed != "":
		priv, err := parseSeed(*seed)
		if err != nil {
			return err
		}
		key = priv.Public().(ed25519.PublicKey)
	case *keyHex != "":
		b, err := hex.DecodeString(*keyHex)
		if err != nil || len(b) != ed25519.PublicKeySize {
			return fmt.Errorf("-key must be %d hex characters", 2*ed25519.PublicKeySize)
		}
		key = b
	default:
		return errors.New("no key: give -seed, -key or DISCORD_PUBLIC_KEY")
	}
	l, err := net.Listen("tcp", *addr)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "baseline listening on %s\n", l.Addr())
	return serveBaseline(ctx, l, key)
}

// serveBaseline serves the baseline endpoint on l until ctx is done. It
// does what every interactions endpoint must and nothing more: read the
// body once into a pooled buffer behind the timestamp, verify the
// signature, write a fixed answer. Timeouts match okbot's.
func serveBaseline(ctx context.Context, l net.Listener, key ed25519.PublicKey) error {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /readyz", func(w http.ResponseWriter, _ *http.Request) { io.WriteString(w, "ready\n") })
	mux.HandleFunc("POST /interactions", baseline.Handler(key))
	srv := &http.Server{
		Handler:           mux,
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       10 * time.Second,
		WriteTimeout:      10 * time.Second,
		IdleTimeout:       2 * time.Minute,
	}
	served := make(chan error, 1)
	go func() { served <- srv.Serve(l) }()
	select {
	case err := <-served:
		return err
	case <-ctx.Done():
	}
	sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
	defer cancel()
	err := srv.Shutdown(sctx)
	<-served
	return err
}
