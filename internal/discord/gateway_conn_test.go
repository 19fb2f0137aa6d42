package discord

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gorilla/websocket"
)

// recordingConn keeps every byte read from the connection.
type recordingConn struct {
	net.Conn
	mu  sync.Mutex
	buf bytes.Buffer
}

func (c *recordingConn) Read(p []byte) (int, error) {
	n, err := c.Conn.Read(p)
	c.mu.Lock()
	c.buf.Write(p[:n])
	c.mu.Unlock()
	return n, err
}

// frameServer is a websocket server that sends HELLO, frames of every
// length encoding, and then closes with code and reason (no close payload
// when code is 0).
func frameServer(t *testing.T, code int, reason string) *httptest.Server {
	t.Helper()
	up := websocket.Upgrader{}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ws, err := up.Upgrade(w, r, nil)
		if err != nil {
			return
		}
		defer ws.Close()
		ws.WriteMessage(websocket.TextMessage, []byte(`{"op":10,"d":{"heartbeat_interval":41250},"s":null,"t":null}`))
		ws.WriteMessage(websocket.BinaryMessage, bytes.Repeat([]byte{0x88}, 300))           // 16-bit length
		ws.WriteMessage(websocket.TextMessage, []byte(`{"op":11,"d":null}`))                // 7-bit length
		ws.WriteMessage(websocket.TextMessage, []byte(`"`+strings.Repeat("x", 70_000)+`"`)) // 64-bit length
		ws.WriteMessage(websocket.PingMessage, nil)                                         // empty control frame
		payload := []byte{}
		if code != 0 {
			payload = websocket.FormatCloseMessage(code, reason)
		}
		ws.WriteControl(websocket.CloseMessage, payload, time.Now().Add(time.Second))
		ws.ReadMessage() // until the client hangs up
	}))
	t.Cleanup(srv.Close)
	return srv
}

// readAll dials srv through dial and reads until the close.
func readAll(t *testing.T, srv *httptest.Server, dial func(ctx context.Context, network, addr string) (net.Conn, error)) {
	t.Helper()
	d := websocket.Dialer{NetDialContext: dial}
	ws, _, err := d.Dial("ws"+strings.TrimPrefix(srv.URL, "http"), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer ws.Close()
	for {
		if _, _, err := ws.ReadMessage(); err != nil {
			return
		}
	}
}

func TestFrameReader(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		code       int
		reason     string
		wantCode   int
		wantReason string
	}{
		{4014, "Disallowed intent(s).", 4014, "Disallowed intent(s)."},
		{4000, "", 4000, ""},
		{0, "", websocket.CloseNoStatusReceived, ""},
	} {
		srv := frameServer(t, tt.code, tt.reason)
		var rec *recordingConn
		readAll(t, srv, func(ctx context.Context, network, addr string) (net.Conn, error) {
			c, err := (&net.Dialer{}).DialContext(ctx, network, addr)
			rec = &recordingConn{Conn: c}
			return rec, err
		})
		stream := rec.buf.Bytes()
		// Bytes arrive in chunks of any size; the reader must not care.
		for _, chunk := range []int{1, 2, 3, 7, 13, 4096, len(stream)} {
			var (
				interval time.Duration
				closes   []string
			)
			r := frameReader{
				hello:  func(d time.Duration) { interval = d },
				closed: func(code int, text string) { closes = append(closes, fmt.Sprint(code, " ", text)) },
			}
			for b := stream; len(b) > 0; {
				n := min(chunk, len(b))
				r.feed(b[:n])
				b = b[n:]
			}
			if interval != 41250*time.Millisecond {
				t.Errorf("close %d, chunks of %d: heartbeat interval = %v, want 41.25s", tt.code, chunk, interval)
			}
			if want := fmt.Sprint(tt.wantCode, " ", tt.wantReason); len(closes) != 1 || closes[0] != want {
				t.Errorf("close %d, chunks of %d: close frames = %q, want [%q]", tt.code, chunk, closes, want)
			}
		}
	}
}

// Over wss://, as Discord's gateway is reached, the dialer observes the
// plaintext: gorilla would otherwise put TLS over the observed connection.
func TestConnWatchSeesThroughTLS(t *testing.T) {
	t.Parallel()
	up := websocket.Upgrader{}
	srv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ws, err := up.Upgrade(w, r, nil)
		if err != nil {
			return
		}
		defer ws.Close()
		ws.WriteMessage(websocket.TextMessage, []byte(`{"op":10,"d":{"heartbeat_interval":41250}}`))
		ws.WriteControl(websocket.CloseMessage, websocket.FormatCloseMessage(4014, "Disallowed intent(s)."), time.Now().Add(time.Second))
		ws.ReadMessage()
	}))
	defer srv.Close()
	w := &connWatch{ctx: t.Context(), log: slog.New(slog.DiscardHandler)}
	d := w.dialer(srv.Client().Transport.(*http.Transport).TLSClientConfig)
	ws, _, err := d.Dial("wss"+strings.TrimPrefix(srv.URL, "https"), nil)
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, _, err := ws.ReadMessage(); err != nil {
			break
		}
	}
	ws.Close()
	if err := w.fatal(); !errors.Is(err, ErrFatalClose) {
		t.Errorf("fatal() over TLS = %v, want the 4014 close seen", err)
	}
	c := w.latest.Load()
	c.mu.Lock()
	watching := c.watchdog != nil
	c.mu.Unlock()
	if !watching {
		t.Error("HELLO over TLS did not start the heartbeat watch")
	}
}

// The dialer's connections report Discord's close code, which discordgo
// does not pass on.
func TestConnWatchSeesCloseCodes(t *testing.T) {
	t.Parallel()
	for code, fatal := range map[int]bool{4000: false, 4009: false, 4004: true, 4010: true, 4011: true, 4012: true, 4013: true, 4014: true} {
		srv := frameServer(t, code, "reason")
		w := &connWatch{ctx: t.Context(), log: slog.New(slog.DiscardHandler)}
		readAll(t, srv, w.dialer(nil).NetDialContext)
		err := w.fatal()
		if (err != nil) != fatal {
			t.Errorf("close %d: fatal() = %v, want fatal %v", code, err, fatal)
		}
		if got := errors.Is(err, ErrTokenRejected); got != (code == 4004) {
			t.Errorf("close %d: errors.Is(%v, ErrTokenRejected) = %v", code, err, got)
		}
		if got := errors.Is(err, ErrFatalClose); got != (fatal && code != 4004) {
			t.Errorf("close %d: errors.Is(%v, ErrFatalClose) = %v", code, err, got)
		}
	}
}
