// Package config reads okbot's settings from the environment. It is the only
// place that knows the variable names; everything else takes a Config.
package config

import (
	"crypto/ed25519"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Mode is what okbot was asked to do; it decides which variables are
// required.
type Mode int

const (
	// Gateway: `okbot run`, connect to Discord's gateway. Needs DISCORD_TOKEN.
	Gateway Mode = iota + 1
	// Serve: `okbot serve`, the HTTP interactions endpoint. Needs
	// DISCORD_PUBLIC_KEY, and DISCORD_TOKEN only when OKBOT_REGISTER=true.
	Serve
	// Register: `okbot register`, overwrite the command definitions and exit.
	// Needs DISCORD_TOKEN.
	Register
	// Offline: `okbot ask`, `commands`, `validate`. Needs nothing, and
	// ignores the secrets (a bad token in .env must not stop `okbot ask`).
	Offline
)

// Config is okbot's configuration. Each field names its variable and says
// when it is required.
type Config struct {
	// Token is the bot token (DISCORD_TOKEN) without the "Bot " prefix.
	// Required for Gateway and Register, and for Serve with Register set.
	Token string
	// GuildID (DISCORD_GUILD_ID) registers the commands to one guild, where
	// updates show at once, instead of globally. Optional.
	GuildID string
	// Register (OKBOT_REGISTER) overwrites the command definitions with one
	// bulk PUT at startup. Default true for Gateway, false for Serve.
	Register bool
	// DataDir (OKBOT_DATA) loads the facts from a directory instead of the
	// copy built into the binary. Optional.
	DataDir string
	// LogLevel (OKBOT_LOG_LEVEL): debug, info, warn or error. Default info.
	LogLevel slog.Level
	// PublicKey (DISCORD_PUBLIC_KEY, 64 hex characters) verifies the
	// signatures of HTTP interactions. Required for Serve.
	PublicKey ed25519.PublicKey
	// Addr (OKBOT_ADDR) is where Serve listens. Default ":8080".
	Addr string
	// DrainDelay (OKBOT_DRAIN_DELAY, a Go duration such as 5s) is how long
	// Serve keeps answering after SIGTERM while /readyz reports 503, so a
	// load balancer stops sending first. From 0s to 1m; default 5s; 0
	// stops at once.
	DrainDelay time.Duration
	// AdminAddr (OKBOT_ADMIN_ADDR) is where the admin listener serves
	// /metrics, /healthz, /readyz and POST /admin/reload, in every mode
	// that answers. Optional: empty means no admin listener (its reload
	// is unauthenticated, so it must never appear on a network by
	// default). Never the same as Addr.
	AdminAddr string
	// LogFormat (OKBOT_LOG_FORMAT): text or json. Default text.
	LogFormat LogFormat
	// Cooldown (OKBOT_COOLDOWN, e.g. 5/30s) limits one user's commands.
	// Optional: off by default.
	Cooldown Cooldown
	// Shard (OKBOT_SHARD_ID and OKBOT_SHARD_COUNT, both or neither) is
	// which shard `okbot run` connects as. Default Unsharded; see shard.go.
	Shard Shard

	// Public is what okbot's pages (GET /, /privacy, /terms and `okbot
	// pages`) say about this copy of okbot. Optional; see public.go.
	Public Public
}

// Error lists every problem found in the environment, one per line.
type Error struct {
	Problems []string
}

func (e *Error) Error() string {
	return "configuration:\n  " + strings.Join(e.Problems, "\n  ")
}

// The shapes below are compiled when first needed, not when okbot
// starts: most settings are unset.

// A Discord bot token is three base64url segments joined by dots.
var tokenShape = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$`)
})

// Snowflakes are unsigned 64-bit integers in decimal.
var snowflake = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[0-9]{1,20}$`) })

// Load reads the configuration for mode through getenv (os.Getenv in
// production) and reports every missing or invalid variable at once as an
// *Error. Secrets never appear in its messages.
func Load(getenv func(string) string, mode Mode) (Config, error) {
	var problems []string
	bad := func(format string, args ...any) { problems = append(problems, fmt.Sprintf(format, args...)) }

	c := Config{
		GuildID:  strings.TrimSpace(getenv("DISCORD_GUILD_ID")),
		DataDir:  strings.TrimSpace(getenv("OKBOT_DATA")),
		Addr:     strings.TrimSpace(getenv("OKBOT_ADDR")),
		Register: mode == Gateway,
	}
	if c.Addr == "" {
		c.Addr = ":8080"
	}
	c.DrainDelay = 5 * time.Second
	if v := strings.TrimSpace(getenv("OKBOT_DRAIN_DELAY")); v != "" {
		d, err := time.ParseDuration(v)
		if err != nil || d < 0 || d > time.Minute {
			bad("OKBOT_DRAIN_DELAY=%q is not a duration from 0s to 1m, e.g. 5s", v)
		}
		c.DrainDelay = d
	}

	if v := strings.TrimSpace(getenv("OKBOT_REGISTER")); v != "" {
		b, err := strconv.ParseBool(v)
		if err != nil {
			bad("OKBOT_REGISTER=%q is not a boolean; use true or false", v)
		}
		c.Register = b
	}

	switch v := strings.ToLower(strings.TrimSpace(getenv("OKBOT_LOG_LEVEL"))); v {
	case "", "info":
		c.LogLevel = slog.LevelInfo
	case "debug":
		c.LogLevel = slog.LevelDebug
	case "warn", "warning":
		c.LogLevel = slog.LevelWarn
	case "error":
		c.LogLevel = slog.LevelError
	default:
		bad("OKBOT_LOG_LEVEL=%q is not a level; use debug, info, warn or error", v)
	}

	if c.GuildID != "" && !snowflake().MatchString(c.GuildID) {
		bad("DISCORD_GUILD_ID=%q is not a Discord id; copy the server id (digits only) with Developer Mode on, or leave it empty to register globally", c.GuildID)
	}

	needToken := mode == Gateway || mode == Register || (mode == Serve && c.Register)
	token := strings.TrimSpace(getenv("DISCORD_TOKEN"))
	token = strings.TrimPrefix(token, "Bot ")
	switch {
	case token == "" && needToken:
		why := ""
		if mode == Serve {
			why = " (OKBOT_REGISTER=true makes okbot serve register the commands)"
		}
		bad("DISCORD_TOKEN is not set%s; copy the bot token from the Discord developer portal (Bot > Reset Token) into .env or the environment", why)
	case token != "" && mode != Offline && !tokenShape().MatchString(token):
		bad("DISCORD_TOKEN is malformed (a bot token is three dot-separated parts of letters, digits, - and _); copy it again from the developer portal (Bot > Reset Token), without quotes or spaces")
	}
	c.Token = token

	key := strings.TrimSpace(getenv("DISCORD_PUBLIC_KEY"))
	switch {
	case key == "" && mode == Serve:
		bad("DISCORD_PUBLIC_KEY is not set; copy the application's Public Key (64 hex characters) from the developer portal's General Information page")
	case key != "" && mode == Serve:
		b, err := hex.DecodeString(key)
		if err != nil || len(b) != ed25519.PublicKeySize {
			bad("DISCORD_PUBLIC_KEY is not 64 hexadecimal characters; copy the Public Key from the developer portal's General Information page (not the bot token or client secret)")
		} else {
			c.PublicKey = ed25519.PublicKey(b)
		}
	}

	if mode == Serve && c.Addr != "" && !strings.Contains(c.Addr, ":") {
		bad("OKBOT_ADDR=%q is not a listen address; use host:port or :port, e.g. :8080", c.Addr)
	}

	c.Shard = Unsharded
	if mode == Gateway {
		c.Shard = loadShard(getenv, bad)
	}

	c.Public = loadPublic(getenv, bad)
	loadOps(getenv, mode, &c, bad)

	if len(problems) > 0 {
		return Config{}, &Error{Problems: problems}
	}
	return c, nil
}

// IsConfigError reports whether err is a configuration problem.
func IsConfigError(err error) bool {
	var e *Error
	return errors.As(err, &e)
}
