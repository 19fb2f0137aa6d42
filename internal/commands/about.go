package commands

import (
	"strings"

	"github.com/okbot/okbot/internal/facts"
)

// aboutTabs are /about's sections, in button order.
var aboutTabs = []tab{
	{id: "show", label: msgAboutTabShow},
	{id: "awards", label: msgAboutTabAwards},
	{id: "watch", label: msgAboutTabWatch},
}

// inlineValue is the widest fact value (in monospace columns, so Hangul
// counts double) shown side by side with others.
const inlineValue = 40

// about answers /about: the show's core facts, its awards, where to watch
// it, and what okbot is.
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
			case "awards":
				e = aboutAwards(store, l)
			default:
				e = aboutWatch(store, l)
			}
			v := view{embeds: []Embed{e}, rows: [][]Button{tabRow(keyAbout, l, aboutTabs, i)}}
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
			for i, t := range aboutTabs {
				if t.id == id.view {
					return c.views[id.lang][i], true
				}
			}
			return view{}, false
		},
	}
}

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
	for _, f := range show.Facts {
		r.cite(f.Sources)
		v := r.claim(r.text(f.Value), f.Confidence)
		e.Fields = append(e.Fields, Field{Name: r.text(f.Label), Value: cut(v, maxFieldValue), Inline: width(v) <= inlineValue})
	}
	return r.finish(e, show.Checked)
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
		if rc.Confidence != facts.Verified && rc.Confidence != facts.Discrepancy {
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
	case a.Confidence != facts.Verified && a.Confidence != facts.Discrepancy:
		l.unverified = append(l.unverified, "• "+r.claim(line+" ("+r.in(resultWord(a.Result))+")", a.Confidence))
	case a.Result == facts.Won:
		l.wins = append(l.wins, "• "+r.claim(line, a.Confidence))
	default:
		l.noms = append(l.noms, "• "+r.claim(line, a.Confidence))
	}
}

func aboutWatch(store *facts.Store, l lang) Embed {
	r := newReply(store, l)
	show := store.Show()
	e := Embed{Title: r.in(msgWatchTitle), Color: colorAbout}
	// The regional caveat is the facts' to word; okbot adds its own only
	// when theirs is missing.
	watch := r.note(show.WhereToWatch)
	if !strings.Contains(watch, r.in(msgRegionWord)) {
		watch += "\n" + r.in(msgRegionCaveat)
	}
	e.Fields = append(e.Fields,
		Field{Name: r.in(msgWhereToWatch), Value: cut(watch, maxFieldValue)},
		Field{Name: r.in(msgAboutOkbot), Value: r.f(msgAboutOkbotText, r.date(show.Checked), r.date(store.Season2().AsOf))},
	)
	return r.finish(e, show.Checked)
}

func resultWord(res facts.Result) msg {
	if res == facts.Won {
		return msgResultWon
	}
	return msgResultNominated
}
