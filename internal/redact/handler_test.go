package redact

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"strings"
	"testing"
	"time"
)

// callbackError is the error net/http returns when an interaction callback
// times out: its text holds the whole URL, token included.
func callbackError(token string) error {
	return &url.Error{
		Op:  "Post",
		URL: "https://discord.com/api/v9/interactions/1180000000000000042/" + token + "/callback",
		Err: context.DeadlineExceeded,
	}
}

// stringer is a fmt.Stringer that shows a secret.
type stringer struct{ secret string }

func (s stringer) String() string { return "session " + s.secret }

// valuer is a slog.LogValuer that resolves to a group holding a secret.
type valuer struct{ secret string }

func (v valuer) LogValue() slog.Value {
	return slog.GroupValue(slog.String("auth", "Bot "+v.secret), slog.Int("shard", 0))
}

// identify is shaped like discordgo's Identify payload.
type identify struct {
	Token   string
	Intents int
}

// TestHandler logs every secret every way okbot or discordgo might, through
// both of slog's handlers at debug level, and finds none in the output.
func TestHandler(t *testing.T) {
	formats := []struct {
		name string
		new  func(*bytes.Buffer) slog.Handler
	}{
		{"text", func(b *bytes.Buffer) slog.Handler {
			return slog.NewTextHandler(b, &slog.HandlerOptions{Level: slog.LevelDebug})
		}},
		{"json", func(b *bytes.Buffer) slog.Handler {
			return slog.NewJSONHandler(b, &slog.HandlerOptions{Level: slog.LevelDebug})
		}},
	}
	for _, f := range formats {
		for _, h := range hidden {
			t.Run(f.name+"/"+h.name, func(t *testing.T) {
				secret := h.secret
				var buf bytes.Buffer
				log := slog.New(newRedactor().Handler(f.new(&buf)))
				logEverywhere(log, secret)
				out := buf.String()
				if strings.Contains(out, secret) {
					t.Errorf("log output holds %s:\n%s", secret, out)
				}
				// What operators need is still there.
				for _, want := range []string{"interactions/{id}/{token}/callback", "context deadline exceeded", "1180000000000000042", "v1:cast:en:p:2"} {
					if !strings.Contains(out, want) {
						t.Errorf("log output lacks %q:\n%s", want, out)
					}
				}
				if n := strings.Count(out, "\n"); n != 13 {
					t.Errorf("log output has %d lines, want 13:\n%s", n, out)
				}
			})
		}
	}
}

// logEverywhere logs secret as a message, as every kind of attribute
// value, in groups and in WithAttrs and WithGroup: 13 lines.
func logEverywhere(log *slog.Logger, secret string) {
	log.Debug("connecting with " + secret)
	log.Debug("interaction", slog.String("id", "1180000000000000042"), slog.String("custom_id", "v1:cast:en:p:2"), slog.String("raw", `{"token":"`+secret+`"}`))
	log.Info("event", "data", "Op: 0, Seq: 4, Type: INTERACTION_CREATE, Data: "+secret)
	log.Error("answering", "err", callbackError(secret))
	log.Error("answering", "err", fmt.Errorf("interaction 1180000000000000042: %w", errors.New("HTTP 401 Unauthorized, token "+secret)))
	log.Warn("session", "session", stringer{secret})
	log.Debug("identify", "shard", valuer{secret})
	log.Debug("identify", "packet", identify{Token: secret, Intents: 1})
	log.Debug("raw", "body", []byte(`{"d":{"token":"`+secret+`"}}`))
	log.Debug("request", slog.Group("http", slog.String("method", "POST"), slog.Group("header", slog.String("Authorization", "Bot "+secret))))
	log.With("bot", secret, slog.Group("g", slog.Any("err", callbackError(secret)))).Info("ready")
	log.WithGroup("gateway").With("resume", secret).Info("resuming", "seq", 42, "note", "with "+secret)
	log.WithGroup("endpoint").Info("signature", "header", "X-Signature-Ed25519: "+secret)
}

// recorder keeps the records it handles, to check what reaches the next
// handler.
type recorder struct {
	records *[]slog.Record
	attrs   []slog.Attr
}

func (r recorder) Enabled(context.Context, slog.Level) bool { return true }

func (r recorder) Handle(_ context.Context, rec slog.Record) error {
	rec.AddAttrs(r.attrs...)
	*r.records = append(*r.records, rec)
	return nil
}

func (r recorder) WithAttrs(attrs []slog.Attr) slog.Handler {
	r.attrs = append(r.attrs[:len(r.attrs):len(r.attrs)], attrs...)
	return r
}

func (r recorder) WithGroup(string) slog.Handler { return r }

func attrsOf(rec slog.Record) []slog.Attr {
	var attrs []slog.Attr
	rec.Attrs(func(a slog.Attr) bool {
		attrs = append(attrs, a)
		return true
	})
	return attrs
}

// TestHandlerKinds checks that values without a secret keep their kind and
// value, and keys are never touched.
func TestHandlerKinds(t *testing.T) {
	at := time.Date(2026, 11, 24, 10, 0, 0, 0, time.UTC)
	in := []slog.Attr{
		slog.Int("status", 200),
		slog.Int64("code", 10062),
		slog.Uint64("shard", 3),
		slog.Float64("retry_after", 0.5),
		slog.Bool("cached", true),
		slog.Duration("latency", 1234*time.Microsecond),
		slog.Time("at", at),
		slog.Int("token_count", 7),
		slog.String("command", "cast"),
		slog.String(interactionToken, "a key is left alone"),
		slog.Any("body", []byte(`{"op":1}`)),
		slog.Any("raw", json.RawMessage(`{"op":11}`)),
		slog.Any("err", errors.New("boom "+signature)),
	}
	// A byte slice becomes the text it holds, which is what was checked:
	// JSONHandler would write it in base64, where no rule sees a secret.
	want := append(in[:len(in)-3:len(in)-3],
		slog.String("body", `{"op":1}`),
		slog.String("raw", `{"op":11}`),
		slog.String("err", "boom [redacted]"),
	)
	var got []slog.Record
	log := slog.New(newRedactor().Handler(recorder{records: &got}))
	log.LogAttrs(t.Context(), slog.LevelInfo, "interaction", in...)
	if len(got) != 1 {
		t.Fatalf("handled %d records, want 1", len(got))
	}
	out := attrsOf(got[0])
	if len(out) != len(want) {
		t.Fatalf("record has %d attrs, want %d", len(out), len(want))
	}
	for i := range want {
		if !out[i].Equal(want[i]) {
			t.Errorf("attr %d = %v, want %v", i, out[i], want[i])
		}
	}
}

// TestHandlerSecretKeys checks that a value under a key that names a
// secret goes whatever it looks like, and only if it is text.
func TestHandlerSecretKeys(t *testing.T) {
	tests := []struct {
		in, want slog.Attr
	}{
		{slog.String("token", "abc"), slog.String("token", "[redacted]")},
		{slog.String("BotToken", "abc"), slog.String("BotToken", "[redacted]")},
		{slog.String("Authorization", "Basic dXNlcjpwYXNz"), slog.String("Authorization", "[redacted]")},
		{slog.String("X-Signature-Ed25519", "abcd"), slog.String("X-Signature-Ed25519", "[redacted]")},
		{slog.Any("signature", []byte{1, 2, 3}), slog.String("signature", "[redacted]")},
		{slog.String("token", ""), slog.String("token", "")},
		{slog.Int("token", 5), slog.Int("token", 5)},
		{slog.String("tokens_left", "5"), slog.String("tokens_left", "5")},
	}
	for _, tt := range tests {
		var got []slog.Record
		log := slog.New(newRedactor().Handler(recorder{records: &got}))
		log.LogAttrs(t.Context(), slog.LevelInfo, "m", tt.in)
		if out := attrsOf(got[0]); len(out) != 1 || !out[0].Equal(tt.want) {
			t.Errorf("Handle(%v) passed on %v, want %v", tt.in, out, tt.want)
		}
	}
}

// TestHandlerWithAttrs checks attributes given to With, which the next
// handler keeps and writes on every record.
func TestHandlerWithAttrs(t *testing.T) {
	var got []slog.Record
	log := slog.New(newRedactor().Handler(recorder{records: &got}))
	log.With("bot", botToken, slog.Group("g", "session", stringer{otherBotToken})).WithGroup("x").Info("ready", "n", 1)
	var buf bytes.Buffer
	for _, a := range attrsOf(got[0]) {
		fmt.Fprintln(&buf, a)
	}
	for _, secret := range []string{botToken, otherBotToken} {
		if strings.Contains(buf.String(), secret) {
			t.Errorf("With attrs hold %s:\n%s", secret, buf.String())
		}
	}
}

// TestHandlerAllocs holds the fast path's promise for okbot serve's log
// line: a record with nothing to redact costs no allocation.
func TestHandlerAllocs(t *testing.T) {
	h := newRedactor().Handler(slog.DiscardHandler)
	rec := interactionRecord()
	ctx := t.Context()
	if n := testing.AllocsPerRun(100, func() { h.Handle(ctx, rec) }); n != 0 {
		t.Errorf("Handle(interaction record) allocates %v times, want 0", n)
	}
}

// interactionRecord is the line okbot serve logs for each interaction.
func interactionRecord() slog.Record {
	rec := slog.NewRecord(time.Now(), slog.LevelInfo, "interaction", 0)
	rec.AddAttrs(
		slog.Int("status", 200),
		slog.String("id", "1180000000000000042"),
		slog.Int("type", 3),
		slog.String("command", "cast"),
		slog.String("custom_id", "v1:cast:en:p:2"),
		slog.Duration("latency", 183*time.Microsecond),
	)
	return rec
}
