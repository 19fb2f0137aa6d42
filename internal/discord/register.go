package discord

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"

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
	// Logger receives one line per interaction and the connection's
	// events. Optional: nil discards them.
	Logger *slog.Logger
	// Client carries every REST call (and the gateway URL lookup).
	// Optional: nil means discordgo's default client. Tests point it at a
	// fake Discord by swapping the Transport (see package discordtest).
	Client *http.Client
}

// ErrTokenRejected is returned when Discord answers 401 Unauthorized to the
// bot token, or closes the gateway with 4004 (Authentication failed).
var ErrTokenRejected = errors.New("Discord rejected the bot token")

// rejectedToken says how Discord rejected the token and what to do about
// it.
func rejectedToken(how string) error {
	return fmt.Errorf("%w (%s): reset it in the Developer Portal (Bot > Reset Token) and copy the new token, without a \"Bot \" prefix", ErrTokenRejected, how)
}

func (cfg GatewayConfig) check() error {
	switch {
	case cfg.Token == "":
		return errors.New("discord: no bot token")
	case cfg.Registry == nil:
		return errors.New("discord: no command registry")
	}
	return nil
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
// token (a 401 returns ErrTokenRejected).
func Register(ctx context.Context, cfg GatewayConfig) error {
	if err := cfg.check(); err != nil {
		return err
	}
	s, err := newSession(cfg)
	if err != nil {
		return err
	}
	app, err := currentApplication(ctx, s)
	if err != nil {
		return err
	}
	return register(ctx, s, app.ID, cfg)
}

// newSession returns a discordgo session for REST calls; nothing is
// dialled yet.
func newSession(cfg GatewayConfig) (*discordgo.Session, error) {
	s, err := discordgo.New("Bot " + cfg.Token)
	if err != nil {
		return nil, fmt.Errorf("creating Discord session: %w", err)
	}
	if cfg.Client != nil {
		s.Client = cfg.Client
	}
	return s, nil
}

// currentApplication asks Discord which application the token belongs to.
// It is the cheapest call that proves the token works, so it comes before
// anything that spends a limited resource (an IDENTIFY, a command
// overwrite). discordgo's Session.Application takes no request options, so
// the request is made directly to carry ctx.
func currentApplication(ctx context.Context, s *discordgo.Session) (*discordgo.Application, error) {
	endpoint := discordgo.EndpointApplication("@me")
	body, err := s.RequestWithBucketID(http.MethodGet, endpoint, nil, endpoint, discordgo.WithContext(ctx))
	if err != nil {
		if status(err) == http.StatusUnauthorized {
			return nil, rejectedToken("401 Unauthorized")
		}
		return nil, fmt.Errorf("asking Discord which application the token belongs to: %w", err)
	}
	var app discordgo.Application
	if err := json.Unmarshal(body, &app); err != nil || app.ID == "" {
		return nil, fmt.Errorf("asking Discord which application the token belongs to: unexpected answer %.200q", body)
	}
	return &app, nil
}

// register bulk-overwrites the commands with one PUT.
func register(ctx context.Context, s *discordgo.Session, appID string, cfg GatewayConfig) error {
	log := cfg.logger()
	cmds := ApplicationCommands(cfg.Registry.Definitions())
	// An empty overwrite deletes every command: never send one by mistake.
	if len(cmds) == 0 {
		return errors.New("registering commands: the registry defines none")
	}
	where := "globally"
	if cfg.GuildID != "" {
		where = "in guild " + cfg.GuildID
	}
	created, err := s.ApplicationCommandBulkOverwrite(appID, cfg.GuildID, cmds, discordgo.WithContext(ctx))
	if err != nil {
		return registerError(err, appID, cfg.GuildID, where)
	}
	names := make([]string, len(created))
	for i, c := range created {
		names[i] = c.Name
	}
	scope := "global"
	if cfg.GuildID != "" {
		scope = "guild"
	}
	log.Info("registered commands", "count", len(created), "scope", scope, "guild_id", cfg.GuildID, "names", names)
	return nil
}

// registerError explains the failures of a bulk overwrite that the user can
// fix.
func registerError(err error, appID, guildID, where string) error {
	var re *discordgo.RESTError
	if !errors.As(err, &re) {
		return fmt.Errorf("registering commands %s: %w", where, err)
	}
	code := 0
	if re.Message != nil {
		code = re.Message.Code
	}
	switch {
	case status(err) == http.StatusUnauthorized:
		return rejectedToken("401 Unauthorized")
	case code == discordgo.ErrCodeMissingAccess && guildID != "":
		return fmt.Errorf("registering commands in guild %s: the bot may not manage commands there (403 Missing Access); invite it to that server with the applications.commands scope, https://discord.com/oauth2/authorize?client_id=%s&scope=bot+applications.commands, or check the guild id: %w", guildID, appID, err)
	case code == discordgo.ErrCodeUnknownGuild:
		return fmt.Errorf("registering commands in guild %s: Discord knows no such guild; check the guild id: %w", guildID, err)
	case code == discordgo.ErrCodeInvalidFormBody:
		return fmt.Errorf("registering commands %s: Discord refused the definitions (400 Invalid Form Body; the answer names the fields): %w", where, err)
	case code == 30034: // Max number of daily application command creates has been reached
		return fmt.Errorf("registering commands %s: Discord's limit of 200 command creations a day is used up; try again tomorrow: %w", where, err)
	}
	return fmt.Errorf("registering commands %s: %w", where, err)
}

// status is the HTTP status of a failed discordgo REST call, or 0.
func status(err error) int {
	var re *discordgo.RESTError
	if errors.As(err, &re) && re.Response != nil {
		return re.Response.StatusCode
	}
	return 0
}
