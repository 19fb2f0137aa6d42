package discord

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/okbot/okbot/internal/commands"
)

// GatewayConfig configures RunGateway and Register.
type GatewayConfig struct {
	// Token is the bot token, without the "Bot " prefix. Required. It is
	// never logged.
	Token string
	// GuildID registers the commands to this guild, where changes show at
	// once, instead of globally. Optional.
	GuildID string
	// Register makes RunGateway bulk-overwrite the commands once at
	// startup, before connecting. Register (the function) always does.
	Register bool
	// Registry answers the interactions and defines the commands.
	// Required.
	Registry *commands.Registry
	// Responder, when set, answers the interactions instead of Registry:
	// okbot passes Answers over it, so that the facts can be reloaded and
	// each user's commands limited (Answers.LimitPerUser). Registry still
	// defines the commands. Optional.
	Responder Responder
	// Observer is told about interactions, REST errors and the gateway
	// connection, for metrics and readiness. Optional.
	Observer Observer
	// Logger receives one line per interaction and the connection's
	// events. Optional: nil discards them.
	Logger *slog.Logger
	// TLSConfig is used for the gateway's wss:// connection. Optional: nil
	// checks Discord's certificate against the system's roots. Tests trust
	// a fake Discord's certificate with it.
	TLSConfig *tls.Config
	// ShardID and ShardCount say which shard RunGateway connects as: it
	// identifies as [ShardID, ShardCount] and Discord sends it the
	// interactions of the guilds whose id maps to that shard, and DMs to
	// shard 0. A bot needs one shard per about 2,500 guilds. ShardCount 0
	// means 1: unsharded. Only shard 0 registers the commands (Register),
	// so that shards started together send one bulk overwrite, not one
	// each. Register (the function) ignores them.
	ShardID, ShardCount int
	// Client carries every REST call (and the gateway URL lookup).
	// Optional: nil means a client with discordgo's default 20 s timeout.
	// Tests point it at a fake Discord by swapping the Transport (see
	// package discordtest).
	Client *http.Client

	// Seams for tests; production leaves them zero.
	// now is the clock that says how long a connection lasted.
	now func() time.Time
	// sleep waits between reconnects and for rate limits; it reports
	// false if ctx ended first.
	sleep func(ctx context.Context, d time.Duration) bool
	// started is told the session RunGateway made, before it connects.
	started func(*discordgo.Session)
	// answerDeadline replaces Discord's 3 s to answer an interaction.
	answerDeadline time.Duration
	// draining is told when shutdown starts waiting for the answers in
	// flight.
	draining func()
}

// ErrTokenRejected is returned when Discord answers 401 Unauthorized to the
// bot token, or closes the gateway with 4004 (Authentication failed).
var ErrTokenRejected = errors.New("Discord rejected the bot token")

// rejectedToken says how Discord rejected the token and what to do about
// it; it is ErrTokenRejected.
func rejectedToken(how string) error { return &tokenError{how} }

type tokenError struct{ how string }

func (e *tokenError) Error() string {
	return fmt.Sprintf("%v (%s): reset it in the Developer Portal (Bot > Reset Token) and copy the new token, without a \"Bot \" prefix", ErrTokenRejected, e.how)
}

func (e *tokenError) Is(target error) bool { return target == ErrTokenRejected }

func (cfg GatewayConfig) check() error {
	switch {
	case cfg.Token == "":
		return errors.New("discord: no bot token")
	case cfg.Registry == nil:
		return errors.New("discord: no command registry")
	case cfg.ShardCount < 0 || cfg.ShardID < 0 || cfg.ShardID >= max(cfg.ShardCount, 1):
		return fmt.Errorf("discord: shard %d of %d: a shard id runs from 0 to the shard count - 1", cfg.ShardID, cfg.ShardCount)
	}
	return nil
}

// shard is [ShardID, ShardCount], with ShardCount 0 as 1.
func (cfg GatewayConfig) shard() [2]int {
	return [2]int{cfg.ShardID, max(cfg.ShardCount, 1)}
}

func (cfg GatewayConfig) logger() *slog.Logger {
	if cfg.Logger == nil {
		return slog.New(slog.DiscardHandler)
	}
	return cfg.Logger
}

// Register overwrites the bot's slash commands with the Registry's
// definitions, in cfg.GuildID or globally, with one bulk PUT: commands no
// longer defined disappear, the others keep their ids. It first checks the
// token (a 401 returns ErrTokenRejected). A 429 is waited out for at most
// 30 s in all; ctx cancels any wait.
func Register(ctx context.Context, cfg GatewayConfig) error {
	if err := cfg.check(); err != nil {
		return err
	}
	c := newREST(cfg.Client, cfg.Token, cfg.sleep)
	c.obs = observerOr(cfg.Observer)
	app, err := c.application(ctx)
	if err != nil {
		return err
	}
	return register(ctx, c, app.ID, cfg)
}

// register bulk-overwrites the commands with one PUT.
func register(ctx context.Context, c *rest, appID string, cfg GatewayConfig) error {
	log := cfg.logger()
	scope := Global
	if cfg.GuildID != "" {
		scope = Guild
		log.Warn("DISCORD_GUILD_ID is set, so the commands are registered in that one server only: Discord allows user install and DMs only for global commands, so fans cannot add okbot to their own account or use it in DMs; leave DISCORD_GUILD_ID empty to register globally")
	}
	cmds := ApplicationCommands(cfg.Registry.Definitions(), scope)
	// An empty overwrite deletes every command: never send one by mistake.
	if len(cmds) == 0 {
		return errors.New("registering commands: the registry defines none")
	}
	where := "globally"
	if cfg.GuildID != "" {
		where = "in guild " + cfg.GuildID
	}
	created, err := c.overwriteCommands(ctx, appID, cfg.GuildID, cmds)
	if err != nil {
		return registerError(err, appID, cfg.GuildID, where)
	}
	names := make([]string, len(created))
	for i, cmd := range created {
		names[i] = cmd.Name
	}
	log.Info("registered commands", "count", len(created), "scope", map[Scope]string{Global: "global", Guild: "guild"}[scope], "guild_id", cfg.GuildID, "names", names)
	return nil
}

// registerError explains the failures of a bulk overwrite that the user can
// fix.
func registerError(err error, appID, guildID, where string) error {
	switch code := codeOf(err); {
	case statusOf(err) == http.StatusUnauthorized:
		return rejectedToken("401 Unauthorized")
	case code == discordgo.ErrCodeMissingAccess && guildID != "":
		return fmt.Errorf("registering commands in guild %s: the bot may not manage commands there (403 Missing Access); invite it to that server with the applications.commands scope, https://discord.com/oauth2/authorize?client_id=%s&scope=bot+applications.commands, or check the guild id: %w", guildID, appID, err)
	case code == discordgo.ErrCodeUnknownGuild:
		return fmt.Errorf("registering commands in guild %s: Discord knows no such guild; check the guild id: %w", guildID, err)
	case code == discordgo.ErrCodeInvalidFormBody:
		return fmt.Errorf("registering commands %s: Discord refused the definitions (400 Invalid Form Body; the answer names the fields): %w", where, err)
	case code == 30034: // Max number of daily application command creates has been reached
		return fmt.Errorf("registering commands %s: Discord's limit of 200 command creations a day is used up; try again tomorrow: %w", where, err)
	case statusOf(err) == http.StatusTooManyRequests:
		return fmt.Errorf("registering commands %s: Discord is rate limiting the bot for longer than okbot waits (%v); try again later: %w", where, retryAfterOf(err).Round(time.Second), err)
	}
	return fmt.Errorf("registering commands %s: %w", where, err)
}
