package discord

import (
	"encoding/json"
	"net/http"
	"reflect"
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

// decodeCases are bodies on which interaction.decode's shortcuts could go
// wrong.
var decodeCases = []string{
	slash("cast", stringOption("name", "Seo Ye-ji")),
	click("v1:cast:en:p:2", other),
	autocomplete("ratings", "episode", "1"),
	`{"type":2,"data":{"name":"cast"},"member":null,"user":{"id":"1"},"message":null}`,
	`{"TYPE":2,"data":{"name":"cast"}}`,
	`{"\u0074ype":3,"data":{"custom_id":"x"}}`,
	`{"type":2,"member":{"User":{"id":"7"}},"data":{"name":"a"}}`,
	`{"type":2,"member":{"user":{"ID":"7"}},"data":{"name":"a"}}`,
	`{"type":3,"message":{"interaction_metadata":{"user":{"id":"1"}},"Interaction":{"user":{"id":"2"}}},"data":{"custom_id":"x"}}`,
	`{"type":2,"id":"caf\u00e9","locale":"k\"o","guild_locale":"\ud83d\ude00","data":{"name":"x"}}`,
	`{"type":2,"id":"bad utf-8 \xff","data":{"name":"x"}}`,
	`{"type":2,"id":"tab	inside","data":{"name":"x"}}`,
	`{"type":02}`, `{"type":-1}`, `{"type":1.0}`, `{"type":1e0}`, `{"type":99999999999}`, `{"type":"2"}`, `{"type":null}`, `{"type":true}`,
	`{"type":2,"id":17}`, `{"type":2,"locale":["ko"]}`, `{"type":2,"member":[]}`, `{"type":2,"member":"x"}`, `{"type":2,"user":5}`,
	`{"type":2,"data":{"name":"a"},"data":{"options":[{"name":"n","value":"v"}]}}`,
	`{"type":2,"member":{"user":{"id":"1"},"user":null}}`,
	`{"type":2,"member":{"user":{"id":"1"}},"member":{"user":{"id":"2"}}}`,
	`{"type":2,"data":{"name":"a","options":null}}`, `{"type":2,"data":{"name":"a","options":[]}}`, `{"type":2,"data":{"name":"a","options":[null,{}]}}`,
	`{"type":2,"data":{"name":"a","options":[{"name":"x","value":"1"}]},"data":{"options":[{"focused":true}]}}`,
	`{"type":2,"data":{"name":"a","options":[{"name":"x","value":1,"value":null,"focused":true,"focused":null}]}}`,
	`{"type":2,"data":{"name":"a","options":[{"name":"x","value":[1,{"a":"b"}]},{"name":null,"value":1e400}]}}`,
	`{"type":2,"data":{"name":"a","options":[{"name":"x","value":-0.5e-3,"focused":false,"type":4,"options":[{"name":"y"}]}]}}`,
	`{"type":2,"data":{"name":"a","options":{"name":"x"}}}`, `{"type":2,"data":{"name":"a","options":[{"focused":"yes"}]}}`,
	`{"type":2,"data":null}`, `{"type":2,"data":[]}`, `{"type":2,"data":{"Name":"a"}}`,
	` { "type" : 2 , "data" : { "name" : "cast" } } `,
	`{"type":2,"channel":{"a":[1,{"b":"}]\\\""}],"c":null}}`,
	`{"type":2,"channel":{]}`, `{"type":2,"channel":tru}`, `{"type":2,"x":}`, `{"type":2,}`, `{,}`, `{}`, `{"type":2}{}`, `{"type":2} x`,
	`{"type":2`, `{"type`, `{"type":"`, `"type"`, `[]`, `null`, ``, `{"type":2,"channel":"\`,
}

// FuzzDecode checks that interaction.decode agrees with encoding/json:
// whenever json.Unmarshal accepts a body, decode gives the same result.
// (decode may accept bodies with malformed JSON in members it skips.)
func FuzzDecode(f *testing.F) {
	for _, body := range decodeCases {
		f.Add([]byte(body))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		var fast, std interaction
		errFast := fast.decode(body)
		if err := json.Unmarshal(body, &std); err != nil {
			return
		}
		if errFast != nil {
			t.Fatalf("decode(%q) = %v; json.Unmarshal accepts it", body, errFast)
		}
		if !reflect.DeepEqual(fast, std) {
			t.Fatalf("decode(%q) = %+v, json.Unmarshal gives %+v", body, fast, std)
		}
	})
}
