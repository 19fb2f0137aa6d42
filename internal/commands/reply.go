package commands

import (
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/okbot/okbot/internal/facts"
)

// Colours, one per command, so a reply is recognisable at a glance.
const (
	colorSeason2 = 0x9B59B6 // purple
	colorCast    = 0x1ABC9C // teal
	colorRatings = 0xE67E22 // orange
	colorAbout   = 0x2ECC71 // green
	colorHelp    = 0x5865F2 // Discord blurple
	colorNotice  = 0x95A5A6 // grey: errors and hints, friendly rather than alarming
)

// view is one message okbot prepared in New. Handle returns its slices
// as they are (callers treat a Response as read-only), so answering from a
// view allocates nothing.
type view struct {
	embeds []Embed
	rows   [][]Button
	files  []File
}

func (v view) response(kind ResponseKind) Response {
	return Response{Kind: kind, Embeds: v.embeds, Rows: v.rows, Files: v.files}
}

// verify adds to p every way v, sent as a message, would break one of
// Discord's limits, each named by what. New verifies every view it
// prepares, so a change to the facts that makes an answer too long fails
// okbot validate and the tests, and stops a bot starting from OKBOT_DATA,
// instead of failing in front of a user.
func (p *problems) verify(what string, v view) {
	if p == nil {
		return
	}
	p.within(what+" would break Discord's limits; change the facts it shows", check(v.response(Message)))
}

// verifyChoice is verify for one autocomplete choice, sent alone.
func (p *problems) verifyChoice(what string, c Choice) {
	if p == nil {
		return
	}
	p.within(what+" would break Discord's limits; change the facts it shows", check(Response{Kind: Choices, Choices: []Choice{c}}))
}

// notice is a friendly ephemeral reply: an error or a hint.
func notice(text string) Response {
	return Response{Kind: Message, Ephemeral: true, Embeds: []Embed{{Description: text, Color: colorNotice}}}
}

// reply builds the text of one answer in one language. It picks each
// Text's language and remembers what the answer cites and whether it
// showed okbot's translation, for the footer and the Sources field.
type reply struct {
	store      *facts.Store
	lang       lang
	cited      []string // source IDs in order of first citation
	isCited    map[string]bool
	translated bool
}

func newReply(store *facts.Store, l lang) *reply { return &reply{store: store, lang: l} }

func (r *reply) in(m msg) string             { return m.in(r.lang) }
func (r *reply) f(m msg, args ...any) string { return m.f(r.lang, args...) }

// text is t in the reply's language: for Korean the published Korean,
// else okbot's translation (noted in the footer), else the English.
func (r *reply) text(t facts.Text) string {
	if r.lang == korean {
		if t.KO != "" {
			return t.KO
		}
		if t.KOTranslation != "" {
			r.translated = true
			return t.KOTranslation
		}
	}
	return t.EN
}

// name is a name in both scripts, the reader's first: "Kim Soo-hyun (김수현)"
// or "김수현 (Kim Soo-hyun)".
func (r *reply) name(t facts.Text) string {
	if t.KO == "" || t.KO == t.EN {
		return t.EN
	}
	if r.lang == korean {
		return t.KO + " (" + t.EN + ")"
	}
	return t.EN + " (" + t.KO + ")"
}

// short is a name in the reader's script only.
func (r *reply) short(t facts.Text) string {
	if r.lang == korean && t.KO != "" {
		return t.KO
	}
	return t.EN
}

// cite adds ids to what the reply cites. A set keeps the work per citation
// the same however many there are.
func (r *reply) cite(ids []string) {
	if r.isCited == nil {
		r.isCited = map[string]bool{}
	}
	for _, id := range ids {
		if !r.isCited[id] {
			r.isCited[id] = true
			r.cited = append(r.cited, id)
		}
	}
}

// claim words s by how sure the fact sheet is: a verified fact is stated
// plainly, a discrepancy says the sources differ (s gives every value),
// and anything else is marked as not verified, never stated as fact.
func (r *reply) claim(s string, c facts.Confidence) string {
	switch c {
	case facts.Verified:
		return s
	case facts.Discrepancy:
		if head, rest, ok := heading(s); ok {
			return r.f(msgDiscrepancyOn, head, rest)
		}
		return r.f(msgDiscrepancy, s)
	default:
		// Some texts already open by saying they are not verified; they
		// get the marker's sign without its words, not the words twice.
		for _, lead := range unverifiedLeads {
			if strings.HasPrefix(facts.StripSpoilers(s), lead) {
				return "⚠️ " + s
			}
		}
		return r.f(msgUnverified, s)
	}
}

// maxHeading is the longest opening "heading: " a text may have for
// claim to fold its marker into it.
const maxHeading = 40

// heading splits a text that opens with a short heading of its own, such
// as "Who counts as a lead: Wikipedia's infobox …", into the heading and
// the rest. A first sentence that merely contains a colon is no heading.
func heading(s string) (head, rest string, ok bool) {
	head, rest, ok = strings.Cut(s, ": ")
	if !ok || utf8.RuneCountInString(head) > maxHeading || strings.ContainsAny(head, ".;()\"“|") || rest == "" {
		return "", "", false
	}
	return head, rest, true
}

// note is a sourced note, worded by its confidence.
func (r *reply) note(n facts.Note) string {
	r.cite(n.Sources)
	return r.claim(r.text(n.Text), n.Confidence)
}

// date formats a fact's date (YYYY-MM-DD, YYYY-MM or YYYY) for the reader:
// "9 Aug 2020" or "2020년 8월 9일". Anything else is shown as it is.
func (r *reply) date(s string) string { return formatDate(r.lang, s, false) }

// day is date with the weekday: "Sun 9 Aug 2020", "2020년 8월 9일 (일)".
func (r *reply) day(s string) string { return formatDate(r.lang, s, true) }

var koreanWeekdays = [...]string{"일", "월", "화", "수", "목", "금", "토"}

func formatDate(l lang, s string, weekday bool) string {
	for _, layout := range []string{time.DateOnly, "2006-01", "2006"} {
		t, err := time.Parse(layout, s)
		if err != nil {
			continue
		}
		switch {
		case l == korean && layout == time.DateOnly && weekday:
			return fmt.Sprintf("%d년 %d월 %d일 (%s)", t.Year(), t.Month(), t.Day(), koreanWeekdays[t.Weekday()])
		case l == korean && layout == time.DateOnly:
			return fmt.Sprintf("%d년 %d월 %d일", t.Year(), t.Month(), t.Day())
		case l == korean && layout == "2006-01":
			return fmt.Sprintf("%d년 %d월", t.Year(), t.Month())
		case l == korean:
			return fmt.Sprintf("%d년", t.Year())
		case layout == time.DateOnly && weekday:
			return t.Format("Mon 2 Jan 2006")
		case layout == time.DateOnly:
			return t.Format("2 Jan 2006")
		case layout == "2006-01":
			return t.Format("Jan 2006")
		default:
			return s
		}
	}
	return s
}

// publisher is how the reply names a source's outlet: by its Korean name
// in Korean, when the data gives one.
func (r *reply) publisher(src facts.Source) string {
	if r.lang == korean && src.PublisherKO != "" {
		return src.PublisherKO
	}
	return src.Publisher
}

// publishers are the distinct publishers of the cited sources, in order.
func (r *reply) publishers() []string {
	var out []string
	seen := map[string]bool{}
	for _, id := range r.cited {
		if src, ok := r.store.Source(id); ok && !seen[r.publisher(src)] {
			seen[r.publisher(src)] = true
			out = append(out, r.publisher(src))
		}
	}
	return out
}

// footerPublishers is how many publishers a footer names before "+N more".
const footerPublishers = 4

// footer names the cited publishers and the as-of date, and says so when
// the reply shows okbot's translation.
func (r *reply) footer(asOf string) string {
	var parts []string
	if pubs := r.publishers(); len(pubs) > 0 {
		list := strings.Join(pubs[:min(len(pubs), footerPublishers)], ", ")
		if n := len(pubs) - footerPublishers; n > 0 {
			list += " " + r.f(plural(n, msgMorePublisher, msgMorePublishers), n)
		}
		parts = append(parts, r.f(msgFooterSources, list))
	}
	parts = append(parts, r.f(msgAsOf, r.date(asOf)))
	if r.translated {
		parts = append(parts, r.in(msgTranslated))
	}
	return strings.Join(parts, " · ")
}

// links are the cited sources as markdown links with their dates.
func (r *reply) links() []string {
	var out []string
	for _, id := range r.cited {
		src, ok := r.store.Source(id)
		if !ok {
			continue
		}
		when := r.in(msgDateNotShown)
		switch {
		case src.MirrorUpdated != "":
			// When a mirror was updated is not when the page was
			// published: say which date is which.
			if src.Date != "" {
				when = r.date(src.Date)
			}
			when = r.f(msgMirrorUpdated, when, r.date(src.MirrorUpdated))
			if note := r.dateNote(src); note != "" {
				// Korean runs on with a comma where English takes a semicolon.
				sep := "; "
				if r.lang == korean {
					sep = ", "
				}
				when += sep + note
			}
		case src.Date != "":
			when = r.date(src.Date)
		case r.dateNote(src) != "":
			when = r.dateNote(src)
		}
		out = append(out, link(r.publisher(src), src.URL)+" · "+when)
	}
	return out
}

// dateNote is what the source says about its date in the reply's
// language, or "" when there is nothing to add to "date not shown".
func (r *reply) dateNote(src facts.Source) string {
	if r.lang == korean {
		return src.DateNoteKO
	}
	return src.DateNote
}

// finish completes a reply's embed: the footer, and a Sources field with
// links in as much of the room left under the 6000-character total as it
// needs (every okbot message is one embed).
func (r *reply) finish(e Embed, asOf string) Embed {
	e.Footer = r.footer(asOf)
	name := r.in(msgSources)
	room := min(maxEmbedsTotal-embedLength(e)-length(name), maxFieldValue)
	if len(e.Fields) < maxFields {
		if v := fitLines(r.lang, r.links(), room); v != "" {
			e.Fields = append(e.Fields, Field{Name: name, Value: v})
		}
	}
	return e
}

// by names the publishers of ids, for a line of the record: " — *Soompi*".
func by(r *reply, ids []string) string {
	var pubs []string
	for _, id := range ids {
		if src, ok := r.store.Source(id); ok && !slices.Contains(pubs, r.publisher(src)) {
			pubs = append(pubs, r.publisher(src))
		}
	}
	if len(pubs) == 0 {
		return ""
	}
	return " — *" + strings.Join(pubs, ", ") + "*"
}

// plural is one for a count of 1, else many.
func plural(n int, one, many msg) msg {
	if n == 1 {
		return one
	}
	return many
}

// minSourceField is the least room worth starting another Sources field in.
const minSourceField = 200

// sourceFields lists every cited source in as many fields as the room left
// allows, the last one ending with "+N more" if even that is not enough.
func sourceFields(r *reply, room int) []Field {
	lines := r.links()
	var out []Field
	for len(lines) > 0 {
		name := r.in(msgSources)
		if len(out) > 0 {
			name = r.f(msgContinued, name)
		}
		limit := min(maxFieldValue, room-length(name))
		k := fitCount(lines, limit)
		v := strings.Join(lines[:k], "\n")
		if k < len(lines) && (k == 0 || len(out) == maxFields-1 || room-length(name)-length(v) < minSourceField) {
			v = fitLines(r.lang, lines, limit)
			k = len(lines)
		}
		if v == "" {
			break
		}
		out = append(out, Field{Name: name, Value: v})
		room -= length(name) + length(v)
		lines = lines[k:]
	}
	return out
}

// fitCount is how many of lines fit, one per line, in limit characters.
func fitCount(lines []string, limit int) int {
	n := 0
	for k, line := range lines {
		if k > 0 {
			n++
		}
		n += length(line)
		if n > limit {
			return k
		}
	}
	return len(lines)
}

// fitLines joins as many of lines as fit in limit characters, one per line,
// and says how many were left out ("+3 more pages"). It measures each line once
// and joins only the lines that fit: trying every count of lines, joined,
// took time in the square of their number.
func fitLines(l lang, lines []string, limit int) string {
	// joined[k] is the length of the first k lines joined, untrimmed:
	// never less than what Discord counts.
	joined := make([]int, len(lines)+1)
	for i, line := range lines {
		joined[i+1] = joined[i] + utf8.RuneCountInString(line)
		if i > 0 {
			joined[i+1]++ // the newline
		}
	}
	for k := len(lines); k > 0; k-- {
		if joined[k] > limit {
			continue
		}
		more := ""
		if k < len(lines) {
			n := len(lines) - k
			more = "\n" + plural(n, msgMorePage, msgMorePages).f(l, n)
		}
		if joined[k]+utf8.RuneCountInString(more) <= limit {
			return strings.Join(lines[:k], "\n") + more
		}
	}
	return ""
}

// chunkLines splits lines into field values of at most maxFieldValue
// characters each; a single over-long line is cut.
func chunkLines(lines []string) []string {
	var out []string
	var cur strings.Builder
	for _, line := range lines {
		line = cut(line, maxFieldValue)
		if cur.Len() > 0 && length(cur.String())+1+length(line) > maxFieldValue {
			out = append(out, cur.String())
			cur.Reset()
		}
		if cur.Len() > 0 {
			cur.WriteByte('\n')
		}
		cur.WriteString(line)
	}
	if cur.Len() > 0 {
		out = append(out, cur.String())
	}
	return out
}

// listFields puts lines under one heading, in as many fields as they need
// ("Wins", "Wins (continued)").
func (r *reply) listFields(name string, lines []string) []Field {
	var out []Field
	for i, v := range chunkLines(lines) {
		n := name
		if i > 0 {
			n = r.f(msgContinued, name)
		}
		out = append(out, Field{Name: n, Value: v})
	}
	return out
}

// cut shortens s to at most n characters, ending with "…" when cut. It
// never cuts a spoiler span in half: Discord would show an unclosed
// span's marker and reveal as they are, so a span that does not fit is
// left out whole.
func cut(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	end := 0 // byte offset of the first rune left out
	for i := range s {
		if n--; n == 0 {
			end = i
			break
		}
	}
	// Markers pair up from the left, as Discord reads them.
	open := -1
	for i := 0; ; {
		j := strings.Index(s[i:], facts.SpoilerMark)
		if j < 0 || i+j >= end {
			break
		}
		i += j
		if i+len(facts.SpoilerMark) > end {
			// The cut falls inside this marker.
			end = i
			break
		}
		if open < 0 {
			open = i
		} else {
			open = -1
		}
		i += len(facts.SpoilerMark)
	}
	if open >= 0 {
		end = open
	}
	return strings.TrimSpace(s[:end]) + "…"
}

// link is a markdown link. Parentheses and spaces in the URL are escaped
// so that they cannot end the link early (namu.wiki URLs have both).
func link(label, url string) string {
	label = linkLabel.Replace(label)
	url = linkURL.Replace(url)
	return "[" + label + "](" + url + ")"
}

// The replacers link uses, built once: building one costs far more than
// using it, and links are made by the thousand at load.
var (
	linkLabel = strings.NewReplacer("[", "(", "]", ")")
	linkURL   = strings.NewReplacer("(", "%28", ")", "%29", " ", "%20")
)

// maxEcho is how much of a user's input a reply quotes back.
const maxEcho = 60

// echo quotes what a user typed, safely: one line, at most maxEcho
// characters, markdown characters escaped so it shows as typed.
func echo(s string) string {
	s = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || unicode.IsSpace(r) {
			return ' '
		}
		return r
	}, s)
	s = cut(strings.Join(strings.Fields(s), " "), maxEcho)
	var b strings.Builder
	for _, c := range s {
		if strings.ContainsRune("\\*_~`|>[]()<#@:", c) {
			b.WriteByte('\\')
		}
		b.WriteRune(c)
	}
	return "“" + b.String() + "”"
}
