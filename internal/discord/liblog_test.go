package discord

import (
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/bwmarrin/discordgo"

	"github.com/okbot/okbot/internal/discordtest"
)

// discordgo's own lines reach okbot's handler up to warning and never
// below, whatever level okbot logs at: below, they hold tokens.
func TestLibraryLinesStopAtWarning(t *testing.T) {
	log, logs := testLogger(t) // at debug
	defer routeLibraryLogs(log)()
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

// After a RESUME, discordgo's Open warns about the first replayed event
// with %#v, which would print an interaction's JSON, token included, as a
// list of bytes.
func TestLibraryLinesShowNoRawEvents(t *testing.T) {
	log, logs := testLogger(t)
	defer routeLibraryLogs(log)()
	const token = "aW50ZXJhY3Rpb246MTMwMDAwMDAwMDAwMDAwMDAwMTpyZXBsYXllZC1ldmVudC10b2tlbg"
	raw := []byte(`{"id":"1300000000000000001","token":"` + token + `","type":2}`)
	e := &discordgo.Event{Operation: 0, Type: "INTERACTION_CREATE", RawData: raw}
	discordgo.Logger(discordgo.LogWarning, 2, "Expected READY/RESUMED, instead got:\n%#v\n", e)
	discordgo.Logger(discordgo.LogWarning, 2, "raw %s %v", json.RawMessage(raw), raw)
	out := logs.String()
	if !strings.Contains(out, `INTERACTION_CREATE`) || !strings.Contains(out, "bytes not shown") {
		t.Errorf("log does not describe the event:\n%s", out)
	}
	for _, form := range []string{token, fmt.Sprintf("%#v", raw[20:40]), fmt.Sprintf("%v", raw[20:40]), hex.EncodeToString(raw[20:40])} {
		form = strings.TrimPrefix(strings.TrimSuffix(strings.TrimPrefix(form, "[]byte{"), "}"), "[")
		if strings.Contains(out, strings.TrimSuffix(form, "]")) {
			t.Errorf("log holds the event's bytes (%.30s…):\n%s", form, out)
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

// discordgo cannot decode some interactions Discord sends (a member's
// malformed joined_at, modal components of type 18); okbot decodes them
// itself, so discordgo's error about them is not logged as okbot's.
func TestLibraryDecodeErrorsOfInteractionsNotLogged(t *testing.T) {
	log, logs := testLogger(t)
	defer routeLibraryLogs(log)()
	discordgo.Logger(discordgo.LogError, 2, "error unmarshalling %s event, %s", "INTERACTION_CREATE", "unknown component type: 18")
	discordgo.Logger(discordgo.LogError, 2, "error unmarshalling %s event, %s", "READY", "bad")
	out := logs.String()
	if strings.Contains(out, "INTERACTION_CREATE") || !strings.Contains(out, "READY") {
		t.Errorf("log = %s, want discordgo's READY error only", out)
	}
}
