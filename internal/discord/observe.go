package discord

import (
	"time"

	"github.com/okbot/okbot/internal/commands"
)

// Observer is told what the transports do, for okbot's metrics and its
// readiness. Every argument is from a small fixed set or a number: no
// user, guild, token or typed text ever reaches it. Its methods are called
// from many goroutines, on the hot path, and must be cheap.
type Observer interface {
	// Interaction is one interaction okbot read as a request: its kind
	// (command, autocomplete, button or other), the command it belongs
	// to (see commandOf: "other" for any okbot does not have), its outcome
	// (see the Outcome constants) and the time from its arrival to its
	// answer.
	Interaction(kind, command, outcome string, latency time.Duration)
	// SignatureRejected is a request the interactions endpoint refused
	// with 401 (see the Rejected constants).
	SignatureRejected(reason string)
	// RESTError is a REST call Discord refused (status and Discord's
	// error code, 0 when it sent none) or left unanswered (status 0), by
	// its route template: never the URL, which may hold a token.
	RESTError(route string, status, code int)
	// Gateway is a change of the gateway connection (see GatewayEvent).
	Gateway(ev GatewayEvent)
	// SessionStarts is how many gateway session starts Discord allows
	// today, as it last said.
	SessionStarts(remaining int)
}

// Outcomes of an interaction.
const (
	// OutcomeAnswered: answered by the Responder.
	OutcomeAnswered = "answered"
	// OutcomeCached: the endpoint sent an answer it had encoded before.
	OutcomeCached = "cached"
	// OutcomeApology: answering failed and the user got the apology.
	OutcomeApology = "apology"
	// OutcomeFailed: the answer could not be delivered (gateway mode).
	OutcomeFailed = "failed"
	// OutcomeLimited: the user was over the per-user limit and got its
	// notice (see Cooldown).
	OutcomeLimited = "limited"
)

// Reasons the endpoint refuses a request with 401.
const (
	RejectedHeader    = "bad_header"    // signature header missing, wrong length or not hex
	RejectedTimestamp = "bad_timestamp" // timestamp header missing or malformed
	RejectedReplay    = "replay_window" // timestamp outside ReplayWindow
	RejectedSignature = "bad_signature" // the signature does not verify
)

// GatewayEvent is a change of the gateway connection.
type GatewayEvent int

const (
	// GatewayIdentified: READY, a new session.
	GatewayIdentified GatewayEvent = iota + 1
	// GatewayResumed: RESUMED, the session continues.
	GatewayResumed
	// GatewayDisconnected: the connection was lost, or could not be
	// opened; okbot is reconnecting.
	GatewayDisconnected
	// GatewayWaiting: no session starts are left today; okbot waits for
	// Discord's reset_after before connecting.
	GatewayWaiting
	// GatewayFatalClose: a close code retrying cannot fix; okbot stops.
	GatewayFatalClose
)

// nopObserver is the Observer when none is configured.
type nopObserver struct{}

func (nopObserver) Interaction(string, string, string, time.Duration) {}
func (nopObserver) SignatureRejected(string)                          {}
func (nopObserver) RESTError(string, int, int)                        {}
func (nopObserver) Gateway(GatewayEvent)                              {}
func (nopObserver) SessionStarts(int)                                 {}

func observerOr(o Observer) Observer {
	if o == nil {
		return nopObserver{}
	}
	return o
}

// kindOf names what the user did, as logs and metrics write it.
func kindOf(req commands.Request) string {
	switch req.Kind {
	case commands.Command:
		return "command"
	case commands.Autocomplete:
		return "autocomplete"
	case commands.Component:
		return "button"
	default:
		return "other"
	}
}

// commandNamer is a Responder that knows its commands' names
// (*commands.Registry, and Answers over one).
type commandNamer interface {
	CommandName(commands.Request) string
}

// otherCommand stands for every command okbot does not have: a name a
// client made up must not become a log field or a metric label of its own.
const otherCommand = "other"

// commandOf is the command req belongs to, as r names it, or otherCommand.
func commandOf(r Responder, req commands.Request) string {
	if n, ok := r.(commandNamer); ok {
		if name := n.CommandName(req); name != "" {
			return name
		}
	}
	return otherCommand
}
