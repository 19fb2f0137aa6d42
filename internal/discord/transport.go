package discord

import (
	"context"
	"io"
	"net/http"
	"strings"
	"time"
)

// abortable returns a copy of client (or of a default one) for discordgo's
// own requests (GET /gateway inside Open). They carry no context, so this
// client cancels them when ctx ends. And it hides Discord's X-RateLimit-*
// headers from discordgo: its rate limiter would turn them into a sleep
// that nothing can cancel, while holding the session's lock. okbot does
// its own waiting, from a 429's body.
func abortable(client *http.Client, ctx context.Context) *http.Client {
	c := &http.Client{Timeout: 20 * time.Second}
	if client != nil {
		cc := *client
		c = &cc
	}
	next := c.Transport
	if next == nil {
		next = http.DefaultTransport
	}
	c.Transport = abortTransport{next: next, ctx: ctx}
	return c
}

type abortTransport struct {
	next http.RoundTripper
	ctx  context.Context
}

func (t abortTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	ctx, cancel := context.WithCancel(r.Context())
	stop := context.AfterFunc(t.ctx, cancel)
	resp, err := t.next.RoundTrip(r.WithContext(ctx))
	if err != nil {
		stop()
		cancel()
		return nil, err
	}
	for k := range resp.Header {
		if strings.HasPrefix(k, "X-Ratelimit-") {
			delete(resp.Header, k)
		}
	}
	resp.Body = &cancelOnClose{ReadCloser: resp.Body, cancel: func() { stop(); cancel() }}
	return resp, nil
}

// cancelOnClose ends a response's context once its body is closed.
type cancelOnClose struct {
	io.ReadCloser
	cancel func()
}

func (b *cancelOnClose) Close() error {
	err := b.ReadCloser.Close()
	b.cancel()
	return err
}
