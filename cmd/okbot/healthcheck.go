package main

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"time"

	"github.com/okbot/okbot/internal/config"
)

// healthcheckTimeout bounds one health check; a container runtime's own
// timeout (the Dockerfile's HEALTHCHECK --timeout) should be longer.
const healthcheckTimeout = 3 * time.Second

// healthcheck asks a running okbot whether it is alive, for a container's
// HEALTHCHECK, where there is no shell or curl. It exits 0 when the
// endpoint answers 200 and 1 otherwise: never 2, which Docker reserves.
func (c *cli) healthcheck(ctx context.Context, args []string) error {
	fs := c.flags("healthcheck", "[-url URL]", "Ask a running okbot for /healthz, on OKBOT_ADMIN_ADDR when it is set and on OKBOT_ADDR otherwise, and exit 0 if it answers 200")
	target := fs.String("url", "", "the URL to ask instead")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return &usageError{fmt.Sprintf("healthcheck takes no arguments, got %q", pos)}
	}
	url := *target
	if url == "" {
		cfg, err := config.Load(c.getenv, config.Offline)
		if err != nil {
			return fmt.Errorf("health check: %v", err) // not %w: exit 1, not 2
		}
		addr := cfg.Addr
		if cfg.AdminAddr != "" {
			addr = cfg.AdminAddr
		}
		if url, err = healthURL(addr); err != nil {
			return err
		}
	}
	ctx, cancel := context.WithTimeout(ctx, healthcheckTimeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return fmt.Errorf("health check: %w", err)
	}
	// No proxy: the endpoint is this container's own.
	client := &http.Client{Transport: &http.Transport{Proxy: nil}}
	resp, err := client.Do(req)
	if err != nil {
		return fmt.Errorf("health check: %w", err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("health check: %s answered %s", url, resp.Status)
	}
	fmt.Fprintf(c.stdout, "healthy: %s answered %s\n", url, resp.Status)
	return nil
}

// healthURL is the /healthz URL of a listener bound to addr: an address
// with no host, or an unspecified one (0.0.0.0, ::), is reached on the
// loopback interface.
func healthURL(addr string) (string, error) {
	host, port, err := net.SplitHostPort(addr)
	if err != nil || port == "" {
		return "", fmt.Errorf("health check: %q is not a host:port or :port address", addr)
	}
	if ip := net.ParseIP(host); host == "" || (ip != nil && ip.IsUnspecified()) {
		host = "127.0.0.1"
	}
	return "http://" + net.JoinHostPort(host, port) + "/healthz", nil
}
