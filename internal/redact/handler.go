package redact

import (
	"context"
	"fmt"
	"log/slog"
	"reflect"
	"strings"
)

// Handler returns an slog.Handler that redacts every record before passing it to next: the message, every attribute value (strings, errors, fmt.Stringers, slog.LogValuers resolved first, any other value formatted with fmt), inside groups, and attributes and groups added with WithAttrs/WithGroup. Attribute keys are left alone. Non-string kinds (ints, durations, bools, times) pass through untouched.
//
// Values that are neither strings nor of those kinds reach next as their
// redacted text (a []byte as the text it holds, anything else as
// fmt's %+v, as slog's TextHandler prints it): what next writes is then
// exactly what was checked, even where it would have encoded the value
// differently, as JSONHandler does with []byte and json.Marshalers. The
// text value of a key that names a secret ("token", "BotToken",
// "signature", "Authorization", "X-Signature-Ed25519", in any case) is
// replaced whole, whatever it looks like.
//
// A record with nothing to redact, only strings and numbers without a
// candidate secret, is passed on as it is, without allocating.
func (r *Redactor) Handler(next slog.Handler) slog.Handler {
	return &handler{redactor: r, next: next}
}

type handler struct {
	redactor *Redactor
	next     slog.Handler
}

func (h *handler) Enabled(ctx context.Context, level slog.Level) bool {
	return h.next.Enabled(ctx, level)
}

func (h *handler) Handle(ctx context.Context, rec slog.Record) error {
	dirty := h.redactor.suspect(rec.Message)
	if !dirty {
		rec.Attrs(func(a slog.Attr) bool {
			dirty = h.redactor.needs(a)
			return !dirty
		})
	}
	if !dirty {
		return h.next.Handle(ctx, rec)
	}
	out := slog.NewRecord(rec.Time, rec.Level, h.redactor.String(rec.Message), rec.PC)
	rec.Attrs(func(a slog.Attr) bool {
		out.AddAttrs(h.redactor.attr(a))
		return true
	})
	return h.next.Handle(ctx, out)
}

func (h *handler) WithAttrs(attrs []slog.Attr) slog.Handler {
	redacted := make([]slog.Attr, len(attrs))
	for i, a := range attrs {
		redacted[i] = h.redactor.attr(a)
	}
	return &handler{redactor: h.redactor, next: h.next.WithAttrs(redacted)}
}

// WithGroup leaves name alone: it is a key.
func (h *handler) WithGroup(name string) slog.Handler {
	return &handler{redactor: h.redactor, next: h.next.WithGroup(name)}
}

// needs reports whether a needs redacting. It is the fast path of Handle,
// and must not allocate.
func (r *Redactor) needs(a slog.Attr) bool {
	switch a.Value.Kind() {
	case slog.KindString:
		s := a.Value.String()
		return s != "" && secretKey(a.Key) || r.suspect(s)
	case slog.KindAny, slog.KindLogValuer:
		return true
	case slog.KindGroup:
		for _, g := range a.Value.Group() {
			if r.needs(g) {
				return true
			}
		}
	}
	return false
}

// attr returns a with its value redacted.
func (r *Redactor) attr(a slog.Attr) slog.Attr {
	v := a.Value.Resolve()
	switch v.Kind() {
	case slog.KindString:
		a.Value = r.text(a.Key, v.String())
	case slog.KindAny:
		x := v.Any()
		if x == nil {
			a.Value = v
			break
		}
		a.Value = r.text(a.Key, format(x))
	case slog.KindGroup:
		group := v.Group()
		redacted := make([]slog.Attr, len(group))
		for i, g := range group {
			redacted[i] = r.attr(g)
		}
		a.Value = slog.GroupValue(redacted...)
	default:
		// Ints, floats, bools, durations, times: no secret fits in them.
		a.Value = v
	}
	return a
}

// text returns the redacted value of s under key.
func (r *Redactor) text(key, s string) slog.Value {
	if s != "" && secretKey(key) {
		return slog.StringValue(placeholder)
	}
	return slog.StringValue(r.String(s))
}

// format returns the text of x as slog's TextHandler writes it, except that
// a byte slice is the text it holds: JSONHandler would write base64, which
// hides a secret from the rules without making it any less readable.
func format(x any) string {
	switch x := x.(type) {
	case error:
		// %v rather than x.Error(): fmt recovers from a panic, as on a
		// nil pointer, and so does slog.
		return fmt.Sprintf("%v", x)
	case fmt.Stringer:
		return fmt.Sprintf("%v", x)
	}
	if t := reflect.TypeOf(x); t.Kind() == reflect.Slice && t.Elem().Kind() == reflect.Uint8 {
		return string(reflect.ValueOf(x).Bytes())
	}
	return fmt.Sprintf("%+v", x)
}

// secretKey reports whether key names a secret, so that its value goes
// whatever it looks like: "token", "access_token", "botToken",
// "Authorization", "signature", "X-Signature-Ed25519".
func secretKey(key string) bool {
	return hasSuffixFold(key, "token") ||
		hasSuffixFold(key, "signature") ||
		strings.EqualFold(key, "authorization") ||
		strings.EqualFold(key, "x-signature-ed25519")
}

func hasSuffixFold(s, suffix string) bool {
	return len(s) >= len(suffix) && strings.EqualFold(s[len(s)-len(suffix):], suffix)
}
