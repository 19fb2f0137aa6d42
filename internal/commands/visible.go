package commands

import (
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/okbot/okbot/internal/facts"
)

// markdownLink finds a markdown link, "[text](url)", whose text is what a
// reader sees.
var markdownLink = regexp.MustCompile(`\[([^\]]*)\]\([^)]*\)`)

// visibleLen is how many characters of r's message text a reader sees:
// embed titles, descriptions, field names and values, footers and the
// content, with a markdown link counted as its text and spoiler markers
// as nothing. It measures how long a reply reads on a phone, which is not
// what Discord's limits count (those count every character sent).
func visibleLen(r Response) int {
	n := visibleText(r.Content)
	for _, e := range r.Embeds {
		n += visibleText(e.Title) + visibleText(e.Description) + visibleText(e.Footer)
		for _, f := range e.Fields {
			n += visibleText(f.Name) + visibleText(f.Value)
		}
	}
	return n
}

func visibleText(s string) int {
	s = markdownLink.ReplaceAllString(s, "$1")
	s = strings.ReplaceAll(s, facts.SpoilerMark, "")
	return utf8.RuneCountInString(s)
}
