package commands

import (
	"errors"
	"strconv"
	"strings"
)

// A button's custom_id holds all of its state, so a click can be answered
// by any replica, after any restart, without a session store. The grammar
// (version 1):
//
//	custom_id = "v1" ":" command ":" lang ":" view
//	command   = "s2" | "cast" | "about" | "rt"
//	lang      = "en" | "ko"
//	view      = section                   (s2, about, rt)
//	          | "p" ":" page              (cast)
//	section   = 1*( "a"-"z" )             s2: status | record | context | hope
//	                                          | against | sources
//	                                      about: show | making | music | filming
//	                                          | tales | awards | watch (old;
//	                                          opens show)
//	                                      rt: notes (/ratings' caveats and
//	                                          notes, sent as a new message)
//	page      = "1"-"9" *2( "0"-"9" )     1-based, no leading zeros
//
// Examples: "v1:s2:en:hope", "v1:cast:ko:p:2", "v1:about:en:awards",
// "v1:rt:ko:notes". Sections are only ever added: every custom_id sent in
// a message keeps answering, a moved section from its new home.
//
// lang is the language the message was first rendered in, and a click
// renders the new page in that language too: a message never switches
// language halfway through, whoever's client clicks, and the same custom_id
// always gives the same Response. (Replies that only the clicker sees, such
// as "these buttons are not yours", use the clicker's own locale.)
//
// The result is at most 20 characters, well under Discord's 100. Parsing is
// strict; anything else, another version included, is answered as a stale
// button. A change to the grammar that old messages cannot follow must
// bump the version.
type customID struct {
	command string
	lang    lang
	view    string
	// page is the 1-based page for view "p", 0 otherwise.
	page int
}

const customIDVersion = "v1"

// pageView is the view of paged commands; its page follows it.
const pageView = "p"

// maxPage bounds page numbers to three digits; no message of okbot's has
// anywhere near that many pages.
const maxPage = 999

var errCustomID = errors.New("malformed custom_id")

func (id customID) String() string {
	s := customIDVersion + ":" + id.command + ":" + id.lang.code() + ":" + id.view
	if id.view == pageView {
		s += ":" + strconv.Itoa(id.page)
	}
	return s
}

// parseCustomID parses s by the grammar above. It checks the shape only;
// whether the command, section or page exists is for the command to say.
func parseCustomID(s string) (customID, error) {
	// Split by hand into at most 5 parts (one more means too many), so a
	// click allocates nothing.
	var parts []string
	var buf [6]string
	for rest, more := s, true; more; {
		if len(parts) == len(buf) {
			return customID{}, errCustomID
		}
		var part string
		part, rest, more = strings.Cut(rest, ":")
		parts = append(buf[:len(parts)], part)
	}
	if len(parts) < 4 || len(parts) > 5 || parts[0] != customIDVersion {
		return customID{}, errCustomID
	}
	l, ok := langFromCode(parts[2])
	if !ok || !lowerWord(parts[1]) || !lowerWord(parts[3]) {
		return customID{}, errCustomID
	}
	id := customID{command: parts[1], lang: l, view: parts[3]}
	switch {
	case id.view == pageView && len(parts) == 5:
		n, ok := pageNumber(parts[4])
		if !ok {
			return customID{}, errCustomID
		}
		id.page = n
	case id.view == pageView || len(parts) == 5:
		return customID{}, errCustomID
	}
	return id, nil
}

// lowerWord reports whether s is 1-16 lower-case ASCII letters or digits.
func lowerWord(s string) bool {
	if len(s) == 0 || len(s) > 16 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; (c < 'a' || c > 'z') && (c < '0' || c > '9') {
			return false
		}
	}
	return true
}

// pageNumber parses a page: 1 to maxPage, decimal, no sign, no leading zero.
func pageNumber(s string) (int, bool) {
	if len(s) == 0 || len(s) > 3 || s[0] == '0' {
		return 0, false
	}
	n := 0
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return 0, false
		}
		n = n*10 + int(s[i]-'0')
	}
	return n, n <= maxPage
}
