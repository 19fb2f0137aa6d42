package commands

import (
	"slices"

	"github.com/okbot/okbot/internal/facts"
)

// season2Tabs are /season2's sections, in button order; the first is the
// one the command opens with. Their ids are custom_ids in messages already
// sent: keep every id, and map one that moves to its new home in click.
var season2Tabs = []tab{
	{id: "status", label: msgS2TabStatus},
	{id: "record", label: msgS2TabRecord},
	{id: "context", label: msgS2TabContext},
	{id: "hope", label: msgS2TabHope},
	{id: "against", label: msgS2TabAgainst},
	{id: "sources", label: msgS2TabSources},
}

// season2Latest is how many record items the first view shows.
const season2Latest = 3

// season2 answers /season2: whether there will be a second season, the
// dated record behind that answer, and fans' theories, clearly apart.
type season2 struct {
	views [langCount][]view // by language, then by tab
}

func newSeason2(store *facts.Store, p *problems) *season2 {
	c := &season2{}
	for _, l := range langs {
		for i := range season2Tabs {
			v := view{
				embeds: []Embed{season2Embed(store, l, i)},
				rows:   tabRows(keySeason2, l, season2Tabs, i),
			}
			p.verify("/season2 "+season2Tabs[i].id+" ("+l.code()+")", v)
			c.views[l] = append(c.views[l], v)
		}
	}
	return c
}

func (c *season2) command() command {
	return command{
		def: Definition{
			Name:        "season2",
			NameKO:      "시즌2",
			Description: msgSeason2Description.localized(),
		},
		key:  keySeason2,
		tabs: true,
		run: func(_ Request, l lang) Response {
			return c.views[l][0].response(Message)
		},
		click: func(id customID) (view, bool) {
			for i, t := range season2Tabs {
				if t.id == id.view {
					return c.views[id.lang][i], true
				}
			}
			return view{}, false
		},
	}
}

func season2Embed(store *facts.Store, l lang, section int) Embed {
	s2 := store.Season2()
	r := newReply(store, l)
	status := r.in(statusWord(s2.Status))
	e := Embed{Color: colorSeason2}
	switch season2Tabs[section].id {
	case "status":
		// The first view: the answer, and only the latest of the record.
		e.Title = r.f(msgS2Title, status)
		r.cite(s2.Sources)
		record := newestFirst(s2.Record)
		latest := record[:min(season2Latest, len(record))]
		e.Description = r.f(msgS2Status, status, r.date(s2.AsOf)) + "\n\n" + r.text(s2.Headline)
		if len(latest) < len(record) {
			e.Description += "\n\n" + r.f(msgS2Latest, len(latest), len(record))
		}
		for _, ev := range latest {
			e.Fields = append(e.Fields, season2Event(r, ev))
		}
	case "record":
		e.Title = r.in(msgS2RecordTitle)
		e.Description = r.f(msgS2Status, status, r.date(s2.AsOf)) + "\n" + r.in(msgS2RecordIntro)
		for _, ev := range newestFirst(s2.Record) {
			e.Fields = append(e.Fields, season2Event(r, ev))
		}
	case "context":
		e.Title = r.in(msgS2ContextTitle)
		e.Description = r.in(msgS2ContextIntro) + "\n" + r.f(msgS2Status, status, r.date(s2.AsOf))
		var context []string
		for _, n := range s2.Context {
			context = append(context, "• "+r.note(n))
		}
		e.Fields = append(e.Fields, r.listFields(r.in(msgS2Context), context)...)
	case "hope", "against":
		stance, title := facts.For, msgS2HopeTitle
		if season2Tabs[section].id == "against" {
			stance, title = facts.Against, msgS2AgainstTitle
		}
		e.Title = r.in(title)
		e.Description = r.in(msgS2Speculation) + "\n" + r.f(msgS2Status, status, r.date(s2.AsOf))
		for _, th := range inDateOrder(s2.Theories) {
			if th.Stance != stance {
				continue
			}
			r.cite(th.Sources)
			name := r.in(msgS2Theory)
			if th.Date != "" {
				name += " · " + r.date(th.Date)
			}
			e.Fields = append(e.Fields, Field{Name: name, Value: cut(r.text(th.Text)+by(r, th.Sources), maxFieldValue)})
		}
		if len(e.Fields) == 0 {
			e.Fields = append(e.Fields, Field{Name: r.in(msgS2Theory), Value: r.in(msgS2NoTheories)})
		}
	case "sources":
		e.Title = r.in(msgS2SourcesTitle)
		e.Description = r.in(msgS2SourcesIntro)
		r.cite(s2.Sources)
		for _, ev := range s2.Record {
			r.cite(ev.Sources)
		}
		for _, th := range s2.Theories {
			r.cite(th.Sources)
		}
		for _, n := range s2.Context {
			r.cite(n.Sources)
		}
		e.Footer = r.footer(s2.AsOf)
		e.Fields = sourceFields(r, maxEmbedsTotal-embedLength(e))
		return e
	}
	return r.finish(e, s2.AsOf)
}

// newestFirst is the record newest first: the dated items (which the
// facts keep oldest first) reversed, then the undated ones.
func newestFirst(record []facts.Event) []facts.Event {
	var dated, undated []facts.Event
	for _, ev := range record {
		if ev.Date == "" {
			undated = append(undated, ev)
		} else {
			dated = append(dated, ev)
		}
	}
	slices.Reverse(dated)
	return append(dated, undated...)
}

// inDateOrder is theories oldest first, the undated last. Dates of
// different precision compare as text: "2021-01" before "2021-01-11".
func inDateOrder(theories []facts.Theory) []facts.Theory {
	out := slices.Clone(theories)
	slices.SortStableFunc(out, func(a, b facts.Theory) int {
		switch {
		case a.Date == "" || b.Date == "":
			return boolOrder(a.Date == "") - boolOrder(b.Date == "")
		case a.Date < b.Date:
			return -1
		case a.Date > b.Date:
			return 1
		}
		return 0
	})
	return out
}

// boolOrder sorts false before true.
func boolOrder(b bool) int {
	if b {
		return 1
	}
	return 0
}

// season2Event is one entry of the record: its date and kind, then what
// happened. A dubious item is only ever shown as unverified.
func season2Event(r *reply, ev facts.Event) Field {
	r.cite(ev.Sources)
	when := r.date(ev.Date)
	if ev.Date == "" {
		when = r.in(msgUndated)
	}
	text := r.text(ev.Text)
	if ev.Kind == facts.Dubious {
		text = r.f(msgUnverified, text)
	}
	return Field{
		Name:  when + " · " + r.in(eventWord(ev.Kind)),
		Value: cut(text+by(r, ev.Sources), maxFieldValue),
	}
}

func statusWord(s facts.Status) msg {
	switch s {
	case facts.Confirmed:
		return msgStatusConfirmed
	case facts.Cancelled:
		return msgStatusCancelled
	default:
		return msgStatusNotAnnounced
	}
}

func eventWord(k facts.EventKind) msg {
	switch k {
	case facts.Official:
		return msgEventOfficial
	case facts.Press:
		return msgEventPress
	case facts.Clarification:
		return msgEventClarification
	case facts.Commentary:
		return msgEventCommentary
	default:
		return msgEventDubious
	}
}
