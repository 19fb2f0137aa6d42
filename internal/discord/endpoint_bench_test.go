package discord

import (
	"bytes"
	"crypto/ed25519"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"testing"

	"github.com/bwmarrin/discordgo"
	"github.com/go-json-experiment/json/jsontext"

	"github.com/okbot/okbot/internal/baseline"
	"github.com/okbot/okbot/internal/redact"
)

// benchInteractions are realistic, full-size interactions, one per kind
// of answer.
func benchInteractions() []struct{ name, body string } {
	return []struct{ name, body string }{
		{"ping", ping},
		{"season2", slash("season2")},
		{"cast", slash("cast")},
		{"cast_name", slash("cast", stringOption("name", "Seo Ye-ji"))},
		{"ratings_episode", slash("ratings", intOption("episode", 16))},
		{"ratings_chart", slash("ratings")},
		{"autocomplete", autocomplete("cast", "name", "kim")},
		{"button", click("v1:cast:en:p:2", invoker)},
	}
}

// rewindBody is a request body that can be read again.
type rewindBody struct{ bytes.Reader }

func (*rewindBody) Close() error { return nil }

// benchWriter is a ResponseWriter that keeps nothing but the status.
type benchWriter struct {
	h    http.Header
	code int
}

func (w *benchWriter) Header() http.Header  { return w.h }
func (w *benchWriter) WriteHeader(code int) { w.code = code }
func (w *benchWriter) Write(p []byte) (int, error) {
	if w.code == 0 {
		w.code = http.StatusOK // as net/http does
	}
	return len(p), nil
}

// BenchmarkEndpoint measures ServeHTTP for one interaction, signature
// check included, in four modes:
//
//   - cached, uncached: with and without the response cache, logging a
//     JSON line at info;
//   - quiet: cached, logging at error as in the text mix of okbot-load
//     compare, so no line is written;
//   - redacted: cached, logging at info through the redacting handler
//     over JSON, as okbot serve does in the realistic mix.
//
// Run with -benchmem or read the allocs it reports; BenchmarkBaseline is
// the floor.
func BenchmarkEndpoint(b *testing.B) {
	for _, mode := range []string{"cached", "uncached", "quiet", "redacted"} {
		for _, tc := range benchInteractions() {
			b.Run(mode+"/"+tc.name, func(b *testing.B) {
				var h slog.Handler = slog.NewJSONHandler(io.Discard, nil)
				switch mode {
				case "quiet":
					h = slog.NewJSONHandler(io.Discard, &slog.HandlerOptions{Level: slog.LevelError})
				case "redacted":
					h = redact.New(token).Handler(h)
				}
				e := newEndpoint(b, nil, slog.New(h))
				if mode == "uncached" {
					e.answers.cur.Store(&generation{responder: e.answers.now().responder}) // no cache
				}
				benchServe(b, e, tc.body)
			})
		}
	}
}

// benchServe measures h serving body, signed, with status 200.
func benchServe(b *testing.B, h http.Handler, body string) {
	r := signedRequest(body)
	raw := []byte(body)
	rb := new(rewindBody)
	w := &benchWriter{h: http.Header{}}
	b.ReportAllocs()
	b.SetBytes(int64(len(body)))
	for b.Loop() {
		rb.Reset(raw)
		r.Body = rb
		clear(w.h)
		w.code = 0
		h.ServeHTTP(w, r)
		if w.code != http.StatusOK {
			b.Fatalf("status %d", w.code)
		}
	}
}

// BenchmarkDecode compares decoding into okbot's lean struct (ending in a
// commands.Request), as both transports do, with decoding a whole
// discordgo.Interaction, and with the floor of any decoder built on the
// JSON library okbot uses: reading the body's tokens and nothing else
// (jsontext skipping the one value it is).
func BenchmarkDecode(b *testing.B) {
	body := []byte(slash("cast", stringOption("name", "Seo Ye-ji")))
	b.Run("floor", func(b *testing.B) {
		b.ReportAllocs()
		r := bytes.NewReader(body)
		dec := jsontext.NewDecoder(r)
		for b.Loop() {
			r.Reset(body)
			dec.Reset(r)
			if err := dec.SkipValue(); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("lean", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			var in interaction
			if err := in.decode(body); err != nil {
				b.Fatal(err)
			}
			_, _ = in.request()
		}
	})
	b.Run("discordgo", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			var i discordgo.Interaction
			if err := json.Unmarshal(body, &i); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkBaseline is the floor BenchmarkEndpoint is measured against,
// okbot-load's baseline server's handler (package baseline): read the body
// behind the timestamp into a pooled buffer, verify the signature, write a
// fixed answer. What an Endpoint costs beyond it is okbot's own work.
func BenchmarkBaseline(b *testing.B) {
	mux := http.NewServeMux()
	mux.HandleFunc("POST /interactions", baseline.Handler(testKey.Public().(ed25519.PublicKey)))
	benchServe(b, mux, slash("cast", stringOption("name", "Seo Ye-ji")))
}
