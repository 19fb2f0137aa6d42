package redact

import (
	"regexp"
	"strings"
)

// redact replaces the secrets given to New, then each kind of secret in
// turn. Every step only ever changes a string that suspect reports, which
// FuzzString checks, and returns s itself, without allocating, when it
// finds nothing. The steps are scans rather than regexps: over a
// 200-character token, a regexp without a literal prefix took ten times as
// long.
func (r *Redactor) redact(s string) string {
	for _, secret := range r.secrets {
		if strings.Contains(s, secret) { // ReplaceAll always copies.
			s = strings.ReplaceAll(s, secret, placeholder)
		}
	}
	// Routes first, so that they are templated rather than cut up by the
	// later steps; token values before credentials, so that Token:Bot … (%+v)
	// loses "Bot" too.
	s = templateRoutes(s)
	s = replaceTokenValues(s)
	s = replaceCredentials(s)
	return replaceWords(s)
}

// A route is an interaction or webhook route, which logs keep readable with
// its id and token replaced.
type route struct {
	prefix, template string
}

var routes = []route{
	// An interaction callback:
	// /interactions/{interaction.id}/{interaction.token}/callback.
	{"interactions/", "{id}/{token}"},
	// A follow-up or edit, /webhooks/{application.id}/{interaction.token}/...,
	// or an ordinary webhook, whose token is as secret.
	{"webhooks/", "{application_id}/{token}"},
}

// templateRoutes replaces the two segments after every route prefix with
// the route's template.
func templateRoutes(s string) string {
	for _, rt := range routes {
		if strings.Contains(s, rt.prefix) {
			s = rt.apply(s)
		}
	}
	return s
}

func (rt route) apply(s string) string {
	var b strings.Builder
	done := 0 // s[:done] is in b
	for i := 0; ; {
		k := strings.Index(s[i:], rt.prefix)
		if k < 0 {
			break
		}
		id := i + k + len(rt.prefix)
		i = id
		slash := segmentEnd(s, id)
		if slash == id || slash == len(s) || s[slash] != '/' {
			continue
		}
		end := segmentEnd(s, slash+1)
		if end == slash+1 {
			continue
		}
		b.WriteString(s[done:id])
		b.WriteString(rt.template)
		done, i = end, end
	}
	if done == 0 {
		return s
	}
	b.WriteString(s[done:])
	return b.String()
}

// endsSegment marks what ends a segment of a URL path as it appears in
// logs: a slash, query, fragment, space, quote or bracket.
var endsSegment = func() (t [256]bool) {
	for _, c := range []byte("/?#:\"'`<>\\()[],; \t\n\r\v\f") {
		t[c] = true
	}
	return t
}()

// segmentEnd returns where the segment of a path starting at s[i] ends. A
// secret given to New is already the placeholder, brackets and all, and
// the segment goes on after it.
func segmentEnd(s string, i int) int {
	for i < len(s) {
		if strings.HasPrefix(s[i:], placeholder) {
			i += len(placeholder)
			continue
		}
		if endsSegment[s[i]] {
			break
		}
		i++
	}
	return i
}

// schemes are the Authorization schemes whose credential goes.
var schemes = []string{"Bot", "Bearer"}

// replaceCredentials replaces the credential after "Bot " or "Bearer ",
// whatever its shape, as long as it is longer than a snowflake: "Bot is
// ready" is prose.
func replaceCredentials(s string) string {
	var b strings.Builder
	done := 0 // s[:done] is in b
	for i := 0; i < len(s); i++ {
		if s[i] != 'B' || i > 0 && isWordByte(s[i-1]) {
			continue
		}
		for _, scheme := range schemes {
			if !strings.HasPrefix(s[i:], scheme) {
				continue
			}
			after := i + len(scheme)
			start := after
			for start < len(s) && (s[start] == ' ' || s[start] == '\t') {
				start++
			}
			if start == after || start == len(s) || !isAlnum(s[start]) {
				break
			}
			end := start
			for end < len(s) && class[s[end]]&candidate != 0 {
				end++
			}
			if end-start <= longestCleanRun {
				break
			}
			b.WriteString(s[done:after])
			b.WriteString(" " + placeholder)
			done = end
			i = end - 1
			break
		}
	}
	if done == 0 {
		return s
	}
	b.WriteString(s[done:])
	return b.String()
}

func isAlnum(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
}

// isWordByte is \w of regexp.
func isWordByte(c byte) bool {
	return isAlnum(c) || c == '_'
}

// quotedSeparator is what separates a key ending in "token" from a quoted
// value: "token":"…" (JSON, also escaped inside a string), Token:"…"
// (%#v), token = "…" (logfmt). Anchored, it costs little where it fails.
var quotedSeparator = regexp.MustCompile(`^\\?"?\s*[:=]\s*\\?"`)

// endsBareValue marks what ends an unquoted value: Token:… (%+v), token=…
// (query strings, logfmt).
var endsBareValue = func() (t [256]bool) {
	for _, c := range []byte(" \t\n\r\v\f\"'\\,;&(){}[]<>") {
		t[c] = true
	}
	return t
}()

// replaceTokenValues replaces the value of every key ending in "token", in
// any case, whatever the value looks like.
func replaceTokenValues(s string) string {
	var b strings.Builder
	done := 0 // s[:done] is in b
	for i := 4; i < len(s); i++ {
		if !endsWithToken(s, i) {
			continue
		}
		start, end := tokenValue(s[i+1:])
		if start == end {
			continue
		}
		b.WriteString(s[done : i+1+start])
		b.WriteString(placeholder)
		done = i + 1 + end
		i = done - 1
	}
	if done == 0 {
		return s
	}
	b.WriteString(s[done:])
	return b.String()
}

// tokenValue returns where the value in rest, the text after a key, starts
// and ends; start == end if there is none.
func tokenValue(rest string) (start, end int) {
	if m := quotedSeparator.FindStringIndex(rest); m != nil {
		// Up to the closing quote, escaped or not, which stays: a
		// value cut short still loses what is there.
		start, end = m[1], m[1]
		for end < len(rest) && rest[end] != '"' {
			if rest[end] == '\\' {
				if end+1 == len(rest) || rest[end+1] == '"' {
					break
				}
				end++ // an escaped character
			}
			end++
		}
		return start, end
	}
	// No space may follow the colon: "invalid token: 401" is prose.
	if rest == "" || rest[0] != ':' && rest[0] != '=' {
		return 0, 0
	}
	start, end = 1, 1
	// Token:Bot … in %+v: the credential goes with its scheme.
	for _, scheme := range schemes {
		v := rest[1:]
		if n := len(scheme); strings.HasPrefix(v, scheme) && len(v) > n+1 && v[n] == ' ' && !endsBareValue[v[n+1]] {
			end += n + 1
			break
		}
	}
	for end < len(rest) && !endsBareValue[rest[end]] {
		end++
	}
	return start, end
}

// word marks the characters of a word: base64url and the dot that joins
// a bot token's segments.
var word = func() (t [256]bool) {
	for _, c := range []byte("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.") {
		t[c] = true
	}
	return t
}()

// replaceWords replaces every secret word of s: a maximal run of base64url
// characters and dots that holds a bot token, an interaction token or any
// 64 base64url characters. The whole word goes, so that nothing of a
// secret survives next to the part that gave it away.
func replaceWords(s string) string {
	var b strings.Builder
	done := 0 // s[:done] is in b
	for i := 0; i < len(s); {
		if !word[s[i]] {
			i++
			continue
		}
		j := i + 1
		for j < len(s) && word[s[j]] {
			j++
		}
		if secretWord(s[i:j]) {
			b.WriteString(s[done:i])
			b.WriteString(placeholder)
			done = j
		}
		i = j
	}
	if done == 0 {
		return s
	}
	b.WriteString(s[done:])
	return b.String()
}

// interactionPrefix begins every interaction token: base64 of
// "interaction:", the start of "interaction:{id}:{random}".
const interactionPrefix = "aW50ZXJhY3Rpb246"

// secretWord reports whether w, a word, holds a secret. Its parts are the
// runs between dots.
func secretWord(w string) bool {
	// A bot token is three parts: base64 of the bot's id (23-28
	// characters), a timestamp (6), an HMAC (27 or 38). The bounds are
	// looser, in case Discord lengthens a part.
	const minID, minTime, maxTime, minHMAC = 20, 4, 10, 20
	before, last := -1, -1 // lengths of the two parts before this one
	start := 0
	for k := 0; k <= len(w); k++ {
		if k < len(w) && w[k] != '.' {
			continue
		}
		part := w[start:k]
		switch {
		case len(part) >= 64:
			// The backstop: interaction tokens (about 150-250
			// characters), webhook tokens (68), Ed25519 signatures
			// (128 hex digits). Git hashes (40) stay.
			return true
		case len(part) > longestCleanRun && strings.Contains(part, interactionPrefix):
			// An interaction token, however short: longer than a
			// snowflake, so that suspect sees it.
			return true
		case before >= minID && last >= minTime && last <= maxTime && len(part) >= minHMAC:
			return true
		}
		before, last = last, len(part)
		start = k + 1
	}
	return false
}
