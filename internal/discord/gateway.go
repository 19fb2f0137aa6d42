package discord

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"sync"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/gorilla/websocket"

	"github.com/okbot/okbot/internal/commands"
)

// Reconnection policy of RunGateway.
const (
	// minReconnectDelay is the wait before the first reconnect; it doubles
	// with every further one up to maxReconnectDelay.
	minReconnectDelay = time.Second
	maxReconnectDelay = 5 * time.Minute
	// stableConnection is how long a connection must have lasted for the
	// delay to start again from minReconnectDelay. A connection that keeps
	// dying at once would otherwise spend an IDENTIFY per second.
	stableConnection = 5 * time.Minute
)

// RunGateway connects to Discord's gateway and answers slash commands,
// autocomplete and button clicks with cfg.Registry until ctx is done, then
// closes the connection (with 1000, so the bot shows offline at once),
// lets answers already being sent finish (each within its 3 s deadline)
// and returns nil.
//
// Before connecting it checks the token (a 401 returns ErrTokenRejected
// without spending an IDENTIFY), registers the commands with one bulk PUT
// if cfg.Register, and checks that today's session starts are not used up
// (running out makes Discord reset the token). It identifies with no
// intents: interactions belong to none.
//
// Reconnecting is RunGateway's job, not discordgo's: discordgo v0.29.0
// retries forever and ignores the close code, so a revoked token (4004) or
// disallowed intents (4014) would loop for good. RunGateway turns off
// discordgo's reconnect, waits for the Disconnect event, and calls Open
// again after a delay growing from 1 s to 5 min (reset by a connection that
// lasted 5 min). discordgo resumes the session when it can. If Discord
// closes with a code that retrying cannot fix (4004, 4010-4014), RunGateway
// returns an error saying why, wrapping ErrTokenRejected for 4004. If the
// very first connection fails, it returns that error: nothing was ever
// working, so retrying would only hide the problem.
//
// Each interaction is answered from its own goroutine (discordgo's), with
// a context that ends at Discord's 3 s deadline. A panicking handler is
// logged with its stack and the user gets commands.Apology; the bot keeps
// running.
func RunGateway(ctx context.Context, cfg GatewayConfig) error {
	if err := cfg.check(); err != nil {
		return err
	}
	return runGateway(ctx, cfg, cfg.Registry)
}

// runGateway is RunGateway answering with responder rather than
// cfg.Registry, so tests can wrap the registry (to make it panic).
func runGateway(ctx context.Context, cfg GatewayConfig, responder Responder) error {
	log := cfg.logger()
	s, err := newSession(cfg)
	if err != nil {
		return err
	}
	app, err := currentApplication(ctx, s)
	if err != nil {
		return unlessDone(ctx, err)
	}
	if cfg.Register {
		if err := register(ctx, s, app.ID, cfg); err != nil {
			return unlessDone(ctx, err)
		}
	}
	if err := checkSessionStarts(ctx, s, log); err != nil {
		return unlessDone(ctx, err)
	}

	// INTERACTION_CREATE belongs to no intent; discordgo's default asks for
	// every unprivileged one, and their events would only cost bandwidth.
	s.Identify.Intents = discordgo.IntentsNone
	s.ShouldReconnectOnError = false // see stayConnected
	s.StateEnabled = false           // nothing reads the state cache

	// Connections are dialled under dialCtx, which abortDials ends; that
	// closes them and so interrupts a hanging Open.
	dialCtx, abortDials := context.WithCancel(context.WithoutCancel(ctx))
	defer abortDials()
	s.Dialer = gatewayDialer(dialCtx)

	g := &gateway{
		log:       log,
		responder: responder,
		// Answers being sent when shutdown begins may finish: they keep
		// ctx's values but not its cancellation, and have their deadline.
		answers: context.WithoutCancel(ctx),
	}
	s.AddHandler(g.interactionCreate)
	s.AddHandler(func(_ *discordgo.Session, r *discordgo.Ready) {
		user := ""
		if r.User != nil {
			user = r.User.Username
		}
		log.Info("connected to Discord's gateway", "user", user, "guilds", len(r.Guilds))
	})
	s.AddHandler(func(*discordgo.Session, *discordgo.Resumed) {
		log.Info("resumed the gateway session")
	})
	lost := make(chan struct{}, 1)
	s.AddHandler(func(*discordgo.Session, *discordgo.Disconnect) {
		select {
		case lost <- struct{}{}:
		default: // one pending notice is enough
		}
	})

	err = g.stayConnected(ctx, s, lost, abortDials)
	if cerr := s.Close(); cerr != nil {
		log.Warn("closing the gateway connection", "err", cerr)
	}
	g.inflight.closeAndWait()
	if err == nil {
		log.Info("disconnected from Discord's gateway")
	}
	return err
}

// unlessDone is err, or nil when ctx is done: a start-up step interrupted
// by shutdown is no error.
func unlessDone(ctx context.Context, err error) error {
	if ctx.Err() != nil {
		return nil
	}
	return err
}

// checkSessionStarts makes sure the bot may still IDENTIFY today. Discord
// allows 1000 session starts a day and resets the token of a bot that
// goes over, which a restart loop would soon do.
func checkSessionStarts(ctx context.Context, s *discordgo.Session, log *slog.Logger) error {
	gw, err := s.GatewayBot(discordgo.WithContext(ctx))
	if err != nil {
		if status(err) == http.StatusUnauthorized {
			return rejectedToken("401 Unauthorized")
		}
		return fmt.Errorf("asking Discord for the gateway: %w", err)
	}
	lim := gw.SessionStartLimit
	if lim.Total > 0 && lim.Remaining == 0 {
		return fmt.Errorf("opening gateway: all %d session starts allowed today are used up (is okbot restarting in a loop?); Discord allows more in %v",
			lim.Total, (time.Duration(lim.ResetAfter) * time.Millisecond).Round(time.Minute))
	}
	if lim.Remaining < lim.Total/10 {
		log.Warn("few gateway session starts left today; is okbot restarting in a loop?", "remaining", lim.Remaining, "total", lim.Total)
	}
	if gw.Shards > 1 {
		log.Warn("Discord recommends sharding, which okbot does not do", "shards", gw.Shards)
	}
	return nil
}

// stayConnected opens the gateway connection and reopens it whenever it is
// lost, until ctx is done (nil) or reconnecting cannot help (an error).
// discordgo's own reconnect is off (ShouldReconnectOnError), so after a
// lost connection discordgo closes it, emits Disconnect (lost) and does
// nothing more.
func (g *gateway) stayConnected(ctx context.Context, s *discordgo.Session, lost <-chan struct{}, abortDials func()) error {
	delay := minReconnectDelay
	connectedOnce := false
	for {
		// Open reads HELLO and READY without deadlines; when ctx ends,
		// closing the connections is what interrupts it.
		stop := context.AfterFunc(ctx, abortDials)
		err := s.Open()
		stop()
		switch {
		case ctx.Err() != nil:
			return nil
		case err != nil && !errors.Is(err, discordgo.ErrWSAlreadyOpen):
			if fatal := fatalClose(err); fatal != nil {
				return fmt.Errorf("opening gateway: %w", fatal)
			}
			if !connectedOnce {
				return fmt.Errorf("opening gateway: %w", err)
			}
			g.log.Warn("reconnecting to the gateway failed", "err", err, "retry_in", delay)
		default:
			connectedOnce = true
			connected := time.Now()
			select {
			case <-ctx.Done():
				return nil
			case <-lost:
			}
			if time.Since(connected) >= stableConnection {
				delay = minReconnectDelay
			}
			g.log.Warn("lost the gateway connection; reconnecting", "after", time.Since(connected).Round(time.Second), "retry_in", delay)
		}
		if !sleep(ctx, delay) {
			return nil
		}
		delay = min(2*delay, maxReconnectDelay)
	}
}

// fatalClose explains a gateway close code that retrying cannot fix, or
// returns nil for any other error.
func fatalClose(err error) error {
	var ce *websocket.CloseError
	if !errors.As(err, &ce) {
		return nil
	}
	why := ""
	switch ce.Code {
	case 4004:
		return rejectedToken("gateway closed with 4004 Authentication failed")
	case 4010:
		why = "the shard settings are invalid"
	case 4011:
		why = "the bot is in too many guilds (2500 or more) for one connection and needs sharding, which okbot does not do"
	case 4012:
		why = "Discord no longer supports this discordgo's gateway version; upgrade discordgo"
	case 4013:
		why = "the intents sent are invalid"
	case 4014:
		why = "the bot asked for a privileged intent that is not enabled in the Developer Portal (Bot > Privileged Gateway Intents); okbot needs none"
	default:
		return nil
	}
	return fmt.Errorf("Discord closed the connection with %d %q, which retrying cannot fix: %s", ce.Code, ce.Text, why)
}

func sleep(ctx context.Context, d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return false
	case <-t.C:
		return true
	}
}

// gatewayDialer is a websocket dialer whose connections all close when ctx
// is done.
func gatewayDialer(ctx context.Context) *websocket.Dialer {
	d := *websocket.DefaultDialer // proxy from the environment, 45 s handshake timeout
	d.NetDialContext = func(dialCtx context.Context, network, addr string) (net.Conn, error) {
		dialCtx, cancel := context.WithCancel(dialCtx)
		defer cancel()
		stop := context.AfterFunc(ctx, cancel)
		defer stop()
		var nd net.Dialer
		c, err := nd.DialContext(dialCtx, network, addr)
		if err != nil {
			return nil, err
		}
		return &abortableConn{Conn: c, stop: context.AfterFunc(ctx, func() { c.Close() })}, nil
	}
	return &d
}

// abortableConn is a connection that is closed when its dialer's context
// ends; stop unregisters that once it is closed anyway.
type abortableConn struct {
	net.Conn
	stop func() bool
}

func (c *abortableConn) Close() error {
	c.stop()
	return c.Conn.Close()
}

// gateway answers the interactions of one RunGateway.
type gateway struct {
	log       *slog.Logger
	responder Responder
	// answers is the parent of each answer's context.
	answers  context.Context
	inflight inflight
}

// interactionCreate answers one interaction. discordgo calls it in a
// goroutine of its own for each event.
func (g *gateway) interactionCreate(s *discordgo.Session, ic *discordgo.InteractionCreate) {
	received := time.Now()
	if ic.Interaction == nil || !g.inflight.add() {
		return // malformed, or shutting down
	}
	defer g.inflight.done()
	i := ic.Interaction
	log := g.log.With("interaction_id", i.ID)
	req, err := Request(i)
	if err != nil {
		// PING never comes over the gateway, and okbot opens no modals.
		log.Debug("ignoring interaction", "type", int(i.Type), "reason", err)
		return
	}
	log = log.With(requestAttrs(req)...)
	resp, outcome := g.answer(log, req)
	ctx, cancel := context.WithDeadline(g.answers, received.Add(discordgo.InteractionDeadline))
	defer cancel()
	// With files (the ratings chart) discordgo sends multipart/form-data.
	if err := s.InteractionRespond(i, resp, discordgo.WithContext(ctx)); err != nil {
		log.Error("could not answer interaction: "+respondFailure(err), "err", err, "latency", time.Since(received), "outcome", "failed")
		return
	}
	log.Info("answered interaction", "latency", time.Since(received), "outcome", outcome)
}

// answer runs the responder and converts its response; outcome is
// "answered" or "apology".
func (g *gateway) answer(log *slog.Logger, req commands.Request) (resp *discordgo.InteractionResponse, outcome string) {
	r, ok := handleSafely(log, g.responder, req)
	if !ok {
		return InteractionResponse(r), "apology"
	}
	return InteractionResponse(r), "answered"
}

func requestAttrs(req commands.Request) []any {
	switch req.Kind {
	case commands.Command:
		return []any{"kind", "command", "command", req.Command}
	case commands.Autocomplete:
		return []any{"kind", "autocomplete", "command", req.Command}
	default:
		return []any{"kind", "component", "custom_id", req.CustomID}
	}
}

// respondFailure explains why answering an interaction failed.
func respondFailure(err error) string {
	var re *discordgo.RESTError
	if errors.As(err, &re) && re.Message != nil {
		switch re.Message.Code {
		case discordgo.ErrCodeUnknownInteraction:
			return "Discord no longer knows it (10062 Unknown interaction): the answer came after the 3 s deadline, or another process running with this bot token answered first"
		case discordgo.ErrCodeInteractionHasAlreadyBeenAcknowledged:
			return "it was already answered (40060): another process is running with this bot token"
		case discordgo.ErrCodeInvalidFormBody:
			return "Discord refused the answer (50035 Invalid Form Body)"
		}
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
