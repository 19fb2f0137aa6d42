package config

import (
	"fmt"
	"net/mail"
	"net/url"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Public is what okbot tells the people who use it about this copy of
// itself, on its pages (GET /, /privacy and /terms under `okbot serve`,
// and `okbot pages DIR`). Every field is optional; the pages say plainly
// what is not configured.
type Public struct {
	// ApplicationID (DISCORD_APPLICATION_ID) is the Discord application's
	// id, from which the pages build the install links.
	ApplicationID string
	// Operator (OKBOT_OPERATOR) names who runs this copy of okbot: a
	// person, a group or a server's name, at most MaxOperatorLength
	// characters.
	Operator string
	// Contact (OKBOT_CONTACT) is how to reach the operator: an e-mail
	// address or an https:// URL.
	Contact string
}

// MaxOperatorLength bounds OKBOT_OPERATOR: a name, not a paragraph.
const MaxOperatorLength = 100

// ContactIsEmail reports whether Contact is an e-mail address rather than
// a URL.
func (p Public) ContactIsEmail() bool {
	return p.Contact != "" && !strings.HasPrefix(p.Contact, "https://")
}

// loadPublic reads DISCORD_APPLICATION_ID, OKBOT_OPERATOR and
// OKBOT_CONTACT, reporting problems through bad. They are read in every
// mode: `okbot pages` needs them offline.
func loadPublic(getenv func(string) string, bad func(string, ...any)) Public {
	p := Public{
		ApplicationID: strings.TrimSpace(getenv("DISCORD_APPLICATION_ID")),
		Operator:      strings.TrimSpace(getenv("OKBOT_OPERATOR")),
		Contact:       strings.TrimSpace(getenv("OKBOT_CONTACT")),
	}
	if p.ApplicationID != "" && !snowflake().MatchString(p.ApplicationID) {
		bad("DISCORD_APPLICATION_ID=%q is not a Discord id; copy the Application ID (digits only) from the developer portal's General Information page", p.ApplicationID)
	}
	if msg := operatorProblem(p.Operator); msg != "" {
		bad("OKBOT_OPERATOR %s", msg)
	}
	if msg := contactProblem(p.Contact); msg != "" {
		bad("OKBOT_CONTACT=%q %s", p.Contact, msg)
	}
	return p
}

func operatorProblem(s string) string {
	if !utf8.ValidString(s) {
		return "is not valid UTF-8"
	}
	if n := utf8.RuneCountInString(s); n > MaxOperatorLength {
		return fmt.Sprintf("has %d characters; name who runs okbot in at most %d", n, MaxOperatorLength)
	}
	if strings.IndexFunc(s, unicode.IsControl) >= 0 {
		return "contains a control character (a newline or tab); give one line of plain text"
	}
	return ""
}

// contactProblem accepts a bare e-mail address (mailto: links are built
// from it) or an https:// URL with a host; "" when s is fine or empty.
func contactProblem(s string) string {
	const want = "is not an e-mail address or an https:// URL; give one, e.g. okbot@example.org or https://example.org/contact"
	switch {
	case s == "":
		return ""
	case strings.HasPrefix(s, "https://"):
		u, err := url.Parse(s)
		if err != nil || u.Host == "" || u.User != nil || strings.ContainsAny(s, " \t\r\n") {
			return want
		}
	default:
		a, err := mail.ParseAddress(s)
		// A bare address only: a display name or angle brackets would
		// not survive being put into a mailto: link as typed.
		if err != nil || a.Name != "" || a.Address != s {
			return want
		}
	}
	return ""
}
