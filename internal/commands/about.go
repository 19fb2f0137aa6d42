package commands

import (
	"strconv"
	"strings"

	"github.com/okbot/okbot/internal/facts"
)

// aboutTabs are /about's sections, in button order: the essentials
// first, the rest one click away.
var aboutTabs = []tab{
	{id: "show", label: msgAboutTabShow},
	{id: "making", label: msgAboutTabProduction},
	{id: "music", label: msgAboutTabMusic},
	{id: "filming", label: msgAboutTabFilming},
	{id: "tales", label: msgAboutTabTales},
	{id: "awards", label: msgAboutTabAwards},
}

// aboutMoved maps sections that buttons in old messages name, and that
// have since moved, to their new home: where to watch is now part of the
// first view.
var aboutMoved = map[string]string{"watch": "show"}

// aboutTabOf is the /about tab that shows the show's facts of section s.
func aboutTabOf(s facts.Section) string {
	switch s {
	case facts.Production:
		return "making"
	case facts.Music:
		return "music"
	case facts.Filming:
		return "filming"
	case facts.Tales:
		return "tales"
	default:
		return "show"
	}
}

// inlineValue is the widest fact value (in monospace columns, so Hangul
// counts double) shown side by side with others.
const inlineValue = 40

// about answers /about: the show's essentials and where to watch it, with
// its production, music, fairy tales and awards behind buttons.
type about struct {
	views [langCount][]view // by language, then by tab
}

func newAbout(store *facts.Store, p *problems) *about {
	c := &about{}
	for _, l := range langs {
		for i, t := range aboutTabs {
			var e Embed
			switch t.id {
			case "show":
				e = aboutShow(store, l)
			case "making":
				e = aboutProduction(store, l)
			case "music":
				e = aboutMusic(store, l)
			case "filming":
				e = aboutFilming(store, l)
			case "tales":
				e = aboutTales(store, l)
			default:
				e = aboutAwards(store, l)
			}
			v := view{embeds: []Embed{e}, rows: tabRows(keyAbout, l, aboutTabs, i)}
			p.verify("/about "+t.id+" ("+l.code()+")", v)
			c.views[l] = append(c.views[l], v)
		}
	}
	return c
}

func (c *about) command() command {
	return command{
		def: Definition{
			Name:        "about",
			NameKO:      "작품정보",
			Description: msgAboutDescription.localized(),
		},
		key:  keyAbout,
		tabs: true,
		run: func(_ Request, l lang) Response {
			return c.views[l][0].response(Message)
		},
		click: func(id customID) (view, bool) {
			section := id.view
			if to, ok := aboutMoved[section]; ok {
				section = to
			}
			for i, t := range aboutTabs {
				if t.id == section {
					return c.views[id.lang][i], true
				}
			}
			return view{}, false
		},
	}
}

// factFields are the show's facts in section s, one field each.
func factFields(r *reply, show *facts.Show, s facts.Section) []Field {
	var fields []Field
	for _, f := range show.Facts {
		if f.Section != s {
			continue
		}
		r.cite(f.Sources)
		v := r.claim(r.text(f.Value), f.Confidence)
		fields = append(fields, Field{Name: r.text(f.Label), Value: cut(v, maxFieldValue), Inline: width(v) <= inlineValue})
	}
	return fields
}

// aboutShow is /about's first view: the titles, when it aired, who made
// it, and where to watch it.
func aboutShow(store *facts.Store, l lang) Embed {
	r := newReply(store, l)
	show := store.Show()
	r.cite(show.Sources)
	e := Embed{Title: r.name(show.Title), Color: colorAbout}
	titles := r.f(msgRomanized, show.Romanization)
	if show.Literal != "" && l == english {
		titles += " — " + r.f(msgLiterally, show.Literal)
	}
	e.Description = titles + "\n" + r.f(msgAired, show.Episodes, r.date(show.FirstAired), r.date(show.LastAired))
	e.Fields = factFields(r, show, facts.Essentials)
	e.Fields = append(e.Fields,
		Field{Name: r.in(msgWhereToWatch), Value: cut(whereToWatch(r, show), maxFieldValue)},
		Field{Name: r.in(msgAboutOkbot), Value: r.f(msgAboutOkbotText, r.date(show.Checked), r.date(store.Season2().AsOf))},
	)
	return r.finish(e, show.Checked)
}

// aboutProduction is who made the show and how, and its remake.
func aboutProduction(store *facts.Store, l lang) Embed {
	return aboutFacts(store, l, msgProductionTitle, facts.Production)
}

// aboutFilming is where and how the show was filmed.
func aboutFilming(store *facts.Store, l lang) Embed {
	return aboutFacts(store, l, msgFilmingTitle, facts.Filming)
}

// aboutFacts is a section that shows the show's facts of section s.
func aboutFacts(store *facts.Store, l lang, title msg, s facts.Section) Embed {
	r := newReply(store, l)
	show := store.Show()
	e := Embed{Title: r.in(title), Color: colorAbout, Fields: factFields(r, show, s)}
	return r.finish(e, show.Checked)
}

// aboutMusic is the music director and every OST release, in order.
func aboutMusic(store *facts.Store, l lang) Embed {
	r := newReply(store, l)
	show := store.Show()
	ost := &show.OST
	r.cite(ost.Sources)
	e := Embed{Title: r.in(msgMusicTitle), Description: r.f(msgOSTLabel, r.text(ost.Label)), Color: colorAbout}
	e.Fields = factFields(r, show, facts.Music)
	var lines []string
	for _, rel := range ost.Releases {
		lines = append(lines, "• "+releaseLine(r, &rel))
	}
	e.Fields = append(e.Fields, r.listFields(r.in(msgOSTReleases), lines)...)
	return r.finish(e, show.Checked)
}

// releaseLine is one OST release: "**Part 1** · You're Cold (더 많이 사랑한
// 쪽이 아프대) — Heize · 21 Jun 2020, 18:00 KST". A date the sheet does not
// verify is said to be unverified, never given.
func releaseLine(r *reply, rel *facts.Release) string {
	r.cite(rel.Sources)
	parts := []string{"**" + releaseName(r, rel) + "**"}
	// Songs by one artist in a row share the artist's name.
	var tracks []string
	for i := 0; i < len(rel.Tracks); {
		artist := r.text(rel.Tracks[i].Artist)
		var titles []string
		for ; i < len(rel.Tracks) && r.text(rel.Tracks[i].Artist) == artist; i++ {
			titles = append(titles, r.name(rel.Tracks[i].Title))
		}
		tracks = append(tracks, strings.Join(titles, ", ")+" — "+artist)
	}
	if len(tracks) > 0 {
		parts = append(parts, strings.Join(tracks, "; "))
	}
	if rel.Detail != nil {
		parts = append(parts, r.text(*rel.Detail))
	}
	when := r.in(msgReleaseDateUnknown)
	if rel.DateConfidence == facts.Verified {
		when = r.date(rel.Date)
	}
	parts = append(parts, when)
	if rel.Note != nil {
		parts = append(parts, r.text(*rel.Note))
	}
	return strings.Join(parts, " · ")
}

// releaseName is an OST release's name: "Part 1", "Special Track Vol.
// 2", "Full album".
func releaseName(r *reply, rel *facts.Release) string {
	switch rel.Kind {
	case facts.Part:
		return r.f(msgOSTPart, rel.Number)
	case facts.Special:
		return r.f(msgOSTSpecial, rel.Number)
	default:
		return r.in(msgOSTAlbum)
	}
}

// aboutTales is Moon-young's fairy tales: each tale's episodes, how the
// episode uses it (its reveals hidden) and whether it became a book; then
// the books and the classic tales the show borrows.
func aboutTales(store *facts.Store, l lang) Embed {
	r := newReply(store, l)
	show := store.Show()
	e := Embed{Title: r.in(msgTalesTitle), Description: r.in(msgTalesIntro), Color: colorAbout}
	for _, t := range show.Tales {
		e.Fields = append(e.Fields, Field{Name: cut(r.name(t.Title), maxFieldName), Value: cut(strings.Join(taleLines(r, &t), "\n"), maxFieldValue)})
	}
	e.Fields = append(e.Fields, factFields(r, show, facts.Tales)...)
	return r.finish(e, show.Checked)
}

// taleLines are one tale in full: its episodes and how they use it (its
// reveals in spoiler spans), whether it became a book, and its notes.
func taleLines(r *reply, t *facts.Tale) []string {
	r.cite(t.Sources)
	lines := []string{taleEpisodes(r, t) + " · " + r.text(t.Scene), taleBook(r, t)}
	for _, n := range t.Notes {
		lines = append(lines, r.note(n))
	}
	return lines
}

// taleEpisodes are the episodes a tale belongs to: "Episode 4", "4회".
func taleEpisodes(r *reply, t *facts.Tale) string {
	eps := make([]string, len(t.Episodes))
	for i, n := range t.Episodes {
		eps[i] = strconv.Itoa(n)
	}
	return r.f(msgTaleEpisodes, strings.Join(eps, ", "))
}

// taleBook says whether a tale became a book, worded by what the sheet
// verifies.
func taleBook(r *reply, t *facts.Tale) string {
	book := r.in(msgTaleNoBook)
	if t.Book == facts.Published {
		book = r.in(msgTaleBook)
	}
	if t.BookNote != nil {
		book += " (" + r.text(*t.BookNote) + ")"
	}
	return book
}

func aboutAwards(store *facts.Store, l lang) Embed {
	r := newReply(store, l)
	aw := store.Awards()
	e := Embed{Title: r.in(msgAwardsTitle), Description: r.in(msgAwardsIntro), Color: colorAbout}
	var lists awardLists
	for i := range aw.Awards {
		lists.add(r, &aw.Awards[i], true)
	}
	wins, noms, unverified := lists.wins, lists.noms, lists.unverified
	var recog []string
	for _, rc := range aw.Recognition {
		r.cite(rc.Sources)
		line := "**" + r.text(rc.Title) + "**"
		if rc.Date != "" {
			line += " (" + r.date(rc.Date) + ")"
		}
		line += " — " + r.text(rc.Detail)
		if !rc.Confidence.Stated() {
			unverified = append(unverified, "• "+r.claim(line, rc.Confidence))
		} else {
			recog = append(recog, "• "+r.claim(line, rc.Confidence))
		}
	}
	var notes []string
	for _, n := range aw.Notes {
		notes = append(notes, "• "+r.note(n))
	}
	e.Fields = append(e.Fields, r.listFields(r.in(msgWins), wins)...)
	e.Fields = append(e.Fields, r.listFields(r.in(msgNominations), noms)...)
	e.Fields = append(e.Fields, r.listFields(r.in(msgRecognition), recog)...)
	e.Fields = append(e.Fields, r.listFields(r.in(msgNotVerifiedList), unverified)...)
	e.Fields = append(e.Fields, r.listFields(r.in(msgNotes), notes)...)
	return r.finish(e, store.Show().Checked)
}

// awardLists sorts awards into wins, nominations, and apart from both
// those reported but not verified (which say what they were reported
// as), each a line stating its claim with its confidence.
type awardLists struct{ wins, noms, unverified []string }

// add lists a, naming its nominee if withNominee.
func (l *awardLists) add(r *reply, a *facts.Award, withNominee bool) {
	r.cite(a.Sources)
	line := "**" + r.text(a.Ceremony) + "**"
	if a.Date != "" {
		line += " (" + r.date(a.Date) + ")"
	}
	line += " — " + r.text(a.Category)
	if withNominee {
		line += ": " + r.text(a.Nominee)
	}
	if a.Note != nil {
		line += ". " + r.text(*a.Note)
	}
	switch {
	case !a.Confidence.Stated():
		l.unverified = append(l.unverified, "• "+r.claim(line+" ("+r.in(resultWord(a.Result))+")", a.Confidence))
	case a.Result == facts.Won:
		l.wins = append(l.wins, "• "+r.claim(line, a.Confidence))
	default:
		l.noms = append(l.noms, "• "+r.claim(line, a.Confidence))
	}
}

func resultWord(res facts.Result) msg {
	if res == facts.Won {
		return msgResultWon
	}
	return msgResultNominated
}

// whereToWatch is where the show streams, with the regional caveat: the
// facts' to word; okbot adds its own only when theirs is missing.
func whereToWatch(r *reply, show *facts.Show) string {
	watch := r.note(show.WhereToWatch)
	if !strings.Contains(watch, r.in(msgRegionWord)) {
		watch += "\n" + r.in(msgRegionCaveat)
	}
	return watch
}
