package redact

import (
	"io"
	"log/slog"
	"testing"
)

// BenchmarkHandler compares okbot serve's per-interaction log line through
// slog's handlers alone and through the redacting handler in front of them.
//
//	go test -run '^$' -bench . -benchmem ./internal/redact
func BenchmarkHandler(b *testing.B) {
	handlers := []struct {
		name string
		new  func() slog.Handler
	}{
		{"text", func() slog.Handler { return slog.NewTextHandler(io.Discard, nil) }},
		{"json", func() slog.Handler { return slog.NewJSONHandler(io.Discard, nil) }},
	}
	rec := interactionRecord()
	for _, h := range handlers {
		b.Run(h.name+"/plain", func(b *testing.B) {
			next := h.new()
			ctx := b.Context()
			b.ReportAllocs()
			for b.Loop() {
				next.Handle(ctx, rec)
			}
		})
		b.Run(h.name+"/redacted", func(b *testing.B) {
			next := newRedactor().Handler(h.new())
			ctx := b.Context()
			b.ReportAllocs()
			for b.Loop() {
				next.Handle(ctx, rec)
			}
		})
	}
}

func BenchmarkString(b *testing.B) {
	inputs := []struct{ name, in string }{
		{"clean/message", "interaction"},
		{"clean/prose", "Shutting down: draining for 2s, then closing the gateway connection 1180000000000000042."},
		{"clean/korean", "출연진을 찾을 수 없습니다. 다시 시도해 주세요."},
		{"dirty/url.Error", callbackError(interactionToken).Error()},
		{"dirty/identify", `Identify Packet: 
discordgo.identifyOp{Op:2, Data:discordgo.Identify{Token:"Bot ` + botToken + `", Properties:discordgo.IdentifyProperties{OS:"linux", Browser:"DiscordGo v0.29.0", Device:""}, Compress:true, LargeThreshold:250, Shard:(*[2]int)(nil), Intents:1}}`},
		{"dirty/event", `Op: 0, Seq: 4, Type: INTERACTION_CREATE, Data: {"type":2,"token":"` + interactionToken + `","id":"1180000000000000042","application_id":"1180000000000000001","locale":"ko"}`},
	}
	r := newRedactor()
	for _, in := range inputs {
		b.Run(in.name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(in.in)))
			for b.Loop() {
				r.String(in.in)
			}
		})
	}
}
