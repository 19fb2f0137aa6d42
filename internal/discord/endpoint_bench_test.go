package discord

import (
	"bytes"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"testing"

	"github.com/bwmarrin/discordgo"
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

func (w *benchWriter) Header() http.Header         { return w.h }
func (w *benchWriter) WriteHeader(code int)        { w.code = code }
func (w *benchWriter) Write(p []byte) (int, error) { return len(p), nil }

// BenchmarkEndpoint measures ServeHTTP for one interaction, signature
// check and a JSON log line included, with and without the response
// cache. Run with -benchmem or read the allocs it reports.
func BenchmarkEndpoint(b *testing.B) {
	for _, mode := range []string{"cached", "uncached"} {
		for _, tc := range benchInteractions() {
			b.Run(mode+"/"+tc.name, func(b *testing.B) {
				e := newEndpoint(b, nil, slog.New(slog.NewJSONHandler(io.Discard, nil)))
				if mode == "uncached" {
					e.answers.cur.Store(&generation{responder: e.answers.now().responder}) // no cache
				}
				r := signedRequest(tc.body)
				body := new(rewindBody)
				w := &benchWriter{h: http.Header{}}
				b.ReportAllocs()
				b.SetBytes(int64(len(tc.body)))
				for b.Loop() {
					body.Reset([]byte(tc.body))
					r.Body = body
					clear(w.h)
					e.ServeHTTP(w, r)
					if w.code != http.StatusOK {
						b.Fatalf("status %d", w.code)
					}
				}
			})
		}
	}
}

// BenchmarkDecode compares decoding into okbot's lean struct (ending in a
// commands.Request), as both transports do, with decoding a whole
// discordgo.Interaction.
func BenchmarkDecode(b *testing.B) {
	body := []byte(slash("cast", stringOption("name", "Seo Ye-ji")))
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
