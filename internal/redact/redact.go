// Package redact removes Discord secrets from text and log records.
//
// Every log sink and every printed error goes through a [Redactor], so that
// nothing okbot logs, prints or returns holds a bot token, an interaction
// token or a request signature, whatever the level and whatever failed. An
// interaction token lets anyone edit or delete the reply and post follow-ups
// as the bot for 15 minutes; a bot token is the bot.
//
// What a Redactor removes, in this order:
//
//   - the secrets given to [New], and their quoted, JSON- and URL-escaped
//     forms, wherever they appear;
//   - the id and token of an interaction callback or webhook route, which
//     stays readable: ".../interactions/123/TOKEN/callback" becomes
//     ".../interactions/{id}/{token}/callback" and
//     ".../webhooks/123/TOKEN/messages/@original" becomes
//     ".../webhooks/{application_id}/{token}/messages/@original";
//   - the value of any key ending in "token" (any case): "token":"…" in JSON
//     (escaped or not), Token:"…" and Token:… in Go's %#v and %+v output,
//     token=… in query strings and logfmt;
//   - the credential after "Bot " or "Bearer ", as in an Authorization
//     header: "Bot [redacted]";
//   - every word (a run of base64url characters and dots) that holds a
//     secret by its shape, whole, so that no part of the secret survives
//     next to the part that gave it away: a bot token (three base64url
//     parts joined by dots: the bot's id, a timestamp, an HMAC), an
//     interaction token (base64url text beginning with "aW50ZXJhY3Rpb246",
//     "interaction:"), and, as a backstop, any run of 64 or more base64url
//     characters: interaction and webhook tokens, and Ed25519 request
//     signatures (128 hex digits, as in X-Signature-Ed25519).
//
// Routes keep their shape, as above; everything else becomes "[redacted]".
// Snowflake ids, status codes, Discord's error codes, other routes,
// custom_ids, durations, file paths and prose are left alone.
//
// A string with no candidate secret in it, like almost every log line, is
// recognised by one byte scan and returned as it is, without allocating.
package redact

import (
	"cmp"
	"encoding/json"
	"net/url"
	"slices"
	"strconv"
	"strings"
)

// placeholder replaces every secret. Redacting it again leaves it as it
// is, which FuzzString checks: String is idempotent.
const placeholder = "[redacted]"

// Redactor removes secrets from strings. The zero value is not usable; use New.
//
// A Redactor is safe for concurrent use.
type Redactor struct {
	// secrets are the secrets given to New and their escaped forms,
	// longest first, so that a secret goes before one it contains.
	secrets []string
}

// New returns a Redactor that, besides the patterns every Redactor knows, removes each of secrets (e.g. the configured bot token) wherever it appears. Empty secrets are ignored.
//
// A secret is removed however short it is: it should be a whole
// credential, not a word that also occurs in ordinary text.
func New(secrets ...string) *Redactor {
	r := &Redactor{}
	for _, s := range secrets {
		if s == "" {
			continue
		}
		r.secrets = append(r.secrets, escapedForms(s)...)
	}
	slices.SortFunc(r.secrets, func(a, b string) int {
		return cmp.Or(len(b)-len(a), strings.Compare(a, b))
	})
	r.secrets = slices.Compact(r.secrets)
	return r
}

// escapedForms returns secret and the forms it takes inside a Go-quoted or
// JSON string and in a URL: text that was escaped before it reached the
// logger, such as an error holding a request body, still hides it.
func escapedForms(secret string) []string {
	forms := []string{secret}
	q := strconv.Quote(secret)
	forms = append(forms, q[1:len(q)-1])
	if j, err := json.Marshal(secret); err == nil {
		forms = append(forms, string(j[1:len(j)-1]))
	}
	forms = append(forms, url.QueryEscape(secret), url.PathEscape(secret))
	return forms
}

// String returns s with every secret replaced by a placeholder.
func (r *Redactor) String(s string) string {
	if !r.suspect(s) {
		return s
	}
	return r.redact(s)
}

// longestCleanRun is the longest run of candidate characters that cannot
// hold a secret: a snowflake id has at most 20 digits. Whatever redact
// changes holds a longer run, a route prefix, "token" or a secret given to
// New.
const longestCleanRun = 20

// Classes of bytes for suspect: a candidate is a character of a candidate
// secret (base64, base64url and the characters an OAuth token may hold); a
// marker may end a route prefix ('/') or "token" ('n', 'N').
const (
	candidate = 1 << iota
	marker
)

var class = func() (t [256]uint8) {
	for _, c := range []byte("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.~+/=") {
		t[c] |= candidate
	}
	for _, c := range []byte("/nN") {
		t[c] |= marker
	}
	return t
}()

// suspect reports whether s may hold a secret: a secret given to New, a
// run of candidate characters longer than a snowflake, a route prefix
// ("interactions/", "webhooks/") or "token" in any case. It is the fast
// path: one scan, no allocation.
func (r *Redactor) suspect(s string) bool {
	if r.hasSecret(s) {
		return true
	}
	run := 0
	for i := 0; i < len(s); i++ {
		k := class[s[i]]
		if k&candidate == 0 {
			run = 0
			continue
		}
		if run++; run > longestCleanRun {
			return true
		}
		if k&marker != 0 && (endsWithToken(s, i) || endsWith(s, i, "interactions/") || endsWith(s, i, "webhooks/")) {
			return true
		}
	}
	return false
}

// hasSecret reports whether s holds one of the secrets given to New.
func (r *Redactor) hasSecret(s string) bool {
	for _, secret := range r.secrets {
		if strings.Contains(s, secret) {
			return true
		}
	}
	return false
}

// endsWithToken reports whether s[:i+1] ends with "token" in any case.
func endsWithToken(s string, i int) bool {
	// |0x20 lower-cases ASCII letters and maps no other byte to one of
	// "token"; (?i) would also fold k to the Kelvin sign.
	return i >= 4 && s[i]|0x20 == 'n' && s[i-1]|0x20 == 'e' && s[i-2]|0x20 == 'k' && s[i-3]|0x20 == 'o' && s[i-4]|0x20 == 't'
}

// endsWith reports whether s[:i+1] ends with suffix.
func endsWith(s string, i int, suffix string) bool {
	return i+1 >= len(suffix) && s[i+1-len(suffix):i+1] == suffix
}
