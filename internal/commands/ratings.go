package commands

import (
	"fmt"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode"

	"github.com/okbot/okbot/internal/facts"
)

// chartFile is the name the ratings chart is attached under.
const chartFile = "ratings.png"

// ratingsNotesView is the section the overview's button opens: the
// caveats and notes the overview leaves out. Its id is a custom_id in
// messages already sent; keep it.
const ratingsNotesView = "notes"

// ratings answers /ratings: the overview with the chart, or one episode.
type ratings struct {
	// drawn is the overview in each language and why it has no chart
	// (nil when it has one). The chart is drawn by its first call.
	drawn func() drawnOverview
	// notes are the overview's other caveats and notes, one click away.
	notes    [langCount]view
	episodes [langCount][]view // episode n at n-1
	// count is how many episodes there are.
	count int
}

// drawnOverview is the overview once the chart is drawn, or could not be.
type drawnOverview struct {
	views [langCount]view
	// chartErr says why the overview has no chart; nil when it has one.
	chartErr error
}

// overview is the overview in l, drawing the chart if it is the first
// to ask: a request that arrives while another draws it waits for it
// (tens of milliseconds), and all get the same picture.
func (c *ratings) overview(l lang) view { return c.drawn().views[l] }

// drawFunc draws the ratings chart as a PNG: chart.Ratings, or in tests a
// stand-in that fails.
type drawFunc func(*facts.Ratings) ([]byte, error)

func newRatings(store *facts.Store, draw drawFunc, found *problems, deferred bool) *ratings {
	c := &ratings{count: len(store.Ratings().Episodes)}
	// Load guarantees that ratings.json lists episodes 1 to n in order, so
	// episode n is at n-1. The loops go through the episodes listed, never
	// up to a count in the facts, so that even a Store with problems (see
	// facts.Inspect) costs no more than its size.
	eps := store.Ratings().Episodes
	for i := range eps {
		if eps[i].Number != i+1 {
			found.add("/ratings", "ratings.json lists episode %d where episode %d belongs; list episodes 1 to %d in order", eps[i].Number, i+1, len(eps))
			break
		}
	}
	// The chart is drawn once, by the first overview asked for, or by New
	// at once unless it defers. If drawing it fails, /ratings still
	// answers, without the picture and saying so, and Registry.Degraded
	// (which okbot validate checks) says why. New checks the overview as
	// it will be sent; NewDeferred checks nothing (found is nil), and the
	// endpoint checks every answer before it sends it.
	var without [langCount]view
	for _, l := range langs {
		without[l] = overviewView(store, l, nil)
	}
	c.drawn = sync.OnceValue(func() drawnOverview {
		png, err := draw(store.Ratings())
		if err != nil {
			return drawnOverview{views: without, chartErr: fmt.Errorf("/ratings would answer without its chart, which could not be drawn: %w", err)}
		}
		var d drawnOverview
		files := []File{{Name: chartFile, ContentType: "image/png", Data: png}}
		for _, l := range langs {
			d.views[l] = overviewView(store, l, files)
		}
		if deferred {
			// Drawing left megabytes of buffers behind; a server that drew
			// it on demand gives them back rather than keep them resident.
			go debug.FreeOSMemory()
		}
		return d
	})
	if !deferred {
		for _, l := range langs {
			found.verify("/ratings ("+l.code()+")", c.overview(l))
		}
	}
	for _, l := range langs {
		c.notes[l] = view{embeds: []Embed{ratingsNotes(store, l)}}
		found.verify("/ratings "+ratingsNotesView+" ("+l.code()+")", c.notes[l])
		for i := range eps {
			v := view{embeds: []Embed{ratingsEpisode(store, l, &eps[i])}}
			found.verify(fmt.Sprintf("/ratings episode %d (%s)", eps[i].Number, l.code()), v)
			c.episodes[l] = append(c.episodes[l], v)
		}
	}
	return c
}

func (c *ratings) command() command {
	n := c.count
	first := 1
	return command{
		def: Definition{
			Name:        "ratings",
			NameKO:      "시청률",
			Description: msgRatingsDescription.localized(),
			Options: []OptionDefinition{{
				Name:        "episode",
				NameKO:      "회차",
				Type:        Integer,
				Description: msgEpisodeDescription.localized(n),
				MinValue:    &first,
				MaxValue:    &n,
			}},
		},
		key: keyRatings,
		// The overview carries its chart as a file, and Discord shows a
		// file a second time, outside the embed, once a message with one
		// is edited (discord-api-docs#5675): its button answers with a
		// message of its own instead of editing the overview.
		replies: true,
		click: func(id customID) (view, bool) {
			if id.view == ratingsNotesView {
				return c.notes[id.lang], true
			}
			return view{}, false
		},
		run: func(req Request, l lang) Response {
			v, _ := req.Option("episode")
			v = strings.TrimSpace(v)
			if v == "" {
				return c.overview(l).response(Message)
			}
			i, err := strconv.Atoi(v)
			if err != nil || i < 1 || i > n {
				return notice(msgBadEpisode.f(l, n))
			}
			return c.episodes[l][i-1].response(Message)
		},
	}
}

// overviewView is the overview in l with files, the chart or none.
func overviewView(store *facts.Store, l lang, files []File) view {
	return view{
		embeds: []Embed{ratingsOverview(store, l, len(files) > 0)},
		rows: [][]Button{{{
			Label:    msgRatingsNotesButton.in(l),
			Style:    Secondary,
			CustomID: customID{command: keyRatings, lang: l, view: ratingsNotesView}.String(),
		}}},
		files: files,
	}
}

// ratingsOverview is the first view: the average as published with what
// is not known about it, the highest and lowest episodes, and every
// episode in a table, with the chart when there is one (withChart) or a
// line saying it could not be drawn. The other caveats and notes are in
// ratingsNotes, behind the overview's button.
func ratingsOverview(store *facts.Store, l lang, withChart bool) Embed {
	r := newReply(store, l)
	rt := store.Ratings()
	e := Embed{Title: r.f(msgRatingsTitle, r.short(store.Show().Title)), Color: colorRatings}
	if withChart {
		e.Image = "attachment://" + chartFile
		e.Description = r.text(rt.Measure) + "\n" + r.in(msgChartCaption)
	} else {
		e.Description = r.text(rt.Measure) + "\n" + r.in(msgChartMissing)
	}

	s := rt.Summary
	r.cite(s.Sources)
	avg := []string{r.f(msgAveragePublished, facts.Percent(s.Average))}
	for _, n := range s.AverageNotes {
		if n.Confidence != facts.Discrepancy {
			avg = append(avg, "• "+r.note(n))
		}
	}
	e.Fields = append(e.Fields, r.listFields(r.in(msgAverage), avg)...)
	for _, x := range extremes(store) {
		// The facts' own verified notes describe the episode; okbot's
		// summary line stands in when there are none.
		var lines []string
		for _, n := range x.notes {
			if n.Confidence == facts.Verified {
				lines = append(lines, r.note(n))
			}
		}
		if len(lines) == 0 {
			lines = []string{episodeSummary(r, x.ep)}
		}
		e.Fields = append(e.Fields, r.listFields(r.in(x.name), lines)...)
	}
	e.Fields = append(e.Fields, Field{Name: r.in(msgAllEpisodes), Value: ratingsTable(r, rt.Episodes)})
	for _, ep := range rt.Episodes {
		r.cite(ep.Sources)
	}
	return r.finish(e, store.Show().Checked)
}

// extreme is the highest or the lowest episode, with the notes on it.
type extreme struct {
	name  msg
	ep    *facts.Episode
	notes []facts.Note
}

// extremes are the highest and the lowest episode, each when the facts
// name an episode that exists.
func extremes(store *facts.Store) []extreme {
	s := store.Ratings().Summary
	var out []extreme
	for _, x := range []extreme{{msgHighest, store.Episode(s.Highest), s.HighestNotes}, {msgLowest, store.Episode(s.Lowest), s.LowestNotes}} {
		if x.ep != nil {
			out = append(out, x)
		}
	}
	return out
}

// ratingsNotes is what the overview leaves out: the other values reported
// for the average and the extremes, what the figures are, notes on the
// ratings, and the verified episode titles with their notes.
func ratingsNotes(store *facts.Store, l lang) Embed {
	r := newReply(store, l)
	rt := store.Ratings()
	e := Embed{Title: r.in(msgRatingsNotesTitle), Description: r.text(rt.Measure), Color: colorRatings}
	s := rt.Summary
	var avg []string
	for _, n := range s.AverageNotes {
		if n.Confidence == facts.Discrepancy {
			avg = append(avg, "• "+r.note(n))
		}
	}
	e.Fields = append(e.Fields, r.listFields(r.in(msgAverage), avg)...)
	for _, x := range extremes(store) {
		var caveats []string
		for _, n := range x.notes {
			if n.Confidence != facts.Verified {
				caveats = append(caveats, "• "+r.note(n))
			}
		}
		e.Fields = append(e.Fields, r.listFields(r.in(x.name), caveats)...)
	}
	var method []string
	for _, n := range rt.Methodology {
		method = append(method, "• "+r.note(n))
	}
	e.Fields = append(e.Fields, r.listFields(r.in(msgAboutFigures), method)...)
	var notes []string
	for _, n := range s.Notes {
		notes = append(notes, "• "+r.note(n))
	}
	e.Fields = append(e.Fields, r.listFields(r.in(msgNotes), notes)...)
	e.Fields = append(e.Fields, r.listFields(r.in(msgEpisodeTitles), episodeTitles(r, rt.Episodes))...)
	return r.finish(e, store.Show().Checked)
}

// episodeSummary is one line about an episode: "Episode 16 · Sun 9 Aug
// 2020: **7.3%** (7.348%), peak 7.6%".
func episodeSummary(r *reply, ep *facts.Episode) string {
	s := r.f(msgEpisode, ep.Number) + " · " + r.day(ep.AirDate) + ": **" + facts.Percent(ep.Rating) + "**"
	if ep.Precise != nil {
		s += " (" + precise(r, ep) + ")"
	}
	if ep.Peak != nil {
		s += ", " + r.f(msgPeakOf, facts.Percent(*ep.Peak))
	}
	return s
}

// ratingsTable is every episode in a code block: number, air date,
// rating, peak, and under its row the episode's verified title, narrow
// enough for a phone. Peaks no source gives show as "—", never as an
// estimate; a rating the sources differ on is marked "*" and explained
// under the table.
func ratingsTable(r *reply, eps []facts.Episode) string {
	marks := false
	for _, ep := range eps {
		marks = marks || sourcesDiffer(ep)
	}
	// With marks, every rating keeps a column for one, so that the "%"
	// signs stay aligned.
	markCell := func(s string, mark bool) string {
		switch {
		case mark:
			return s + discrepancyMark
		case marks:
			return s + " "
		}
		return s
	}
	rows := [][]string{{r.in(msgColEpisode), r.in(msgColAired), markCell(r.in(msgColRating), false), r.in(msgColPeak)}}
	missing, noted := false, false
	var differ []string
	for _, ep := range eps {
		peak := "—"
		if ep.Peak != nil {
			peak = facts.Percent(*ep.Peak)
		} else {
			missing = true
		}
		if sourcesDiffer(ep) {
			differ = append(differ, r.f(msgTableDiffers, ep.Number))
		}
		rows = append(rows, []string{strconv.Itoa(ep.Number), shortDay(r.lang, ep.AirDate), markCell(facts.Percent(ep.Rating), sourcesDiffer(ep)), peak})
	}
	widths := make([]int, 4)
	for _, row := range rows {
		for i, cell := range row {
			widths[i] = max(widths[i], width(cell))
		}
	}
	var b strings.Builder
	b.WriteString("```\n")
	for k, row := range rows {
		for i, cell := range row {
			pad := strings.Repeat(" ", widths[i]-width(cell))
			if i == 1 { // dates read best left-aligned, numbers right-aligned
				b.WriteString(cell + pad)
			} else {
				b.WriteString(pad + cell)
			}
			if i < len(row)-1 {
				b.WriteString("  ")
			}
		}
		b.WriteString("\n")
		// The title goes under its row, from the date's column on. It is
		// never a spoiler (the fact checks keep spoilers out of titles,
		// which episode replies show as embed titles), so the code block,
		// which renders no markup, shows it as it is.
		if k == 0 || eps[k-1].Title == nil {
			continue
		}
		t := eps[k-1].Title
		r.cite(t.Sources)
		b.WriteString(strings.Repeat(" ", widths[0]+2) + r.text(t.Name))
		if t.Note != nil {
			b.WriteString(" " + titleNoteMark)
			noted = true
		}
		b.WriteString("\n")
	}
	b.WriteString("```")
	if missing {
		b.WriteString("\n" + r.in(msgPeakMissing))
	}
	for _, line := range differ {
		b.WriteString("\n" + line)
	}
	if noted {
		b.WriteString("\n" + r.in(msgTableTitleNote))
	}
	return b.String()
}

// titleNoteMark follows a title in the table that has a note, which the
// notes view gives ("From a single source …").
const titleNoteMark = "†"

// discrepancyMark follows a rating in the table that the sources differ on.
const discrepancyMark = "*"

// sourcesDiffer reports whether a note on ep says the sources differ on
// its figures, as its own reply does ("⚖️ Sources differ: …").
func sourcesDiffer(ep facts.Episode) bool {
	for _, n := range ep.Notes {
		if n.Confidence == facts.Discrepancy {
			return true
		}
	}
	return false
}

// episodeTitles is one line per verified episode title, with its note
// ("from a single source"), and a last line naming the episodes without
// one. Unverified titles are never listed.
func episodeTitles(r *reply, eps []facts.Episode) []string {
	var lines, missing []string
	for i := range eps {
		ep := &eps[i]
		if ep.Title == nil {
			missing = append(missing, strconv.Itoa(ep.Number))
			continue
		}
		lines = append(lines, r.f(msgTitleLine, ep.Number, episodeTitle(r, ep.Title)))
	}
	if len(missing) > 0 {
		lines = append(lines, r.f(msgTitlesMissing, strings.Join(missing, ", ")))
	}
	return lines
}

// episodeTitle is a verified title, cited, with its note when it has one:
// "The Father of the Two Sisters — From a single source …".
func episodeTitle(r *reply, t *facts.EpisodeTitle) string {
	r.cite(t.Sources)
	s := r.text(t.Name)
	if t.Note != nil {
		s += " — " + r.text(*t.Note)
	}
	return s
}

// shortDay is an air date without the year, which the title gives:
// "Sat 20 Jun", "6월 20일 (토)".
func shortDay(l lang, s string) string {
	d := formatDate(l, s, true)
	if l == korean {
		if _, rest, ok := strings.Cut(d, "년 "); ok {
			return rest
		}
		return d
	}
	if i := strings.LastIndexByte(d, ' '); i > 0 && len(s) == len("2006-01-02") {
		return d[:i]
	}
	return d
}

// width is how many columns s takes in a monospace font: Hangul and other
// East Asian wide characters take two.
func width(s string) int {
	n := 0
	for _, c := range s {
		n++
		if unicode.Is(unicode.Hangul, c) || unicode.Is(unicode.Han, c) || (c >= 0xFF01 && c <= 0xFF60) {
			n++
		}
	}
	return n
}

func ratingsEpisode(store *facts.Store, l lang, ep *facts.Episode) Embed {
	r := newReply(store, l)
	r.cite(ep.Sources)
	e := Embed{Title: r.f(msgEpisode, ep.Number), Color: colorRatings}
	if ep.Number == store.Show().Episodes {
		e.Title += " " + r.in(msgFinale)
	}
	if ep.Title != nil {
		e.Title += ": " + r.text(ep.Title.Name)
	}
	e.Description = r.f(msgEpisodeRating, facts.Percent(ep.Rating), r.text(store.Ratings().Measure))

	rating := facts.Percent(ep.Rating)
	if ep.Precise != nil {
		rating += " · " + precise(r, ep)
	}
	// A peak no source gives is never estimated: okbot says it was not
	// found, and adds the facts' note when it says more than that.
	peak := r.in(msgPeakNotFound)
	if ep.Peak != nil {
		peak = facts.Percent(*ep.Peak)
	} else if ep.PeakNote != nil {
		if note := r.text(*ep.PeakNote); !strings.EqualFold(note, peak) {
			peak += " — " + note
		}
	}
	e.Fields = append(e.Fields,
		Field{Name: r.in(msgColAired), Value: r.day(ep.AirDate), Inline: true},
		Field{Name: r.in(msgColRating), Value: rating, Inline: true},
		Field{Name: r.in(msgColPeak), Value: cut(peak, maxFieldValue), Inline: true},
	)
	// The embed's title names a verified title; the field says what the
	// title's note qualifies ("from a single source"), or that none is
	// verified.
	switch {
	case ep.Title == nil:
		e.Fields = append(e.Fields, Field{Name: r.in(msgEpisodeTitleField), Value: r.in(msgNoVerifiedTitle)})
	case ep.Title.Note != nil:
		e.Fields = append(e.Fields, Field{Name: r.in(msgEpisodeTitleField), Value: cut(episodeTitle(r, ep.Title), maxFieldValue)})
	default:
		r.cite(ep.Title.Sources)
	}
	if len(ep.Parts) > 0 {
		parts := make([]string, len(ep.Parts))
		for i, p := range ep.Parts {
			parts[i] = facts.Percent(p)
		}
		value := figureBy(r, r.f(msgPartsValue, strings.Join(parts, " / ")), ep.PartsSources)
		e.Fields = append(e.Fields, Field{Name: r.in(msgParts), Value: value})
	}
	var notes []string
	for _, n := range ep.Notes {
		notes = append(notes, "• "+r.note(n))
	}
	e.Fields = append(e.Fields, r.listFields(r.in(msgOtherValues), notes)...)
	return r.finish(e, store.Show().Checked)
}

// precise is an episode's precise figure and whose it is: "6.093% per
// Sports Today (text on theqoo)".
func precise(r *reply, ep *facts.Episode) string {
	return figureBy(r, facts.Percent(*ep.Precise), ep.PreciseSources)
}

// figureBy is a figure and whose it is, "6.093% per Sports Today (text on
// theqoo)": the publishers of the sources ids, each named once; the facts
// keep them among the episode's sources.
func figureBy(r *reply, figure string, ids []string) string {
	var by []string
	for _, id := range ids {
		if src, ok := r.store.Source(id); ok {
			if name := r.publisher(src); !slices.Contains(by, name) {
				by = append(by, name)
			}
		}
	}
	return r.f(msgFigureBy, figure, strings.Join(by, ", "))
}
