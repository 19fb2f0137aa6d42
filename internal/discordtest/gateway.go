package discordtest

import (
	"encoding/json"
	"errors"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gorilla/websocket"
)

// gatewayPath is where the fake's websocket gateway listens; discordgo
// dials the URL from /gateway plus "/?v=9&encoding=json".
const gatewayPath = "/gateway-ws"

// heartbeatInterval is what HELLO asks for, Discord's usual 41.25 s: the
// bot sends one heartbeat at once and no more during a test.
const heartbeatInterval = 41250

// Intents Discord refuses with 4014 unless enabled in the Developer
// Portal: GUILD_MEMBERS, GUILD_PRESENCES, MESSAGE_CONTENT. The fake's
// application has none enabled.
const privilegedIntents = 1<<1 | 1<<8 | 1<<15

var upgrader = websocket.Upgrader{CheckOrigin: func(*http.Request) bool { return true }}

type closeFrame struct {
	code   int
	reason string
}

// session is a gateway session that READY started and RESUME may
// continue.
type session struct {
	id    string
	seq   int64
	valid bool
}

// gatewayConn is one websocket connection to the fake gateway.
type gatewayConn struct {
	ws *websocket.Conn
	// wmu allows one writer at a time, as gorilla/websocket requires; it
	// is taken before Server.mu when both are needed.
	wmu sync.Mutex

	// Guarded by Server.mu.
	session *session // set once READY or RESUMED was sent
	started int64    // orders connections, latest wins
	closing bool
}

func (s *Server) serveGateway(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		http.Error(w, "discordtest: closed", http.StatusServiceUnavailable)
		return
	}
	s.dials++
	s.open++
	s.conns.Add(1)
	s.notifyLocked()
	s.mu.Unlock()
	defer func() {
		s.mu.Lock()
		s.open--
		s.notifyLocked()
		s.mu.Unlock()
		s.conns.Done()
	}()

	ws, err := upgrader.Upgrade(w, r, nil)
	if err != nil {
		return // Upgrade answered the request.
	}
	defer ws.Close()
	c := &gatewayConn{ws: ws}
	s.mu.Lock()
	if s.closed { // close has already closed the connections it knew of
		s.mu.Unlock()
		return
	}
	s.gateways[c] = true
	s.mu.Unlock()
	defer func() {
		s.mu.Lock()
		delete(s.gateways, c)
		s.mu.Unlock()
	}()

	switch q := r.URL.Query(); {
	case q.Get("v") != "9" && q.Get("v") != "10":
		s.closeConn(c, closeFrame{4012, "Invalid API version."})
	case q.Get("encoding") != "" && q.Get("encoding") != "json":
		s.closeConn(c, closeFrame{4002, "Error while decoding payload."})
	default:
		if c.send(map[string]any{"op": 10, "d": map[string]any{"heartbeat_interval": heartbeatInterval}, "s": nil, "t": nil}) != nil {
			return
		}
	}
	for {
		_, msg, err := ws.ReadMessage()
		if err != nil {
			var ce *websocket.CloseError
			if errors.As(err, &ce) {
				s.clientClosed(c, ce.Code)
			}
			return
		}
		s.mu.Lock()
		closing := c.closing
		s.mu.Unlock()
		if closing {
			continue // waiting for the bot's close frame
		}
		var p struct {
			Op int             `json:"op"`
			D  json.RawMessage `json:"d"`
		}
		if json.Unmarshal(msg, &p) != nil {
			s.closeConn(c, closeFrame{4002, "Error while decoding payload."})
			continue
		}
		switch p.Op {
		case 1: // heartbeat
			c.send(map[string]any{"op": 11})
		case 2:
			s.identify(c, p.D)
		case 6:
			s.resume(c, p.D)
		case 3, 4, 8: // presence, voice state, request guild members
			s.mu.Lock()
			authenticated := c.session != nil
			s.mu.Unlock()
			if !authenticated {
				s.closeConn(c, closeFrame{4003, "Not authenticated."})
			}
		default:
			s.closeConn(c, closeFrame{4001, "Unknown opcode."})
		}
	}
}

func (s *Server) tokenOKLocked(token string) bool {
	return !s.revoked && strings.TrimPrefix(token, "Bot ") == s.Token
}

// identify answers IDENTIFY with READY, or closes the connection with the
// code Discord would use. discordgo sends the token with its "Bot "
// prefix, which Discord accepts.
func (s *Server) identify(c *gatewayConn, d json.RawMessage) {
	var id Identify
	if json.Unmarshal(d, &id) != nil {
		s.closeConn(c, closeFrame{4002, "Error while decoding payload."})
		return
	}
	s.mu.Lock()
	s.identifies = append(s.identifies, id)
	s.notifyLocked()
	authenticated, tokenOK, reject, hold := c.session != nil, s.tokenOKLocked(id.Token), s.identifyClose, s.holdIdentify
	s.mu.Unlock()
	switch {
	case hold:
		// no READY, ever
	case authenticated:
		s.closeConn(c, closeFrame{4005, "Already authenticated."})
	case !tokenOK:
		s.closeConn(c, closeFrame{4004, "Authentication failed."})
	case reject.code != 0:
		s.closeConn(c, reject)
	case id.Intents < 0 || id.Intents >= 1<<26:
		s.closeConn(c, closeFrame{4013, "Invalid intent(s)."})
	case id.Intents&privilegedIntents != 0:
		s.closeConn(c, closeFrame{4014, "Disallowed intent(s)."})
	default:
		s.mu.Lock()
		sess := &session{id: "session-" + s.newIDLocked(), valid: true}
		s.sessions[sess.id] = sess
		s.mu.Unlock()
		ready := map[string]any{
			"v":                  9,
			"user":               s.botUser(),
			"guilds":             []any{map[string]any{"id": s.GuildID, "unavailable": true}},
			"private_channels":   []any{},
			"session_id":         sess.id,
			"session_type":       "normal",
			"resume_gateway_url": s.wsURL,
			"application":        map[string]any{"id": s.ApplicationID, "flags": 0},
		}
		if id.Shard != nil {
			ready["shard"] = id.Shard
		}
		c.start(s, sess, "READY", ready)
	}
}

// resume answers RESUME with RESUMED for a session that is still valid,
// and with op 9 (Invalid Session, not resumable) otherwise. The fake
// replays no missed events.
func (s *Server) resume(c *gatewayConn, d json.RawMessage) {
	var r struct {
		Token     string `json:"token"`
		SessionID string `json:"session_id"`
	}
	if json.Unmarshal(d, &r) != nil {
		s.closeConn(c, closeFrame{4002, "Error while decoding payload."})
		return
	}
	s.mu.Lock()
	s.resumes++
	s.notifyLocked()
	tokenOK, sess := s.tokenOKLocked(r.Token), s.sessions[r.SessionID]
	valid := sess != nil && sess.valid
	s.mu.Unlock()
	switch {
	case !tokenOK:
		s.closeConn(c, closeFrame{4004, "Authentication failed."})
	case !valid:
		c.send(map[string]any{"op": 9, "d": false, "s": nil, "t": nil})
	default:
		c.start(s, sess, "RESUMED", map[string]any{})
	}
}

// start sends the dispatch (READY or RESUMED) that starts sess on c and
// then attaches sess to c: only then is the connection ready, so nothing
// the test does after WaitReady can overtake READY.
func (c *gatewayConn) start(s *Server, sess *session, event string, d any) error {
	c.wmu.Lock()
	defer c.wmu.Unlock()
	s.mu.Lock()
	sess.seq++
	seq := sess.seq
	s.mu.Unlock()
	if err := c.write(map[string]any{"op": 0, "t": event, "s": seq, "d": d}); err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	c.session = sess
	s.nextID++
	c.started = s.nextID
	s.notifyLocked()
	return nil
}

// dispatch sends one event (op 0) with the session's next sequence number.
func (c *gatewayConn) dispatch(s *Server, event string, d any) error {
	c.wmu.Lock()
	defer c.wmu.Unlock()
	s.mu.Lock()
	if c.session == nil {
		s.mu.Unlock()
		return errors.New("connection has no session")
	}
	c.session.seq++
	seq := c.session.seq
	s.mu.Unlock()
	return c.write(map[string]any{"op": 0, "t": event, "s": seq, "d": d})
}

func (c *gatewayConn) send(v any) error {
	c.wmu.Lock()
	defer c.wmu.Unlock()
	return c.write(v)
}

// write sends v; c.wmu must be held. The deadline keeps a bot that stopped
// reading from blocking the fake.
func (c *gatewayConn) write(v any) error {
	c.ws.SetWriteDeadline(time.Now().Add(WaitTimeout))
	return c.ws.WriteJSON(v)
}

// closeConn starts closing c with a close frame, as Discord does; closing
// with a code that may not be resumed also ends the session. The
// connection's read loop ignores everything but the bot's close frame from
// then on, and ends (closing the TCP connection) when that arrives or after
// closeWait. Closing the TCP connection at once could reset it and lose
// the close frame.
func (s *Server) closeConn(c *gatewayConn, f closeFrame) {
	s.mu.Lock()
	c.closing = true
	if c.session != nil && (f.code == 4004 || (f.code >= 4010 && f.code <= 4014)) {
		c.session.valid = false
	}
	s.notifyLocked()
	s.mu.Unlock()
	// WriteControl and SetReadDeadline may be called concurrently with the
	// read loop and other writes.
	c.ws.WriteControl(websocket.CloseMessage, websocket.FormatCloseMessage(f.code, f.reason), time.Now().Add(closeWait))
	c.ws.SetReadDeadline(time.Now().Add(closeWait))
}

// closeWait is how long a closing connection waits for the bot's close
// frame.
const closeWait = time.Second

// clientClosed records a close frame from the bot. The bot closing with
// 1000 or 1001 ends the session, so it cannot be resumed; its answer to
// the fake's close frame does not.
func (s *Server) clientClosed(c *gatewayConn, code int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.clientCloses = append(s.clientCloses, code)
	if c.session != nil && !c.closing && (code == websocket.CloseNormalClosure || code == websocket.CloseGoingAway) {
		c.session.valid = false
	}
	s.notifyLocked()
}

// readyConnLocked is the latest connection with a session that is not
// being closed; s.mu must be held.
func (s *Server) readyConnLocked() *gatewayConn {
	var latest *gatewayConn
	for c := range s.gateways {
		if c.session != nil && !c.closing && (latest == nil || c.started > latest.started) {
			latest = c
		}
	}
	return latest
}

// WaitReady waits until a gateway connection has a session (READY or
// RESUMED was sent) and is not being closed.
func (s *Server) WaitReady(t testing.TB) {
	t.Helper()
	s.waitFor(t, "ready gateway session", func() bool { return s.readyConnLocked() != nil })
}

// CloseGateway closes every gateway connection with code and reason, as
// Discord does: e.g. 4000 (Unknown error, resumable) or 4004
// (Authentication failed, not resumable).
func (s *Server) CloseGateway(code int, reason string) {
	s.mu.Lock()
	var conns []*gatewayConn
	for c := range s.gateways {
		if !c.closing {
			conns = append(conns, c)
		}
	}
	s.mu.Unlock()
	for _, c := range conns {
		s.closeConn(c, closeFrame{code, reason})
	}
}

// WaitGatewayClosed waits until the gateway was dialled at least once and
// no connection is open, and returns the code of the last close frame the
// bot sent, or 0 if it sent none.
func (s *Server) WaitGatewayClosed(t testing.TB) int {
	t.Helper()
	code := 0
	s.waitFor(t, "closed gateway", func() bool {
		if s.dials == 0 || s.open > 0 {
			return false
		}
		if n := len(s.clientCloses); n > 0 {
			code = s.clientCloses[n-1]
		}
		return true
	})
	return code
}
