package discord

import (
	"strings"
	"testing"

	"github.com/bwmarrin/discordgo"

	"github.com/okbot/okbot/internal/discordtest"
)

// discordgo's own lines reach okbot's handler up to warning and never
// below, whatever level okbot logs at: below, they hold tokens.
func TestLibraryLinesStopAtWarning(t *testing.T) {
	log, logs := testLogger(t) // at debug
	routeLibraryLogs(log)
	for level, line := range map[int]string{
		discordgo.LogError:         "error line",
		discordgo.LogWarning:       "warning line",
		discordgo.LogInformational: "informational line",
		discordgo.LogDebug:         "debug line",
	} {
		discordgo.Logger(level, 1, "%s %d", line, level)
	}
	out := logs.String()
	for _, want := range []string{`level=ERROR msg="error line 0" source=discordgo`, `level=WARN msg="warning line 1" source=discordgo`} {
		if !strings.Contains(out, want) {
			t.Errorf("log lacks %q:\n%s", want, out)
		}
	}
	for _, never := range []string{"informational line", "debug line"} {
		if strings.Contains(out, never) {
			t.Errorf("log has discordgo's %q:\n%s", never, out)
		}
	}
}

// The session does not even produce discordgo's lines below warning.
func TestRunGatewaySessionLogsAtWarning(t *testing.T) {
	fake := discordtest.New(t)
	levels := make(chan int, 1)
	startBot(t, fake, GatewayConfig{started: func(s *discordgo.Session) { levels <- s.LogLevel }}, nil)
	if l := <-levels; l > discordgo.LogWarning {
		t.Errorf("session LogLevel = %d, want at most LogWarning (%d)", l, discordgo.LogWarning)
	}
}
