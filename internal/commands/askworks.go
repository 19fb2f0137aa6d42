package commands

import (
	"strings"

	"github.com/okbot/okbot/internal/ask"
	"github.com/okbot/okbot/internal/facts"
)

// /ask's answers about the show's works: the OST and Moon-young's fairy
// tales, each with a button to its /about section.

// ost answers an OST question: every release, or the one it names, with
// who sings the song it names. A release date the sheet does not verify
// is said to be unverified, never given (releaseLine).
func (a *askCmd) ost(q ask.Question, l lang) (view, bool) {
	r := newReply(a.store, l)
	show := a.store.Show()
	o := &show.OST
	rows := button(msgAskSeeMusic, l, keyAbout, aboutTabOf(facts.Music))
	if q.Slot == "" {
		r.cite(o.Sources)
		e := Embed{Title: r.in(msgOSTReleases), Description: r.f(msgOSTLabel, r.text(o.Label)), Color: colorAbout}
		var lines []string
		for i := range o.Releases {
			lines = append(lines, "• "+releaseLine(r, &o.Releases[i]))
		}
		e.Fields = r.listFields(r.in(msgOSTReleases), lines)
		return view{embeds: []Embed{finishAsk(r, e, show.Checked)}, rows: rows}, true
	}
	for i := range o.Releases {
		rel := &o.Releases[i]
		if ask.ReleaseID(rel) != q.Slot || q.Track > len(rel.Tracks) {
			continue
		}
		e := Embed{Title: "OST " + releaseName(r, rel), Color: colorAbout}
		var lines []string
		track := q.Track
		if track == 0 && len(rel.Tracks) == 1 {
			track = 1
		}
		details := *rel
		if track > 0 {
			tr := rel.Tracks[track-1]
			lines = append(lines, r.f(msgAskSungBy, r.name(tr.Title), r.text(tr.Artist)))
			if len(rel.Tracks) == 1 {
				details.Tracks = nil // the line above names its one song
			}
		}
		e.Description = strings.Join(append(lines, releaseLine(r, &details)), "\n")
		return view{embeds: []Embed{finishAsk(r, e, show.Checked)}, rows: rows}, true
	}
	return view{}, false
}

// tale answers a fairy-tale question: one tale in full (its reveals in
// spoiler spans), or every tale in a line each, after saying so when the
// question's episode has none.
func (a *askCmd) tale(q ask.Question, l lang) (view, bool) {
	r := newReply(a.store, l)
	show := a.store.Show()
	rows := button(msgAskSeeTales, l, keyAbout, aboutTabOf(facts.Tales))
	if q.Slot != "" {
		for i := range show.Tales {
			t := &show.Tales[i]
			if ask.TaleID(t) == q.Slot {
				e := Embed{Title: cut(r.name(t.Title), maxTitle), Description: strings.Join(taleLines(r, t), "\n"), Color: colorAbout}
				return view{embeds: []Embed{finishAsk(r, e, show.Checked)}, rows: rows}, true
			}
		}
		return view{}, false
	}
	e := Embed{Title: r.in(msgTalesTitle), Description: r.in(msgTalesIntro), Color: colorAbout}
	if q.Episode > 0 {
		e.Description = r.f(msgAskNoTale, q.Episode)
	}
	var lines []string
	for i := range show.Tales {
		t := &show.Tales[i]
		r.cite(t.Sources)
		lines = append(lines, "• **"+r.name(t.Title)+"** · "+taleEpisodes(r, t)+" · "+taleBook(r, t))
	}
	e.Fields = r.listFields(r.in(msgAboutTabTales), lines)
	// The well-known tales the show borrows are fairy tales in it too;
	// the books have their own answer (and the button shows them).
	for _, f := range show.Facts {
		if f.Key == "classic_tales" {
			r.cite(f.Sources)
			e.Fields = append(e.Fields, Field{Name: r.text(f.Label), Value: cut(r.claim(r.text(f.Value), f.Confidence), maxFieldValue)})
		}
	}
	return view{embeds: []Embed{finishAsk(r, e, show.Checked)}, rows: rows}, true
}
