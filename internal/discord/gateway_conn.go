package discord

import (
	"context"
	"encoding/binary"
	"encoding/json"
	"io"
	"log/slog"
	"net"
	"net/http"
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

// dialer is the websocket dialer for discordgo's Session.Dialer.
func (w *connWatch) dialer() *websocket.Dialer {
	d := *websocket.DefaultDialer // proxy from the environment, 45 s handshake timeout
	d.NetDialContext = func(dialCtx context.Context, network, addr string) (net.Conn, error) {
		dialCtx, cancel := context.WithCancel(dialCtx)
		defer cancel()
		stop := context.AfterFunc(w.ctx, cancel)
		defer stop()
		var nd net.Dialer
		c, err := nd.DialContext(dialCtx, network, addr)
		if err != nil {
			return nil, err
		}
		wc := &observedConn{Conn: c, log: w.log, gone: make(chan struct{})}
		wc.frames.hello = wc.watchHeartbeats
		wc.frames.closed = wc.sawClose
		wc.stop = context.AfterFunc(w.ctx, func() { c.Close() })
		w.latest.Store(wc)
		return wc, nil
	}
	return &d
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
	net.Conn
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
// a close frame, and discordgo's next Open resumes.
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
	c.Conn.Close()
}

// abortable returns a copy of client (or of a default one) whose requests
// are cancelled when ctx ends. discordgo's own requests carry no context.
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

// frameReader follows the websocket frames the server sends, from the
// bytes of the connection as they are read, and reports the first text
// frame's heartbeat interval (HELLO is always Discord's first message)
// and the code and reason of a close frame. It does not decode messages:
// gorilla/websocket does that for discordgo from the same bytes.
type frameReader struct {
	hello  func(interval time.Duration)
	closed func(code int, text string)

	upgraded bool // past the HTTP 101 response
	crlf     int  // bytes of "\r\n\r\n" matched so far

	header    [14]byte
	headerLen int
	inPayload bool
	opcode    byte
	masked    bool
	remaining uint64 // payload bytes still to come
	keep      []byte // payload kept of a close frame or the first text frame
	keepMax   int
	sawText   bool
}

const (
	opText  = 1
	opClose = 8
	// maxHello is the largest first text frame read for its interval;
	// HELLO is about 60 bytes.
	maxHello = 4 << 10
)

func (r *frameReader) feed(b []byte) {
	for len(b) > 0 {
		switch {
		case !r.upgraded:
			b = r.skipHTTP(b)
		case !r.inPayload:
			r.header[r.headerLen] = b[0]
			r.headerLen++
			b = b[1:]
			if r.headerLen < r.headerSize() {
				continue
			}
			r.startPayload()
		default:
			n := uint64(len(b))
			if n > r.remaining {
				n = r.remaining
			}
			if room := r.keepMax - len(r.keep); room > 0 {
				r.keep = append(r.keep, b[:min(int(n), room)]...)
			}
			b = b[n:]
			r.remaining -= n
			if r.remaining == 0 {
				r.endPayload()
			}
		}
	}
}

func (r *frameReader) skipHTTP(b []byte) []byte {
	const end = "\r\n\r\n"
	for i, c := range b {
		switch {
		case c == end[r.crlf]:
			r.crlf++
		case c == '\r':
			r.crlf = 1
		default:
			r.crlf = 0
		}
		if r.crlf == len(end) {
			r.upgraded = true
			return b[i+1:]
		}
	}
	return nil
}

// headerSize is the length of the frame header being read, as far as its
// first two bytes tell.
func (r *frameReader) headerSize() int {
	if r.headerLen < 2 {
		return 2
	}
	n := 2
	switch r.header[1] & 0x7f {
	case 126:
		n += 2
	case 127:
		n += 8
	}
	if r.header[1]&0x80 != 0 {
		n += 4
	}
	return n
}

func (r *frameReader) startPayload() {
	h := r.header[:r.headerLen]
	r.opcode = h[0] & 0x0f
	r.masked = h[1]&0x80 != 0
	switch n := h[1] & 0x7f; n {
	case 126:
		r.remaining = uint64(binary.BigEndian.Uint16(h[2:4]))
	case 127:
		r.remaining = binary.BigEndian.Uint64(h[2:10])
	default:
		r.remaining = uint64(n)
	}
	r.headerLen = 0
	r.inPayload = true
	r.keep = r.keep[:0]
	r.keepMax = 0
	switch {
	case r.masked: // servers never mask; nothing to read from it
	case r.opcode == opClose:
		r.keepMax = 125
	case r.opcode == opText && !r.sawText && r.remaining <= maxHello:
		r.keepMax = int(r.remaining)
	}
	if r.remaining == 0 {
		r.endPayload()
	}
}

func (r *frameReader) endPayload() {
	r.inPayload = false
	if r.masked {
		return
	}
	switch r.opcode {
	case opClose:
		code, text := websocket.CloseNoStatusReceived, ""
		if len(r.keep) >= 2 {
			code, text = int(binary.BigEndian.Uint16(r.keep)), string(r.keep[2:])
		}
		if r.closed != nil {
			r.closed(code, text)
		}
	case opText:
		if r.sawText {
			return
		}
		r.sawText = true
		var hello struct {
			Op int `json:"op"`
			D  struct {
				HeartbeatInterval float64 `json:"heartbeat_interval"`
			} `json:"d"`
		}
		if json.Unmarshal(r.keep, &hello) == nil && hello.Op == 10 && r.hello != nil {
			r.hello(time.Duration(hello.D.HeartbeatInterval * float64(time.Millisecond)))
		}
	}
}
