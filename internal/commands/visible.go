package commands

import (
	"regexp"

	"github.com/okbot/okbot/internal/facts"
)

// maxFirstView is the most visible characters a command's first view may
// show: about what a phone shows in two or three screens. The rest of an
// answer is one click away.
const maxFirstView = 2500

// markdownLink is a link as link() writes it: "[text](url)".
var markdownLink = regexp.MustCompile(`\[([^\]]*)\]\([^)\s]*\)`)

// visibleLen is how many characters of text a reader sees in resp: the
// content and every embed's title, description, field names and values
// and footer, with a markdown link counted as its text and spoiler markers
// as nothing. Other markdown (**, `) is counted as written, which errs on
// the long side.
func visibleLen(resp Response) int {
	n := visible(resp.Content)
	for _, e := range resp.Embeds {
		n += visible(e.Title) + visible(e.Description) + visible(e.Footer)
		for _, f := range e.Fields {
			n += visible(f.Name) + visible(f.Value)
		}
	}
	return n
}

// visible is the visible length of one piece of text (see visibleLen).
func visible(s string) int {
	return length(facts.StripSpoilers(markdownLink.ReplaceAllString(s, "$1")))
}
