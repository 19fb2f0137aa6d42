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

// defaultHeartbeatInterval is what HELLO asks for unless
// SetHeartbeatInterval says otherwise: Discord's usual 41.25 s, so the bot
// sends one heartbeat at once and no more during a test.
const defaultHeartbeatInterval = 41250 * time.Millisecond

// Intents Discord refuses with 4014 unless enabled in the Developer
// Portal: GUILD_MEMBERS, GUILD_PRESENCES, MESSAGE_CONTENT. The fake's
// application has none enabled.
const privilegedIntents = 1<<1 | 1<<8 | 1<<15

var upgrader = websocket.Upgrader{CheckOrigin: func(*http.Request) bool { return true }}

type closeFrame struct {
	code   int
	reason string
}

// endsSession reports whether Discord closing a connection with f ends its
// session: the codes after which the bot must not reconnect (4004,
// 4010-4014), and those after which it must start a new session (4007
// Invalid seq, 4009 Session timed out).
func (f closeFrame) endsSession() bool {
	return f.code == 4004 || f.code == 4007 || f.code == 4009 || (f.code >= 4010 && f.code <= 4014)
}

// session is a gateway session that READY started and RESUME may
// continue.
type session struct {
	id    string
	seq   int64
	valid bool
	// shard is [id, count] from the IDENTIFY that started the session.
	shard [2]int
	// events are the dispatches sent in the session, which a RESUME
	// replays from the sequence number the bot last received.
	events []sentEvent
}

type sentEvent struct {
	seq  int64
	name string
	d    json.RawMessage
}

// gatewayConn is one websocket connection to the fake gateway.
type gatewayConn struct {
	ws *websocket.Conn
	// wmu allows one writer at a time, as gorilla/websocket requires; it
	// is taken before Server.mu when both are needed.
	wmu sync.Mutex

	// Guarded by Server.mu.
	session *session // set once READY or RESUMED was sent; nil again after op 9
	// invalidated is the session op 9 (d=true) took from the connection:
	// the bot closing the connection with 1000 or 1001 still ends it.
	invalidated *session
	started     int64 // orders connections, latest wins
	// closing is set once the fake closes or drops the connection: it is
	// no longer ready, and its read loop waits only for the bot's close
	// frame.
	closing bool
	// dropped is set once DropGateway closed the socket without a close
	// frame: nothing the bot writes after that reaches Discord, though a
	// frame already on its way may still be read while the socket shuts.
	dropped bool
}

func (s *Server) serveGateway(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		http.Error(w, "discordtest: closed", http.StatusServiceUnavailable)
		return
	}
	// close waits for every connection's goroutine: a connection that has
	// not yet registered below is counted here.
	s.conns.Add(1)
	s.mu.Unlock()
	defer s.conns.Done()

	ws, err := upgrader.Upgrade(w, r, nil)
	if err != nil {
		return // Upgrade answered the request.
	}
	c := &gatewayConn{ws: ws}
	// Record the bot's close frame before answering it, as gorilla's
	// default handler does, so that a bot that has seen the answer finds
	// its close in ClientCloses.
	ws.SetCloseHandler(func(code int, _ string) error {
		s.clientClosed(c, code)
		ws.WriteControl(websocket.CloseMessage, websocket.FormatCloseMessage(code, ""), time.Now().Add(closeWait))
		return nil
	})
	s.mu.Lock()
	if s.closed { // close has already closed the connections it knew of
		s.mu.Unlock()
		ws.Close()
		return
	}
	// Counted only now, so that once a test has seen a dial, CloseGateway
	// and DropGateway reach the connection.
	s.gateways[c] = true
	s.dials++
	s.open++
	interval := s.heartbeatInterval
	s.notifyLocked()
	s.mu.Unlock()
	defer func() {
		ws.Close()
		s.mu.Lock()
		delete(s.gateways, c)
		s.open--
		s.notifyLocked()
		s.mu.Unlock()
	}()

	switch q := r.URL.Query(); {
	case q.Get("v") != "9" && q.Get("v") != "10":
		s.closeConn(c, closeFrame{4012, "Invalid API version."})
	case q.Get("encoding") != "" && q.Get("encoding") != "json":
		s.closeConn(c, closeFrame{4002, "Error while decoding payload."})
	default:
		hello := map[string]any{"heartbeat_interval": max(interval.Milliseconds(), 1)}
		if c.send(map[string]any{"op": 10, "d": hello, "s": nil, "t": nil}) != nil {
			return
		}
	}
	for {
		_, msg, err := ws.ReadMessage()
		if err != nil {
			// A close frame was handled by the close handler; anything
			// else (a dropped connection, the fake's close deadline) says
			// nothing about the session.
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
		case 1:
			s.heartbeat(c)
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

// heartbeat counts a heartbeat (op 1) and answers it with HEARTBEAT_ACK
// (op 11), unless StopHeartbeatACKs made the connections zombies. It holds
// c's write lock throughout, so a bot that has read the ACK finds the
// heartbeat counted, and nothing the test sends once WaitHeartbeats has
// seen it counted can overtake its ACK.
func (s *Server) heartbeat(c *gatewayConn) {
	c.wmu.Lock()
	defer c.wmu.Unlock()
	s.mu.Lock()
	ack := !s.noHeartbeatACKs
	s.heartbeats++
	s.notifyLocked()
	s.mu.Unlock()
	if ack {
		c.write(map[string]any{"op": 11})
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
	shard, badShard := s.identifiedShard(id.Shard)
	switch {
	case hold:
		// no READY, ever
	case authenticated:
		s.closeConn(c, closeFrame{4005, "Already authenticated."})
	case !tokenOK:
		s.closeConn(c, closeFrame{4004, "Authentication failed."})
	case reject.code != 0:
		s.closeConn(c, reject)
	case badShard.code != 0:
		s.closeConn(c, badShard)
	case id.Intents < 0 || id.Intents >= 1<<26:
		s.closeConn(c, closeFrame{4013, "Invalid intent(s)."})
	case id.Intents&privilegedIntents != 0:
		s.closeConn(c, closeFrame{4014, "Disallowed intent(s)."})
	default:
		s.mu.Lock()
		if s.starts.remaining <= 0 {
			s.mu.Unlock()
			s.resetToken()
			return
		}
		s.starts.remaining--
		sess := &session{id: "session-" + s.newIDLocked(), valid: true, shard: shard}
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
		c.start(s, sess, "READY", ready, 0, nil)
	}
}

// resume answers RESUME: for a session that is still valid, with the
// events sent after the bot's seq and then RESUMED; for an ended or
// unknown one, with op 9 (Invalid Session, not resumable). A seq the
// session never reached is closed with 4007 (Invalid seq), which ends the
// session.
func (s *Server) resume(c *gatewayConn, d json.RawMessage) {
	var r struct {
		Token     string `json:"token"`
		SessionID string `json:"session_id"`
		Seq       int64  `json:"seq"`
	}
	if json.Unmarshal(d, &r) != nil {
		s.closeConn(c, closeFrame{4002, "Error while decoding payload."})
		return
	}
	s.mu.Lock()
	authenticated, tokenOK, sess := c.session != nil, s.tokenOKLocked(r.Token), s.sessions[r.SessionID]
	valid := sess != nil && sess.valid
	badSeq := valid && (r.Seq < 0 || r.Seq > sess.seq)
	s.mu.Unlock()
	// The RESUME is recorded before the answer is sent, so a bot that has
	// read the answer finds it in Resumes.
	rec := Resume{SessionID: r.SessionID, Seq: r.Seq}
	switch {
	case authenticated:
		s.recordResume(rec)
		s.closeConn(c, closeFrame{4005, "Already authenticated."})
	case !tokenOK:
		s.recordResume(rec)
		s.closeConn(c, closeFrame{4004, "Authentication failed."})
	case !valid:
		s.recordResume(rec)
		c.send(map[string]any{"op": 9, "d": false, "s": nil, "t": nil})
	case badSeq:
		s.mu.Lock()
		sess.valid = false
		s.mu.Unlock()
		s.recordResume(rec)
		s.closeConn(c, closeFrame{4007, "Invalid seq."})
	default:
		rec.Resumed = true
		if c.start(s, sess, "RESUMED", map[string]any{}, r.Seq, func() { s.resumes = append(s.resumes, rec) }) == errClosing {
			rec.Resumed = false // the fake is closing the connection: no answer
			s.recordResume(rec)
		}
	}
}

func (s *Server) recordResume(r Resume) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.resumes = append(s.resumes, r)
	s.notifyLocked()
}

// errClosing is start's answer on a connection the fake is closing.
var errClosing = errors.New("connection is closing")

// start attaches sess to c, then sends the events of sess after sequence
// number after (a resume's replay) and the dispatch that starts sess on c
// (READY or RESUMED). It holds c's write lock throughout, so nothing the
// test sends once WaitReady sees the connection ready can overtake READY,
// and a bot that has read READY finds the fake ready. attachedLocked, if
// not nil, runs with s.mu held once sess is attached.
func (c *gatewayConn) start(s *Server, sess *session, event string, d any, after int64, attachedLocked func()) error {
	c.wmu.Lock()
	defer c.wmu.Unlock()
	s.mu.Lock()
	if c.closing {
		s.mu.Unlock()
		return errClosing
	}
	var missed []sentEvent
	for _, e := range sess.events {
		if e.seq > after {
			missed = append(missed, e)
		}
	}
	sess.seq++
	seq := sess.seq
	c.session, c.invalidated = sess, nil
	s.nextID++
	c.started = s.nextID
	if attachedLocked != nil {
		attachedLocked()
	}
	s.notifyLocked()
	s.mu.Unlock()
	for _, e := range missed {
		if err := c.write(map[string]any{"op": 0, "t": e.name, "s": e.seq, "d": e.d}); err != nil {
			return err
		}
	}
	return c.write(map[string]any{"op": 0, "t": event, "s": seq, "d": d})
}

// dispatch sends one event (op 0) with the session's next sequence number,
// and keeps it for a RESUME to replay.
func (c *gatewayConn) dispatch(s *Server, event string, d any) error {
	raw, err := json.Marshal(d)
	if err != nil {
		return err
	}
	c.wmu.Lock()
	defer c.wmu.Unlock()
	s.mu.Lock()
	sess := c.session
	if sess == nil {
		s.mu.Unlock()
		return errors.New("connection has no session")
	}
	sess.seq++
	seq := sess.seq
	sess.events = append(sess.events, sentEvent{seq: seq, name: event, d: raw})
	s.mu.Unlock()
	return c.write(map[string]any{"op": 0, "t": event, "s": seq, "d": json.RawMessage(raw)})
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
	if sess := c.session; sess != nil && f.endsSession() {
		sess.valid = false
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
// 1000 or 1001 ends the session, so it cannot be resumed; any other code
// keeps it resumable, and so does its answer to the fake's close frame.
// A frame read from a dropped connection is not recorded: Discord never
// receives what a bot writes to a socket that is gone.
func (s *Server) clientClosed(c *gatewayConn, code int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if c.dropped {
		return
	}
	s.clientCloses = append(s.clientCloses, code)
	sess := c.session
	if sess == nil {
		sess = c.invalidated
	}
	if sess != nil && !c.closing && (code == websocket.CloseNormalClosure || code == websocket.CloseGoingAway) {
		sess.valid = false
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

// readyConns returns every connection with a session that is not being
// closed.
func (s *Server) readyConns() []*gatewayConn {
	s.mu.Lock()
	defer s.mu.Unlock()
	var conns []*gatewayConn
	for c := range s.gateways {
		if c.session != nil && !c.closing {
			conns = append(conns, c)
		}
	}
	return conns
}

// WaitReady waits until a gateway connection has a session (READY or
// RESUMED was sent) and is not being closed.
func (s *Server) WaitReady(t testing.TB) {
	t.Helper()
	s.waitFor(t, "ready gateway session", func() bool { return s.readyConnLocked() != nil })
}

// CloseGateway closes every gateway connection with code and reason, as
// Discord does: e.g. 4000 (Unknown error, resumable) or 4004
// (Authentication failed, not resumable). It works at any moment: before
// IDENTIFY, while IDENTIFY is held, before and after READY. Codes after
// which Discord wants a new session (4004, 4007, 4009, 4010-4014) end the
// connections' sessions.
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
