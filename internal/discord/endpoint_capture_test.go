package discord

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/bwmarrin/discordgo"
)

// TestEndpointCapture answers a realistic set of interactions through the
// endpoint and checks each reply decodes. With OKBOT_CAPTURE_DIR set it
// also writes every reply's JSON (the payload_json part of multipart
// replies) there, for .ci/run to check against Discord's OpenAPI spec.
func TestEndpointCapture(t *testing.T) {
	dir := os.Getenv("OKBOT_CAPTURE_DIR")
	e := newEndpoint(t, nil, nil)
	bodies := map[string]string{
		"ping":               ping,
		"season2":            slash("season2"),
		"season2-ko":         interactionJSON(discordgo.InteractionApplicationCommand, "ko", commandData("season2", nil), ""),
		"cast":               slash("cast"),
		"cast-name":          slash("cast", stringOption("name", "Seo Ye-ji")),
		"cast-hangul":        slash("cast", stringOption("name", "남주리")),
		"cast-unknown":       slash("cast", stringOption("name", "@everyone nobody")),
		"ratings":            slash("ratings"),
		"ratings-ko":         interactionJSON(discordgo.InteractionApplicationCommand, "ko", commandData("ratings", nil), ""),
		"about":              slash("about"),
		"help":               slash("help"),
		"unknown-command":    slash("season3"),
		"complete-empty":     autocomplete("cast", "name", ""),
		"complete-ju":        autocomplete("cast", "name", "ju"),
		"click-hope":         click("v1:s2:en:hope", invoker),
		"click-page":         click("v1:cast:en:p:2", invoker),
		"click-someone-else": click("v1:s2:en:hope", other),
		"click-stale":        click("v0:gone", invoker),
	}
	for ep := 1; ep <= 16; ep++ {
		bodies[fmt.Sprintf("ratings-%d", ep)] = slash("ratings", intOption("episode", ep))
	}
	// Channels that do not let a user-installed okbot embed links (plain
	// content) or attach files (no chart), in both languages.
	const full = `"app_permissions":"562949953601536"`
	for name, perms := range map[string]string{"no-embeds": "0", "no-files": "16384"} {
		for _, locale := range []string{"en-US", "ko"} {
			for _, command := range []string{"season2", "cast", "ratings", "about", "help"} {
				body := interactionJSON(discordgo.InteractionApplicationCommand, locale, commandData(command, nil), "")
				bodies[command+"-"+locale+"-"+name] = strings.Replace(body, full, `"app_permissions":"`+perms+`"`, 1)
			}
		}
		bodies["click-page-"+name] = strings.Replace(click("v1:cast:en:p:2", invoker), full, `"app_permissions":"`+perms+`"`, 1)
	}
	for name, body := range bodies {
		w := httptest.NewRecorder()
		e.ServeHTTP(w, signedRequest(body))
		if w.Code != http.StatusOK {
			t.Errorf("%s: status %d %s, want 200", name, w.Code, w.Body)
			continue
		}
		rep, err := decodeReply(w.Header(), w.Body.Bytes())
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if name == "ratings" && !strings.HasPrefix(rep.contentType, "multipart/form-data") {
			t.Errorf("ratings: Content-Type %q, want multipart/form-data with the chart", rep.contentType)
		}
		if dir != "" {
			if err := os.WriteFile(filepath.Join(dir, name+".json"), rep.payload, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
}
