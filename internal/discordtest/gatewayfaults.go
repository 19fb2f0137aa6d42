package discordtest

import (
	"fmt"
	"testing"
	"time"
)

// The gateway's faults and knobs, as Discord's gateway behaves
// (discord-api-docs events/gateway.mdx: "Sending Heartbeats",
// "Identifying", "Disconnecting", "Resuming").

// SetHeartbeatInterval sets the heartbeat_interval later HELLOs ask for
// (sent in whole milliseconds, at least 1). The default is Discord's usual
// 41.25 s.
func (s *Server) SetHeartbeatInterval(d time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.heartbeatInterval = d
}

// StopHeartbeatACKs makes every gateway connection, new ones included, a
// zombie: from now on the fake receives heartbeats (op 1) but never
// answers them with HEARTBEAT_ACK (op 11). Discord wants the bot to notice
// and reconnect, closing with a code other than 1000 or 1001 so that it can
// resume.
func (s *Server) StopHeartbeatACKs() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.noHeartbeatACKs = true
}

// ResumeHeartbeatACKs makes the fake answer heartbeats again.
func (s *Server) ResumeHeartbeatACKs() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.noHeartbeatACKs = false
}

// Heartbeats returns how many heartbeats (op 1) the fake received on all
// connections.
func (s *Server) Heartbeats() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.heartbeats
}

// WaitHeartbeats waits until the fake has received at least n heartbeats
// on all connections. Whatever the fake sends on a connection afterwards
// follows the ACKs of those heartbeats, if it sent any.
func (s *Server) WaitHeartbeats(t testing.TB, n int) {
	t.Helper()
	s.waitFor(t, fmt.Sprintf("%d heartbeats", n), func() bool { return s.heartbeats >= n })
}

// DropGateway closes every gateway connection's TCP socket at once, with
// no close frame, as a network failure would. The sessions stay
// resumable.
func (s *Server) DropGateway() {
	s.mu.Lock()
	var conns []*gatewayConn
	for c := range s.gateways {
		c.closing, c.dropped = true, true
		conns = append(conns, c)
	}
	s.notifyLocked()
	s.mu.Unlock()
	for _, c := range conns {
		c.ws.Close() // the socket only: no close frame
	}
}

// SendReconnect sends op 7 (Reconnect) on every ready connection: the bot
// should reconnect and resume. The fake keeps the connection open and the
// session resumable until the bot closes it.
func (s *Server) SendReconnect() {
	for _, c := range s.readyConns() {
		c.send(map[string]any{"op": 7, "d": nil, "s": nil, "t": nil})
	}
}

// InvalidateSession sends op 9 (Invalid Session) with d=resumable on every
// ready connection. Afterwards the connection has no session, so the bot
// may IDENTIFY on it (or RESUME). With resumable false the sessions end:
// a later RESUME of them gets op 9 with d=false.
func (s *Server) InvalidateSession(resumable bool) {
	for _, c := range s.readyConns() {
		c.wmu.Lock()
		s.mu.Lock()
		sess := c.session
		if sess == nil || c.closing {
			s.mu.Unlock()
			c.wmu.Unlock()
			continue
		}
		c.session = nil
		if resumable {
			c.invalidated = sess
		} else {
			sess.valid = false
		}
		s.notifyLocked()
		s.mu.Unlock()
		c.write(map[string]any{"op": 9, "d": resumable, "s": nil, "t": nil})
		c.wmu.Unlock()
	}
}

// ExpireSessions ends every session, as Discord does a few minutes after a
// session's connection was lost: a later RESUME of any of them gets op 9
// with d=false. Open connections are not told and stay open; call it when
// the connections are gone or about to go (e.g. just before DropGateway).
func (s *Server) ExpireSessions() {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, sess := range s.sessions {
		sess.valid = false
	}
	s.notifyLocked()
}

// sessionStartLimit is what GET /gateway/bot reports as
// session_start_limit (max_concurrency is always 1).
type sessionStartLimit struct {
	total, remaining int
	resetAfter       time.Duration
}

// defaultSessionStarts is Discord's daily budget of IDENTIFYs, untouched.
var defaultSessionStarts = sessionStartLimit{total: 1000, remaining: 1000, resetAfter: 24 * time.Hour}

// SetSessionStartLimit sets what GET /gateway/bot reports as
// session_start_limit. Each IDENTIFY the fake accepts (answers with
// READY) spends one of remaining; RESUMEs spend none. The fake's clock
// does not run: reset_after is reported as set, and remaining goes back to
// total only when the test calls ResetSessionStarts.
//
// An IDENTIFY that would be accepted with none remaining is what Discord
// documents for hitting the limit (events/gateway.mdx, "Identifying"): all
// of the bot's sessions end and its token is reset. The fake closes that
// connection and every other gateway connection with 4004 (Authentication
// failed), ends every session, and refuses the token from then on as
// RevokeToken does (REST 401, IDENTIFY and RESUME 4004); TokenReset
// reports it.
func (s *Server) SetSessionStartLimit(total, remaining int, resetAfter time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.starts = sessionStartLimit{total: total, remaining: remaining, resetAfter: resetAfter}
}

// ResetSessionStarts is the daily reset: remaining goes back to total, and
// the next reset is 24 h away. A token that was reset stays reset.
func (s *Server) ResetSessionStarts() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.starts.remaining = s.starts.total
	s.starts.resetAfter = 24 * time.Hour
	s.notifyLocked()
}

// TokenReset reports whether the bot identified with no session starts
// left, so that the fake reset its token as Discord would.
func (s *Server) TokenReset() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.tokenReset
}

// resetToken does what Discord does when the bot identifies beyond its
// daily limit: every session ends, every connection is closed and the
// token stops working.
func (s *Server) resetToken() {
	s.mu.Lock()
	s.revoked, s.tokenReset = true, true
	for _, sess := range s.sessions {
		sess.valid = false
	}
	var conns []*gatewayConn
	for c := range s.gateways {
		if !c.closing {
			conns = append(conns, c)
		}
	}
	total := s.starts.total
	s.notifyLocked()
	s.mu.Unlock()
	s.t.Logf("discordtest: IDENTIFY with none of the %d session starts left: the bot token is reset, as Discord does", total)
	for _, c := range conns {
		s.closeConn(c, closeFrame{4004, "Authentication failed."})
	}
}
