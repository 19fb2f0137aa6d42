package discord

import (
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/bwmarrin/discordgo"
)

// FuzzEndpoint sends validly signed arbitrary bodies: whatever they hold,
// the endpoint must not panic or answer 5xx, and every 200 must be a valid
// answer within Discord's limits.
func FuzzEndpoint(f *testing.F) {
	for _, body := range []string{
		ping,
		slash("season2"),
		slash("cast"),
		slash("cast", stringOption("name", "Seo Ye-ji")),
		slash("ratings"),
		slash("ratings", intOption("episode", 16)),
		slash("ratings", stringOption("episode", "sixteen")),
		slash("nope", `{"name":"x","type":1,"options":[{"name":"y","type":3,"value":"z"}]}`),
		autocomplete("cast", "name", "seo"),
		autocomplete("ratings", "episode", ""),
		click("v1:cast:en:p:2", invoker),
		click("v1:s2:ko:hope", other),
		interactionJSON(discordgo.InteractionModalSubmit, "ko", `{"custom_id":"m"}`, ""),
		`{"type":2,"data":{"name":"cast","options":[{"name":"name","value":{"a":[1,null]}}]}}`,
		`{"type":4,"data":{"name":"cast","options":[{"name":"name","focused":true,"value":1e400}]}}`,
		`{"type":3,"data":{"custom_id":"v1:cast:en:p:999"},"message":{"interaction_metadata":null}}`,
		`{"type":1,"id":null}`,
		`null`,
		``,
	} {
		f.Add(body)
	}
	var (
		once sync.Once
		e    *Endpoint
	)
	f.Fuzz(func(t *testing.T, body string) {
		once.Do(func() { e = newEndpoint(t, nil, nil) })
		w := do(e, signedRequest(body))
		switch w.Code {
		case http.StatusOK:
			if _, err := decodeReply(w.Header(), w.Body.Bytes()); err != nil {
				t.Fatalf("body %q: %v", body, err)
			}
		case http.StatusBadRequest, http.StatusRequestEntityTooLarge:
			if !strings.HasPrefix(w.Header().Get("Content-Type"), "text/plain") {
				t.Errorf("body %q: %d with Content-Type %q", body, w.Code, w.Header().Get("Content-Type"))
			}
		default:
			t.Fatalf("body %q: status %d", body, w.Code)
		}
	})
}
