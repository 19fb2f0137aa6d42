package main

import (
	"io"
	"log/slog"

	"github.com/okbot/okbot/internal/config"
	"github.com/okbot/okbot/internal/redact"
)

// newLogger is the one logger okbot writes through, at cfg.LogLevel, as
// text or JSON lines (cfg.LogFormat). Its handler, in either format,
// removes secrets from every line: the configured bot token
// wherever it appears, and anything shaped like a bot token, an
// interaction token or a request signature. discordgo's lines come
// through it too (see discord.RunGateway), and so do net/http's server
// errors (see discord.Serve).
func newLogger(stderr io.Writer, cfg config.Config) *slog.Logger {
	opts := &slog.HandlerOptions{Level: cfg.LogLevel}
	var h slog.Handler = slog.NewTextHandler(stderr, opts)
	if cfg.LogFormat == config.LogJSON {
		h = slog.NewJSONHandler(stderr, opts)
	}
	return slog.New(redact.New(cfg.Token).Handler(h))
}

// exitRedactor cleans the message okbot exits with. okbot's errors name
// routes, not URLs, and never hold a token; this is the second line.
var exitRedactor = redact.New()

func exitMessage(err error) string {
	return exitRedactor.String(err.Error())
}
