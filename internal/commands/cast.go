package commands

import (
	"slices"
	"strconv"
	"strings"

	"github.com/okbot/okbot/internal/facts"
)

// castPerPage is the most people one page of the cast list shows: enough to
// fit the four leads on one page, few enough to read on a phone.
const castPerPage = 6

// castSuggestions is how many close matches an unknown name gets.
const castSuggestions = 5

// cast answers /cast: the whole cast, page by page, or one person's card.
type cast struct {
	store *facts.Store
	pages [langCount][]view
	// cards and autocomplete choices by person ID. A choice's Name is the
	// person's one-line label, also used in lists.
	cards   map[string]*[langCount]view
	choices map[string]*[langCount]Choice
	// shared are the views of a character two people play (Do Hee-jae),
	// by each role Find can match it as.
	shared map[role]*[langCount]view
}

// role is one character of one person.
type role struct {
	id        string
	character int // index in Person.Characters
}

func newCast(store *facts.Store, found *problems) *cast {
	c := &cast{store: store, cards: map[string]*[langCount]view{}, choices: map[string]*[langCount]Choice{}, shared: map[role]*[langCount]view{}}
	people := store.Cast().People
	for i := range people {
		p := &people[i]
		// IDs are short (facts.MaxPersonID); cut only for naming an answer
		// in a problem about data that has problems already.
		who := cut(p.ID, 40)
		card, choice := new([langCount]view), new([langCount]Choice)
		for _, l := range langs {
			card[l] = view{embeds: []Embed{castCard(store, l, p)}}
			choice[l] = Choice{Name: castLabel(store, l, p), Value: p.ID}
			found.verify("/cast "+who+" ("+l.code()+")", card[l])
			// Every autocomplete answer is at most maxChoices of these
			// (complete asks Find for no more), so checking each one here
			// checks every answer /cast can give.
			found.verifyChoice("/cast autocomplete for "+who+" ("+l.code()+")", choice[l])
		}
		c.cards[p.ID], c.choices[p.ID] = card, choice
	}
	// A character two people play opens a view of the character, not of
	// either person: Do Hee-jae in flashbacks and, as a reveal, in the
	// present. Every role of the character that Find can return leads to it.
	views := map[string]*[langCount]view{}
	for i := range people {
		for ci, ch := range people[i].Characters {
			players := playersOf(people, ch.Name.EN)
			if len(players) < 2 || ch.Reveal {
				continue
			}
			v := views[ch.Name.EN]
			if v == nil {
				v = new([langCount]view)
				for _, l := range langs {
					v[l] = view{embeds: []Embed{characterView(store, l, ch, players)}}
					found.verify("/cast "+cut(ch.Name.EN, 40)+" ("+l.code()+")", v[l])
				}
				views[ch.Name.EN] = v
			}
			c.shared[role{people[i].ID, ci}] = v
		}
	}
	for _, l := range langs {
		c.pages[l] = castPages(store, l)
		for i, v := range c.pages[l] {
			found.verify("/cast page "+strconv.Itoa(i+1)+" ("+l.code()+")", v)
		}
	}
	return c
}

func (c *cast) command() command {
	return command{
		def: Definition{
			Name:        "cast",
			NameKO:      "출연진",
			Description: msgCastDescription.localized(),
			Options: []OptionDefinition{{
				Name:         "name",
				NameKO:       "이름",
				Type:         String,
				Description:  msgCastNameDescription.localized(),
				Autocomplete: true,
				MaxLength:    100,
			}},
		},
		key:      keyCast,
		run:      c.run,
		complete: c.complete,
		click: func(id customID) (view, bool) {
			pages := c.pages[id.lang]
			if id.view != pageView || id.page < 1 || id.page > len(pages) {
				return view{}, false
			}
			return pages[id.page-1], true
		},
	}
}

func (c *cast) run(req Request, l lang) Response {
	q, _ := req.Option("name")
	q = strings.TrimSpace(q)
	if q == "" {
		return c.pages[l][0].response(Message)
	}
	// Autocomplete sets the option to a person's ID.
	if card, ok := c.cards[q]; ok {
		return card[l].response(Message)
	}
	// Only a whole name is an answer: a full name, a nickname, or a given
	// name one person has (any spelling). A partial, misspelt or shared one
	// could be someone else entirely, so it gets suggestions.
	if m, ok := c.store.Lookup(q); ok {
		if card, ok := c.shared[role{m.Person.ID, m.Character}]; ok {
			return card[l].response(Message)
		}
		return c.cards[m.Person.ID][l].response(Message)
	}
	return c.unknown(q, c.store.Find(q, castSuggestions), l)
}

// withField is a copy of a prepared embed with f added before its Sources
// field (the last one); the prepared embed is left as it is.
func withField(e Embed, f Field) Embed {
	at := len(e.Fields)
	if at > 0 {
		at--
	}
	e.Fields = slices.Insert(slices.Clone(e.Fields), at, f)
	return e
}

// unknown is the ephemeral reply to a name that matches no one exactly:
// the closest matches, if any, and how to find the right one.
func (c *cast) unknown(q string, found []facts.Match, l lang) Response {
	var b strings.Builder
	if len(found) == 0 {
		b.WriteString(msgNoSuchPerson.f(l, echo(q)))
	} else {
		b.WriteString(msgNoExactMatch.f(l, echo(q)))
		for _, m := range found {
			b.WriteString("\n• " + c.choices[m.Person.ID][l].Name)
		}
	}
	b.WriteString("\n\n" + msgCastTip.in(l))
	return notice(b.String())
}

// complete suggests people for the name option, the whole cast in order
// before anything is typed. The value is the person's ID, so picking a
// suggestion is exact.
func (c *cast) complete(req Request, l lang) Response {
	q := ""
	for _, o := range req.Options {
		if o.Focused {
			if o.Name != "name" {
				return Response{Kind: Choices, Choices: []Choice{}}
			}
			q = o.Value
		}
	}
	found := c.store.Find(q, maxChoices)
	choices := make([]Choice, len(found))
	for i, m := range found {
		choices[i] = c.choices[m.Person.ID][l]
	}
	return Response{Kind: Choices, Choices: choices}
}

// castLabel names a person in one line of at most 100 characters (an
// autocomplete choice): "Kim Soo-hyun — Moon Gang-tae", or in Korean
// "김수현 (Kim Soo-hyun) — 문강태".
func castLabel(store *facts.Store, l lang, p *facts.Person) string {
	r := newReply(store, l)
	actor := p.Actor.EN
	if l == korean {
		actor = r.name(p.Actor)
	}
	roles := roleNames(r, p, r.short)
	if p.Billing == facts.Child {
		roles = r.f(msgChildOf, roles)
	}
	return cut(actor+" — "+roles, maxChoiceName)
}

// youngerSelfLines are the lines of p's card naming the child actors who
// play p's characters as children, each worded by its confidence.
func youngerSelfLines(r *reply, store *facts.Store, p *facts.Person) []string {
	var lines []string
	for _, y := range store.YoungerSelves() {
		if y.Adult == p {
			r.cite(y.Child.Sources)
			lines = append(lines, "• "+r.name(y.Child.Actor)+" · "+description(r, y.Child))
		}
	}
	return lines
}

// roleNames are the characters a person plays, " / "-separated, each
// named by name; or their unnamed role. A character that is a reveal is
// left out: role names go where Discord hides no spoilers (field names,
// autocomplete choices).
func roleNames(r *reply, p *facts.Person, name func(facts.Text) string) string {
	if len(p.Characters) == 0 {
		if p.Role != nil {
			return r.text(*p.Role)
		}
		return r.in(billingWord(p.Billing))
	}
	var names []string
	for _, ch := range p.Characters {
		if !ch.Reveal {
			names = append(names, name(ch.Name))
		}
	}
	return strings.Join(names, " / ")
}

// playersOf are the adults who play the character named en, in cast
// order. A child actor is not one of them: the adult's card lists them.
func playersOf(people []facts.Person, en string) []*facts.Person {
	var out []*facts.Person
	for i := range people {
		if people[i].Billing != facts.Child && slices.ContainsFunc(people[i].Characters, func(ch facts.Character) bool { return ch.Name.EN == en }) {
			out = append(out, &people[i])
		}
	}
	return out
}

// characterView is a character several people play: who the character
// is and who plays them openly, and, inside spoiler markup in a field
// named for no one, who plays them as a reveal.
func characterView(store *facts.Store, l lang, ch facts.Character, players []*facts.Person) Embed {
	r := newReply(store, l)
	e := Embed{Title: r.name(ch.Name), Color: colorCast}
	var about, open, hidden []string
	for _, p := range players {
		r.cite(p.Sources)
		i := slices.IndexFunc(p.Characters, func(o facts.Character) bool { return o.Name.EN == ch.Name.EN })
		played := p.Characters[i]
		line := r.name(p.Actor)
		if played.Reveal {
			line = r.f(msgRevealRole, line, roleNames(r, p, r.name))
		}
		if played.Note != nil {
			line += " — " + r.text(*played.Note)
		}
		if played.Reveal {
			hidden = append(hidden, facts.Spoiler("• "+line))
			continue
		}
		about = append(about, description(r, p))
		open = append(open, "• "+line)
	}
	e.Description = strings.Join(about, "\n")
	e.Fields = append(e.Fields, r.listFields(r.in(msgPlayedBy), open)...)
	e.Fields = append(e.Fields, r.listFields(r.in(msgSpoilerField), hidden)...)
	return r.finish(e, store.Show().Checked)
}

func isMainCast(b facts.Billing) bool { return b == facts.Lead || b == facts.Main }

// castPages lays the cast list out: the main cast, then everyone else,
// castPerPage people a page.
func castPages(store *facts.Store, l lang) []view {
	var main, rest []*facts.Person
	people := store.Cast().People
	for i := range people {
		if isMainCast(people[i].Billing) {
			main = append(main, &people[i])
		} else {
			rest = append(rest, &people[i])
		}
	}
	type page struct {
		title  msg
		people []*facts.Person
	}
	var pages []page
	for _, g := range []page{{msgCastMain, main}, {msgCastSupporting, rest}} {
		for chunk := range slices.Chunk(g.people, castPerPage) {
			pages = append(pages, page{g.title, chunk})
		}
	}
	if len(pages) == 0 {
		pages = []page{{msgCastMain, nil}}
	}
	views := make([]view, len(pages))
	for i, pg := range pages {
		r := newReply(store, l)
		e := Embed{Title: r.in(pg.title), Color: colorCast}
		if len(pages) > 1 {
			e.Title += " " + r.f(msgPageOf, i+1, len(pages))
		}
		for _, p := range pg.people {
			r.cite(p.Sources)
			e.Fields = append(e.Fields, Field{
				Name:  cut(r.f(msgPlaysAs, r.name(p.Actor), roleNames(r, p, r.name)), maxFieldName),
				Value: cut(castLine(r, p), maxFieldValue),
			})
		}
		if i == 0 {
			var notes []string
			for _, n := range store.Cast().Notes {
				notes = append(notes, "• "+r.note(n))
			}
			e.Fields = append(e.Fields, r.listFields(r.in(msgNotes), notes)...)
			e.Description = r.in(msgCastIntro)
		}
		views[i].embeds = []Embed{r.finish(e, store.Show().Checked)}
		if len(pages) > 1 {
			views[i].rows = [][]Button{pagerRow(keyCast, l, i+1, len(pages))}
		}
	}
	return views
}

// castLine is a person's line in the cast list: billing, then who the
// character is.
func castLine(r *reply, p *facts.Person) string {
	return "*" + billing(r, p) + "* · " + description(r, p)
}

func billing(r *reply, p *facts.Person) string {
	s := r.in(billingWord(p.Billing))
	if p.BillingNote != nil {
		s += " (" + r.text(*p.BillingNote) + ")"
	}
	return s
}

// description is the one line about a person, worded by the row's
// confidence.
func description(r *reply, p *facts.Person) string {
	d := r.text(p.Description)
	switch p.Confidence {
	case facts.Verified:
		return d
	case facts.Discrepancy:
		return d + " " + r.in(msgSeeNotes)
	default:
		return r.claim(d, p.Confidence)
	}
}

// castCard is one person in full.
func castCard(store *facts.Store, l lang, p *facts.Person) Embed {
	r := newReply(store, l)
	r.cite(p.Sources)
	e := Embed{Title: r.name(p.Actor), Description: description(r, p), Color: colorCast}
	var roles []string
	if len(p.Characters) == 0 && p.Role != nil {
		roles = append(roles, r.text(*p.Role))
	}
	for _, ch := range p.Characters {
		s := "**" + r.short(ch.Name) + "**"
		other := ch.Name.KO
		if l == korean {
			other = ch.Name.EN
		}
		if other != "" && other != r.short(ch.Name) {
			s += " (" + other + ")"
		}
		// Nicknames ("Gandhi") find the card but are not other
		// romanizations of the name; the description says who uses them.
		var spellings []string
		for _, a := range ch.Aliases {
			if facts.Respelling(ch.Name.EN, a) {
				spellings = append(spellings, a)
			}
		}
		if len(spellings) > 0 {
			s += " · " + r.f(msgAlsoRomanized, strings.Join(spellings, ", "))
		}
		if ch.Note != nil {
			s += " — " + r.text(*ch.Note)
		}
		if ch.Reveal {
			s = facts.Spoiler(s)
		}
		roles = append(roles, s)
	}
	e.Fields = append(e.Fields, r.listFields(r.in(msgPlays), roles)...)
	e.Fields = append(e.Fields, r.listFields(r.in(msgYoungerSelf), youngerSelfLines(r, store, p))...)
	e.Fields = append(e.Fields, Field{Name: r.in(msgBilling), Value: billing(r, p), Inline: true})
	if len(p.ActorAliases) > 0 {
		e.Fields = append(e.Fields, Field{Name: r.in(msgAlsoSpelled), Value: cut(strings.Join(p.ActorAliases, ", "), maxFieldValue), Inline: true})
	}
	e.Fields = append(e.Fields, personAwards(r, store.Awards(), p)...)
	var notes []string
	for _, n := range p.Notes {
		notes = append(notes, "• "+r.note(n))
	}
	e.Fields = append(e.Fields, r.listFields(r.in(msgNotes), notes)...)
	return r.finish(e, store.Show().Checked)
}

// personAwards are the fields listing p's awards (awards.json's people):
// wins, nominations, and apart from both what is reported but not
// verified, which says which it was reported as.
func personAwards(r *reply, aw *facts.Awards, p *facts.Person) []Field {
	var theirs []*facts.Award
	for i := range aw.Awards {
		if slices.Contains(aw.Awards[i].People, p.ID) {
			theirs = append(theirs, &aw.Awards[i])
		}
	}
	// Oldest first; dates are YYYY-MM-DD or YYYY-MM, so they sort as text.
	slices.SortStableFunc(theirs, func(a, b *facts.Award) int { return strings.Compare(a.Date, b.Date) })
	var lists awardLists
	for _, a := range theirs {
		lists.add(r, a, a.Nominee.EN != p.Actor.EN) // shared: say with whom
	}
	var fields []Field
	fields = append(fields, r.listFields(r.in(msgCardWins), lists.wins)...)
	fields = append(fields, r.listFields(r.in(msgCardNominations), lists.noms)...)
	fields = append(fields, r.listFields(r.in(msgCardUnverifiedAwards), lists.unverified)...)
	return fields
}

func billingWord(b facts.Billing) msg {
	switch b {
	case facts.Lead:
		return msgBillingLead
	case facts.Main:
		return msgBillingMain
	case facts.Guest:
		return msgBillingGuest
	case facts.Cameo:
		return msgBillingCameo
	case facts.Child:
		return msgBillingChild
	default:
		return msgBillingSupporting
	}
}
