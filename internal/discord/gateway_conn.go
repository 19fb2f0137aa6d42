package discord

import (
	"context"
	"crypto/tls"
	"log/slog"
	"net"
	"sync"
	"sync/atomic"
	"time"

	"github.com/gorilla/websocket"
)

// connWatch dials discordgo's gateway connections and watches each for
// what discordgo v0.29.0 keeps to itself: the close code Discord sent
// (discordgo only emits Disconnect) and a connection that went silent
// (discordgo would notice after five heartbeat intervals and close it with
// 1000, which ends the session). Every connection is closed when ctx
// ends.
type connWatch struct {
	ctx context.Context
	log *slog.Logger
	// latest is the connection dialled last; discordgo has one at a time.
	latest atomic.Pointer[observedConn]
}

// dialer is the websocket dialer for discordgo's Session.Dialer. It makes
// the TLS connection itself (gorilla would otherwise wrap the observed
// connection in TLS, leaving only ciphertext to observe), trusting tlsConf
// (nil: the system's roots). It dials no proxy: the observed connection
// must be the gateway's own.
func (w *connWatch) dialer(tlsConf *tls.Config) *websocket.Dialer {
	d := *websocket.DefaultDialer // 45 s handshake timeout
	d.Proxy = nil
	d.NetDialContext = func(ctx context.Context, network, addr string) (net.Conn, error) {
		raw, err := w.dialTCP(ctx, network, addr)
		if err != nil {
			return nil, err
		}
		return w.observe(raw, raw), nil
	}
	d.NetDialTLSContext = func(ctx context.Context, network, addr string) (net.Conn, error) {
		raw, err := w.dialTCP(ctx, network, addr)
		if err != nil {
			return nil, err
		}
		conf := &tls.Config{}
		if tlsConf != nil {
			conf = tlsConf.Clone()
		}
		if conf.ServerName == "" {
			conf.ServerName, _, _ = net.SplitHostPort(addr)
		}
		tc := tls.Client(raw, conf)
		abort := context.AfterFunc(w.ctx, func() { raw.Close() }) // shutdown during the handshake
		err = tc.HandshakeContext(ctx)
		abort()
		if err != nil {
			raw.Close()
			return nil, err
		}
		return w.observe(tc, raw), nil
	}
	return &d
}

// dialTCP dials addr; the connection is closed when w.ctx ends.
func (w *connWatch) dialTCP(ctx context.Context, network, addr string) (net.Conn, error) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	stop := context.AfterFunc(w.ctx, cancel)
	defer stop()
	var nd net.Dialer
	return nd.DialContext(ctx, network, addr)
}

// observe wraps c, the plaintext of the TCP connection raw, and makes it
// the latest connection.
func (w *connWatch) observe(c, raw net.Conn) *observedConn {
	oc := &observedConn{Conn: c, raw: raw, log: w.log, gone: make(chan struct{})}
	oc.frames.hello = oc.watchHeartbeats
	oc.frames.closed = oc.sawClose
	oc.stop = context.AfterFunc(w.ctx, func() { raw.Close() })
	w.latest.Store(oc)
	return oc
}

// fatal explains the close code Discord sent on the latest connection if
// retrying cannot fix it, or returns nil.
func (w *connWatch) fatal() error {
	c := w.latest.Load()
	if c == nil {
		return nil
	}
	return c.fatal()
}

// observedConn is a gateway connection that reads Discord's frames as they
// pass (see frameReader) and drops itself when Discord stops answering
// heartbeats.
type observedConn struct {
	net.Conn // the websocket's bytes in plaintext
	// raw is the TCP connection under Conn (Conn itself without TLS).
	raw net.Conn
	log *slog.Logger
	// stop unregisters the close on connWatch.ctx once closed anyway.
	stop func() bool

	// frames is used only by Read, which gorilla/websocket calls from one
	// goroutine at a time.
	frames frameReader
	// lastRead is when bytes last arrived, in UnixNano.
	lastRead atomic.Int64
	// gone is closed once discordgo has closed the connection.
	gone      chan struct{}
	closeOnce sync.Once

	mu        sync.Mutex
	code      int
	text      string
	closed    bool // a close frame arrived
	watchdog  *time.Timer
	shut      bool // Close was called
	silentFor time.Duration
}

func (c *observedConn) Read(p []byte) (int, error) {
	n, err := c.Conn.Read(p)
	if n > 0 {
		c.lastRead.Store(time.Now().UnixNano())
		c.frames.feed(p[:n])
	}
	return n, err
}

func (c *observedConn) Close() error {
	c.mu.Lock()
	c.shut = true
	if c.watchdog != nil {
		c.watchdog.Stop()
	}
	c.mu.Unlock()
	c.stop()
	err := c.Conn.Close()
	c.closeOnce.Do(func() { close(c.gone) })
	return err
}

func (c *observedConn) sawClose(code int, text string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.code, c.text, c.closed = code, text, true
}

// fatal explains the close code Discord sent on c if retrying cannot fix
// it, or returns nil.
func (c *observedConn) fatal() error {
	c.mu.Lock()
	code, text, closed := c.code, c.text, c.closed
	c.mu.Unlock()
	if !closed {
		return nil
	}
	return fatalClose(code, text)
}

// watchHeartbeats starts the zombie check once HELLO says how often the
// bot heartbeats. Discord acknowledges every heartbeat at once, so a
// healthy connection never stays silent much longer than one interval.
// Discord's rule is that a heartbeat sent before the last one was
// acknowledged means a zombie connection, to be closed with any code but
// 1000 and 1001 and then resumed. discordgo v0.29.0 only notices after
// five intervals and then closes with 1000, ending the session; so after
// one and a half silent intervals the connection is dropped here, without
// a close frame, and discordgo's next Open resumes. The silence counts
// from HELLO, and discordgo heartbeats only after READY: an IDENTIFY left
// unanswered that long (about a minute) is dropped and retried too.
func (c *observedConn) watchHeartbeats(interval time.Duration) {
	if interval <= 0 {
		return
	}
	limit := interval + interval/2
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.shut || c.watchdog != nil {
		return
	}
	c.silentFor = limit
	c.watchdog = time.AfterFunc(limit, c.checkSilence)
}

func (c *observedConn) checkSilence() {
	silent := time.Since(time.Unix(0, c.lastRead.Load()))
	c.mu.Lock()
	if c.shut {
		c.mu.Unlock()
		return
	}
	if silent < c.silentFor {
		c.watchdog.Reset(c.silentFor - silent)
		c.mu.Unlock()
		return
	}
	c.mu.Unlock()
	c.log.Warn("Discord's gateway stopped acknowledging heartbeats; dropping the connection to resume the session",
		"silent_for", silent.Round(time.Millisecond))
	// Closing the socket under discordgo makes its read fail; the 1000
	// close frame it then writes goes nowhere, so the session survives.
	c.raw.Close()
}
