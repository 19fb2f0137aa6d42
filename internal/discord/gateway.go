package discord

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/gorilla/websocket"
)

// Reconnection policy of RunGateway.
const (
	// minReconnectDelay is the wait before the first retry; it doubles
	// with every further one up to maxReconnectDelay.
	minReconnectDelay = time.Second
	maxReconnectDelay = 5 * time.Minute
	// stableConnection is how long a connection must have lasted for the
	// delay to start again from minReconnectDelay. A connection that keeps
	// dying at once would otherwise spend an IDENTIFY per second.
	stableConnection = 5 * time.Minute
	// identifyWindow is Discord's rate limit on starting sessions: at most
	// max_concurrency IDENTIFYs in each 5 s, across all shards.
	identifyWindow = 5 * time.Second
)

// ErrFatalClose is returned when Discord closes the gateway with a code
// that retrying cannot fix: 4010-4014 (4004 returns ErrTokenRejected).
var ErrFatalClose = errors.New("gateway closed with a code retrying cannot fix")

// RunGateway connects to Discord's gateway and answers slash commands,
// autocomplete and button clicks with cfg.Registry until ctx is done, then
// closes the connection (with 1000, so the bot shows offline at once),
// waits for the answers being sent (each ends at its interaction's 3 s
// deadline) and returns nil.
//
// Before connecting it checks the token (a 401 returns ErrTokenRejected
// without spending an IDENTIFY) and registers the commands with one bulk
// PUT if cfg.Register. Those steps, and every connection attempt, are
// retried with a delay growing from 1 s to 5 min while they fail for a
// reason that may pass (no answer, a 5xx, a 429): a blip at boot must not
// become a supervisor's restart loop that repeats the registration and an
// IDENTIFY each time. Before every connection attempt it asks Discord how
// many session starts are left today; with none left it waits for the
// reset rather than starting one (going over makes Discord reset the
// token). It identifies with no intents: interactions belong to none.
//
// It identifies as shard [cfg.ShardID, cfg.ShardCount] and warns when
// Discord recommends more shards than that. Shards started together
// (a StatefulSet's pods) take turns as Discord requires: before its first
// IDENTIFY, shard k waits ⌊k / max_concurrency⌋ × 5 s, max_concurrency
// being how many shards Discord lets identify in each 5 s.
//
// Reconnecting is RunGateway's job, not discordgo's, and follows
// Discord's rules as far as discordgo v0.29.0 allows:
//   - a lost connection and op 7 RECONNECT: the session is resumed
//     (RESUME with the last sequence number);
//   - nothing heard for one and a half heartbeat intervals (Discord
//     acknowledges every heartbeat at once, so a silent connection is a
//     zombie): RunGateway drops the TCP connection itself, before
//     discordgo would close it with 1000 (which ends the session on
//     Discord's side), and resumes;
//   - a close code retrying cannot fix (4004, 4010-4014), whenever it
//     comes: RunGateway returns an error saying why (ErrTokenRejected for
//     4004, ErrFatalClose for the others) instead of discordgo's endless
//     retries.
//
// What discordgo v0.29.0 does not allow: it answers op 9 INVALID_SESSION
// by identifying again at once on the same connection, whatever d says
// and without telling the program, so that IDENTIFY is not checked
// against the session-start budget; and it resumes on the URL it first
// connected to, never on READY's resume_gateway_url.
//
// Each interaction is answered from its own goroutine (discordgo's) with a
// POST to the interaction callback that okbot makes itself, outside
// discordgo's rate limiter, encoded exactly as the HTTP endpoint's inline
// answers; it is sent by Discord's 3 s deadline or abandoned there. A
// callback refused (a 429, a 5xx) is logged once and not retried. A panicking handler is logged with
// its stack and the user gets commands.Apology; the bot keeps running.
func RunGateway(ctx context.Context, cfg GatewayConfig) error {
	if err := cfg.check(); err != nil {
		return err
	}
	if cfg.Responder != nil {
		return runGateway(ctx, cfg, cfg.Responder)
	}
	return runGateway(ctx, cfg, cfg.Registry)
}

// runGateway is RunGateway answering with responder rather than
// cfg.Registry, so tests can wrap the registry (to make it panic).
func runGateway(ctx context.Context, cfg GatewayConfig, responder Responder) error {
	log := cfg.logger()
	defer routeLibraryLogs(log)()
	g := &gateway{
		shard:    cfg.shard(),
		log:      log,
		answers:  answersFor(responder),
		rest:     newREST(cfg.Client, cfg.Token, cfg.sleep),
		now:      cfg.now,
		sleep:    cfg.sleep,
		deadline: cfg.answerDeadline,
		// Answers being sent when shutdown begins may finish: they keep
		// ctx's values but not its cancellation, and have their deadline.
		callbacks: context.WithoutCancel(ctx),
		obs:       observerOr(cfg.Observer),
	}
	g.rest.obs = g.obs
	if g.now == nil {
		g.now = time.Now
	}
	if g.sleep == nil {
		g.sleep = sleepCtx
	}
	if g.deadline == 0 {
		g.deadline = discordgo.InteractionDeadline
	}

	var app *discordgo.Application
	err := g.retry(ctx, "checking the bot token", func() (err error) {
		app, err = g.rest.application(ctx)
		return err
	})
	if err != nil {
		return unlessDone(ctx, err)
	}
	switch {
	case cfg.Register && g.shard[0] != 0:
		log.Info("shard 0 registers the commands; this shard does not", "shard", g.shard[0])
	case cfg.Register:
		err := g.retry(ctx, "registering commands", func() error { return register(ctx, g.rest, app.ID, cfg) })
		if err != nil {
			return unlessDone(ctx, err)
		}
	}

	s, err := discordgo.New("Bot " + cfg.Token)
	if err != nil {
		return fmt.Errorf("creating Discord session: %w", err)
	}
	// INTERACTION_CREATE belongs to no intent; discordgo's default asks for
	// every unprivileged one, and their events would only cost bandwidth.
	s.Identify.Intents = discordgo.IntentsNone
	s.ShouldReconnectOnError = false // see stayConnected
	s.StateEnabled = false           // nothing reads the state cache
	// discordgo sends the shard only when ShardCount > 1; [0, 1], which
	// Discord accepts too, keeps one meaning for every IDENTIFY.
	s.ShardID, s.ShardCount = g.shard[0], g.shard[1]
	s.Identify.Shard = &g.shard
	// discordgo's own REST call (GET /gateway inside Open) must not sleep
	// out a 429: stayConnected waits for it, cancellably.
	s.ShouldRetryOnRateLimit = false
	// Warnings carry the gateway's read errors; informational lines and
	// below log callback URLs, the IDENTIFY packet and raw events, which
	// hold tokens. routeLibraryLogs drops them too.
	s.LogLevel = discordgo.LogWarning

	// Connections and discordgo's requests are made under dialCtx, which
	// abortDials ends; that closes them and so interrupts a hanging Open.
	dialCtx, abortDials := context.WithCancel(context.WithoutCancel(ctx))
	defer abortDials()
	g.conns = &connWatch{ctx: dialCtx, log: log}
	s.Dialer = g.conns.dialer(cfg.TLSConfig)
	s.Client = abortable(cfg.Client, dialCtx)

	s.AddHandler(g.interactionCreate)
	s.AddHandler(func(_ *discordgo.Session, r *discordgo.Ready) {
		user := ""
		if r.User != nil {
			user = r.User.Username
		}
		log.Info("connected to Discord's gateway", "user", user, "guilds", len(r.Guilds), "shard", g.shard[0], "shards", g.shard[1])
		g.obs.Gateway(GatewayIdentified)
	})
	s.AddHandler(func(*discordgo.Session, *discordgo.Resumed) {
		log.Info("resumed the gateway session")
		g.obs.Gateway(GatewayResumed)
	})
	if cfg.started != nil {
		cfg.started(s)
	}

	err = g.stayConnected(ctx, s, abortDials)
	if cerr := s.Close(); cerr != nil {
		log.Warn("closing the gateway connection", "err", cerr)
	}
	if cfg.draining != nil {
		cfg.draining()
	}
	g.inflight.closeAndWait()
	if err == nil {
		log.Info("disconnected from Discord's gateway")
	}
	return err
}

// gateway is one RunGateway: its connection and the interactions it
// answers.
type gateway struct {
	// shard is [id, count], what the IDENTIFY says.
	shard   [2]int
	log     *slog.Logger
	answers *Answers
	rest    *rest
	conns   *connWatch
	now     func() time.Time
	sleep   func(context.Context, time.Duration) bool
	// callbacks is the parent of each callback's context, which ends
	// deadline after the interaction arrived.
	callbacks context.Context
	deadline  time.Duration
	inflight  inflight
	obs       Observer
	// Used by stayConnected's goroutine only.
	tookTurn     bool // waitForTurn was done before the first Open
	warnedShards bool // the recommended shard count was warned about
}

// unlessDone is err, or nil when ctx is done: a start-up step interrupted
// by shutdown is no error.
func unlessDone(ctx context.Context, err error) error {
	if ctx.Err() != nil {
		return nil
	}
	return err
}

// retry runs step until it succeeds, fails for a reason that will not
// pass by itself (see transient), or ctx ends, waiting a growing delay
// (at least what a 429 asked for) after each transient failure.
func (g *gateway) retry(ctx context.Context, what string, step func() error) error {
	delay := minReconnectDelay
	for {
		err := step()
		if err == nil || ctx.Err() != nil || !transient(err) {
			return err
		}
		wait := max(delay, retryAfterOf(err))
		g.log.Warn(what+" failed; retrying", "err", err, "retry_in", wait)
		if !g.sleep(ctx, wait) {
			return ctx.Err()
		}
		delay = min(2*delay, maxReconnectDelay)
	}
}

// stayConnected opens the gateway connection and reopens it whenever it is
// lost, until ctx is done (nil) or reconnecting cannot help (an error).
// discordgo's own reconnect is off (ShouldReconnectOnError), so after a
// lost connection discordgo closes it and does nothing more; its next Open
// resumes, as it still has the session id.
//
// A connection counts as lost once discordgo has closed it, not on
// discordgo's Disconnect event: discordgo emits one for every Close call,
// and the heartbeat goroutine of a lost connection may call Close again a
// moment later, whose stale event would look like the next connection's
// loss.
func (g *gateway) stayConnected(ctx context.Context, s *discordgo.Session, abortDials func()) error {
	delay := minReconnectDelay
	for {
		attempted, err := g.open(ctx, s, abortDials)
		wait := delay
		switch {
		case ctx.Err() != nil:
			return nil
		case err != nil:
			if fatal := g.fatal(err); fatal != nil {
				g.obs.Gateway(GatewayFatalClose)
				return fmt.Errorf("opening gateway: %w", fatal)
			}
			g.obs.Gateway(GatewayDisconnected)
			wait = max(delay, retryAfterOf(err))
			g.log.Warn("connecting to Discord's gateway failed; retrying", "err", err, "retry_in", wait)
		default:
			conn := g.conns.latest.Load()
			select {
			case <-ctx.Done():
				return nil
			case <-conn.gone:
			}
			if fatal := conn.fatal(); fatal != nil {
				g.obs.Gateway(GatewayFatalClose)
				return fmt.Errorf("gateway connection: %w", fatal)
			}
			g.obs.Gateway(GatewayDisconnected)
			lasted := g.now().Sub(attempted)
			if lasted >= stableConnection {
				delay, wait = minReconnectDelay, minReconnectDelay
			}
			g.log.Warn("lost the gateway connection; reconnecting", "after", lasted.Round(time.Second), "retry_in", wait)
		}
		if !g.sleep(ctx, wait) {
			return nil
		}
		delay = min(2*delay, maxReconnectDelay)
	}
}

// open connects once: it waits until Discord allows a session start, then
// calls discordgo's Open, which resumes when it can and identifies
// otherwise. attempted is when Open was called: how long a connection
// lasted counts from there (a test's clock can be moved past it).
func (g *gateway) open(ctx context.Context, s *discordgo.Session, abortDials func()) (attempted time.Time, err error) {
	maxConcurrency, err := g.waitForSessionStart(ctx)
	if err != nil {
		return g.now(), err
	}
	if !g.tookTurn {
		if !g.waitForTurn(ctx, maxConcurrency) {
			return g.now(), ctx.Err()
		}
		g.tookTurn = true
	}
	// Open reads HELLO and READY without deadlines; when ctx ends,
	// closing the connections is what interrupts it.
	stop := context.AfterFunc(ctx, abortDials)
	defer stop()
	attempted = g.now()
	err = s.Open()
	if errors.Is(err, discordgo.ErrWSAlreadyOpen) {
		return attempted, nil
	}
	return attempted, err
}

// waitForSessionStart returns once Discord allows one more session start
// today, with how many shards may identify in each 5 s
// (max_concurrency). Discord allows 1000 a day and resets the token of a
// bot that goes over, which a restart loop would soon do; with none left
// it waits for the reset, saying so.
func (g *gateway) waitForSessionStart(ctx context.Context) (maxConcurrency int, err error) {
	for {
		gw, err := g.rest.gatewayBot(ctx)
		if err != nil {
			return 0, err
		}
		lim := gw.SessionStartLimit
		g.obs.SessionStarts(lim.Remaining)
		g.checkShardCount(gw.Shards)
		if lim.Total == 0 || lim.Remaining > 0 {
			if lim.Remaining < lim.Total/10 {
				g.log.Warn("few gateway session starts left today; is okbot restarting in a loop?", "remaining", lim.Remaining, "total", lim.Total)
			}
			return lim.MaxConcurrency, nil
		}
		wait := max(time.Duration(lim.ResetAfter)*time.Millisecond, minReconnectDelay)
		g.obs.Gateway(GatewayWaiting)
		g.log.Warn("all gateway session starts allowed today are used up (is okbot restarting in a loop?); waiting for Discord's reset rather than going over, which would reset the token",
			"total", lim.Total, "reset_in", wait.Round(time.Second))
		if !g.sleep(ctx, wait) {
			return 0, ctx.Err()
		}
	}
}

// checkShardCount warns, once, when Discord recommends more shards than
// okbot runs: at 2,500 guilds a shard it refuses to connect (4011).
func (g *gateway) checkShardCount(recommended int) {
	if recommended <= g.shard[1] || g.warnedShards {
		return
	}
	g.warnedShards = true
	g.log.Warn(`Discord recommends more shards than okbot runs; at 2,500 servers a shard it will refuse to connect (4011): raise OKBOT_SHARD_COUNT and run one okbot per shard, see "Sharding" in the README`,
		"recommended", recommended, "shards", g.shard[1])
}

// waitForTurn waits for this shard's turn to identify among shards
// started together: Discord lets max_concurrency shards identify in each
// 5 s and refuses the others, so shard k waits ⌊k / max_concurrency⌋ ×
// 5 s. It reports false if ctx ended first.
func (g *gateway) waitForTurn(ctx context.Context, maxConcurrency int) bool {
	wait := turn(g.shard[0], maxConcurrency)
	if wait == 0 {
		return true
	}
	g.log.Info("waiting for this shard's turn to identify", "shard", g.shard[0], "max_concurrency", maxConcurrency, "wait", wait)
	return g.sleep(ctx, wait)
}

// turn is how long shard waits before its first IDENTIFY when
// maxConcurrency shards may identify in each 5 s (0, if Discord did not
// say, counts as 1).
func turn(shard, maxConcurrency int) time.Duration {
	return time.Duration(shard/max(maxConcurrency, 1)) * identifyWindow
}

// fatal explains why a failed Open cannot be retried, or returns nil.
func (g *gateway) fatal(err error) error {
	if statusOf(err) == http.StatusUnauthorized {
		return rejectedToken("401 Unauthorized")
	}
	if errors.Is(err, ErrTokenRejected) {
		return err
	}
	var ce *websocket.CloseError
	if errors.As(err, &ce) {
		if f := fatalClose(ce.Code, ce.Text); f != nil {
			return f
		}
	}
	return g.conns.fatal()
}

// fatalClose explains a gateway close code that retrying cannot fix, or
// returns nil for any other code.
func fatalClose(code int, text string) error {
	why := ""
	switch code {
	case 4004:
		return rejectedToken("gateway closed with 4004 Authentication failed")
	case 4010:
		why = `the shard settings are invalid: OKBOT_SHARD_ID must run from 0 to OKBOT_SHARD_COUNT-1; see "Sharding" in the README`
	case 4011:
		why = `the bot is in too many servers for its shards (Discord requires one shard per 2,500 servers): raise OKBOT_SHARD_COUNT and run one okbot per shard; see "Sharding" in the README`
	case 4012:
		why = "Discord no longer supports this discordgo's gateway version; upgrade discordgo"
	case 4013:
		why = "the intents sent are invalid"
	case 4014:
		why = "the bot asked for a privileged intent that is not enabled in the Developer Portal (Bot > Privileged Gateway Intents); okbot needs none"
	default:
		return nil
	}
	return &closedError{code: code, text: text, why: why}
}

// closedError is a close code retrying cannot fix; it is ErrFatalClose.
type closedError struct {
	code      int
	text, why string
}

func (e *closedError) Error() string {
	return fmt.Sprintf("Discord closed the gateway with %d %q, which retrying cannot fix: %s", e.code, e.text, e.why)
}

func (e *closedError) Is(target error) bool { return target == ErrFatalClose }
