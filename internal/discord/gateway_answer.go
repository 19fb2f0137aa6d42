package discord

import (
	"context"
	"errors"
	"net/http"
	"sync"
	"time"

	"github.com/bwmarrin/discordgo"
)

// interactionCreate answers one INTERACTION_CREATE event. discordgo
// calls it in a goroutine of its own for each event. The event's data is
// decoded as the HTTP endpoint decodes a body, not by discordgo: its
// Interaction refuses shapes Discord has sent (an id as a bare number) and
// lacks others (interaction_metadata.user_id), and both transports must
// answer an interaction alike.
func (g *gateway) interactionCreate(_ *discordgo.Session, ev *discordgo.Event) {
	if ev.Type != "INTERACTION_CREATE" {
		return
	}
	received := time.Now()
	if !g.inflight.add() {
		return // shutting down
	}
	defer g.inflight.done()
	var in interaction
	if err := in.decode(ev.RawData); err != nil {
		g.log.Warn("ignoring an interaction okbot cannot read", "err", err)
		return
	}
	log := g.log.With("interaction_id", string(in.ID), "context", in.where())
	req, ok := in.request()
	if !ok {
		// PING never comes over the gateway.
		log.Debug("ignoring interaction", "type", in.Type)
		return
	}
	if in.ID == "" || in.Token == "" {
		log.Warn("ignoring an interaction without an id or token: it cannot be answered", "type", in.Type)
		return
	}
	kind, command := kindOf(req), commandOf(g.answers, req)
	// answer's failure lines add kind and command to the locale.
	enc, outcome := g.answers.answer(req, in.can(), log.With("locale", req.Locale), false, nil)
	log = log.With("kind", kind, "command", command, "locale", req.Locale)
	ctx, cancel := context.WithDeadline(g.callbacks, received.Add(g.deadline))
	defer cancel()
	if err := g.rest.callback(ctx, string(in.ID), in.Token, enc); err != nil {
		latency := time.Since(received)
		g.obs.Interaction(kind, command, OutcomeFailed, latency)
		log.Error("could not answer interaction: "+respondFailure(err),
			"err", err, "status", statusOf(err), "code", codeOf(err), "latency", latency, "outcome", OutcomeFailed)
		return
	}
	latency := time.Since(received)
	g.obs.Interaction(kind, command, outcome, latency)
	log.Info("answered interaction", "latency", latency, "outcome", outcome)
}

// respondFailure explains why answering an interaction failed.
func respondFailure(err error) string {
	switch codeOf(err) {
	case discordgo.ErrCodeUnknownInteraction:
		return "Discord no longer knows it (10062 Unknown interaction): the answer came after the 3 s deadline, or another process running with this bot token answered first"
	case discordgo.ErrCodeInteractionHasAlreadyBeenAcknowledged:
		return "it was already answered (40060): another process is running with this bot token"
	case discordgo.ErrCodeInvalidFormBody:
		return "Discord refused the answer (50035 Invalid Form Body)"
	}
	switch status := statusOf(err); {
	case status == http.StatusTooManyRequests:
		return "Discord rate limited the answer (429); an answer after the 3 s deadline is worthless, so it is not retried"
	case status >= 500:
		return "Discord failed to take the answer (" + http.StatusText(status) + "); not retried: the 3 s deadline would pass"
	}
	if errors.Is(err, context.DeadlineExceeded) {
		return "no answer within Discord's 3 s deadline"
	}
	return "sending the answer failed"
}

// inflight counts the interactions being answered, so that shutdown can
// wait for them.
type inflight struct {
	mu     sync.Mutex
	closed bool
	wg     sync.WaitGroup
}

// add counts one more answer, or reports false once closeAndWait began.
func (f *inflight) add() bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.closed {
		return false
	}
	f.wg.Add(1)
	return true
}

func (f *inflight) done() { f.wg.Done() }

// closeAndWait refuses new answers and waits for those being sent.
func (f *inflight) closeAndWait() {
	f.mu.Lock()
	f.closed = true
	f.mu.Unlock()
	f.wg.Wait()
}
