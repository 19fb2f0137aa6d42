package discord

import (
	"context"
	"fmt"
	"log/slog"
	"sync"
	"sync/atomic"

	"github.com/bwmarrin/discordgo"
)

// discordgo logs through one package-level function for all its sessions
// (discordgo.Logger), and without one it writes to the standard log
// package, past any redaction. routeLibraryLogs installs, once per
// process, a function that sends discordgo's lines to the logger of the
// latest RunGateway, so they pass through the same handler (and its
// redaction) as okbot's own.
//
// Whatever level okbot logs at, discordgo's lines stop at warning: at
// its informational level discordgo logs callback URLs, which hold
// interaction tokens, and at debug the IDENTIFY packet (the bot token)
// and every raw event (interaction tokens again).
func routeLibraryLogs(log *slog.Logger) {
	installLibraryLogger.Do(func() { discordgo.Logger = libraryLine })
	libraryLogger.Store(log)
}

var (
	installLibraryLogger sync.Once
	libraryLogger        atomic.Pointer[slog.Logger]
)

func libraryLine(level, _ int, format string, args ...any) {
	var l slog.Level
	switch level {
	case discordgo.LogError:
		l = slog.LevelError
	case discordgo.LogWarning:
		l = slog.LevelWarn
	default:
		return // see routeLibraryLogs
	}
	log := libraryLogger.Load()
	if log == nil || !log.Enabled(context.Background(), l) {
		return
	}
	log.Log(context.Background(), l, fmt.Sprintf(format, args...), "source", "discordgo")
}
