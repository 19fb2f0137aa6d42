package redact

import (
	"strings"
	"testing"
)

// hidden are the secrets that are found whatever surrounds them, by New or
// by their shape: FuzzString hides them in random text, TestHandler logs
// them every way it can. (bearerToken is not among them: 30 alphanumerics
// are a credential only after "Bearer ".)
var hidden = []struct{ name, secret string }{
	{"configured bot token", botToken},
	{"other bot token", otherBotToken},
	{"interaction token", interactionToken},
	{"short interaction token", shortInteractionToken},
	{"signature", signature},
	{"webhook token", webhookToken},
	{"client secret", clientSecret},
}

// FuzzString embeds a secret at a random position of random text and
// checks that String removes it, that String is idempotent, and that the
// fast path never skips a string a rule would change.
//
//	go test -fuzz FuzzString ./internal/redact
func FuzzString(f *testing.F) {
	seeds := []string{
		"",
		"interaction",
		"Post \"https://discord.com/api/v9/interactions/1180000000000000042/",
		`{"type":2,"token":"`,
		"discordgo.Identify{Token:\"Bot ",
		"Authorization: Bot ",
		"x.abcdefghijklmnopqrstuvwxyz.abcd.",
		"webhooks/1/",
		"출연진 token=",
		"aW50ZXJhY3Rpb246",
		"map[X-Signature-Ed25519:[",
	}
	for i, s := range seeds {
		f.Add(s, uint(len(s)), uint8(i))
		f.Add(s, uint(0), uint8(i+1))
	}
	r := newRedactor()
	f.Fuzz(func(t *testing.T, text string, pos uint, which uint8) {
		secret := hidden[int(which)%len(hidden)].secret
		at := int(pos % uint(len(text)+1))
		in := text[:at] + secret + text[at:]

		got := r.String(in)
		if strings.Contains(got, secret) {
			t.Fatalf("String(%q) = %q, which holds %s", in, got, secret)
		}
		for _, s := range []string{in, text} {
			once := r.String(s)
			if twice := r.String(once); twice != once {
				t.Fatalf("String(%q) = %q, but String of that = %q", s, once, twice)
			}
			if !r.suspect(s) && r.redact(s) != s {
				t.Fatalf("suspect(%q) = false, but the rules make it %q", s, r.redact(s))
			}
		}
	})
}
