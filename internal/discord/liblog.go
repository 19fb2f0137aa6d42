package discord

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"strings"
	"sync"

	"github.com/bwmarrin/discordgo"
)

// discordgo logs through one package-level function for all its sessions
// (discordgo.Logger), and without one it writes to the standard log
// package, past any redaction. routeLibraryLogs installs, once per
// process, a function that sends discordgo's lines to the logger of every
// RunGateway running (one, in production; the function it returns ends
// that), so they pass through the same handler, and its redaction, as
// okbot's own.
//
// Whatever level okbot logs at, discordgo's lines stop at warning: at
// its informational level discordgo logs callback URLs, which hold
// interaction tokens, and at debug the IDENTIFY packet (the bot token)
// and every raw event (interaction tokens again). Even a warning can hold
// a raw event: after a RESUME, Open logs the first event Discord replays
// with %#v, which prints its JSON as a list of bytes no redaction can
// read; so events and raw bytes are never formatted.
func routeLibraryLogs(log *slog.Logger) (stop func()) {
	installLibraryLogger.Do(func() { discordgo.Logger = libraryLine })
	libraryLoggers.Lock()
	defer libraryLoggers.Unlock()
	if libraryLoggers.m == nil {
		libraryLoggers.m = map[*slog.Logger]int{}
	}
	libraryLoggers.m[log]++
	return func() {
		libraryLoggers.Lock()
		defer libraryLoggers.Unlock()
		if libraryLoggers.m[log]--; libraryLoggers.m[log] <= 0 {
			delete(libraryLoggers.m, log)
		}
	}
}

var (
	installLibraryLogger sync.Once
	libraryLoggers       struct {
		sync.Mutex
		m map[*slog.Logger]int
	}
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
	if len(args) > 0 && args[0] == "INTERACTION_CREATE" && strings.HasPrefix(format, "error unmarshalling") {
		// okbot decodes interactions itself (see interactionCreate), and
		// reads shapes discordgo refuses; it warns about any it cannot.
		return
	}
	libraryLoggers.Lock()
	logs := make([]*slog.Logger, 0, len(libraryLoggers.m))
	for log := range libraryLoggers.m {
		logs = append(logs, log)
	}
	libraryLoggers.Unlock()
	var msg string
	for _, log := range logs {
		if !log.Enabled(context.Background(), l) {
			continue
		}
		if msg == "" {
			msg = fmt.Sprintf(format, libraryArgs(args)...)
		}
		log.Log(context.Background(), l, msg, "source", "discordgo")
	}
}

// libraryArgs replaces what may hold a raw event (see routeLibraryLogs)
// by a description of it.
func libraryArgs(args []any) []any {
	out := make([]any, len(args))
	for i, a := range args {
		switch a := a.(type) {
		case *discordgo.Event:
			if a == nil {
				out[i] = "<no event>"
				continue
			}
			out[i] = fmt.Sprintf("<event op %d %q, %d bytes not shown>", a.Operation, a.Type, len(a.RawData))
		case json.RawMessage:
			out[i] = fmt.Sprintf("<%d bytes not shown>", len(a))
		case []byte:
			out[i] = fmt.Sprintf("<%d bytes not shown>", len(a))
		default:
			out[i] = a
		}
	}
	return out
}
