package commands

import (
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode"

	"github.com/okbot/okbot/internal/ask"
	"github.com/okbot/okbot/internal/facts"
)

// keyAsk names /ask in custom_ids. Its buttons lead to full views that no
// other button reaches: "ratings" (the ratings overview), "ep" + number
// (an episode), and a person's ID without its hyphens (their cast card).
// The other buttons use the custom_ids of the commands whose views they
// open: /season2's status, /about's sections (each show fact the section
// /about shows it in), /ratings' caveats.
const keyAsk = "ask"

// maxAskQuestion bounds the question option: a question, not an essay.
const maxAskQuestion = 200

// askCmd answers /ask: a question in plain words, answered from the facts
// that answer it, or an honest "I don't know". internal/ask reads the
// question; every answer it can lead to is prepared and checked in New.
type askCmd struct {
	store   *facts.Store
	parser  *ask.Parser
	ratings *ratings
	cast    *cast
	// cards are the card views' custom_id words, by person ID, and the
	// person IDs by word.
	cardWord map[string]string
	cardID   map[string]string
	// answers are the answers to every question the parser can return, by
	// kind of question; each kind's are prepared by its first call.
	answers map[ask.Kind]func() map[answerKey]view
}

// answerKey is what an answer depends on: the question as understood, and
// the language.
type answerKey struct {
	kind      ask.Kind
	slot      string
	person    string
	character int
	episode   int
	track     int
	details   bool
	yesNo     bool
	lang      lang
}

func keyOf(q ask.Question, l lang) answerKey {
	k := answerKey{kind: q.Kind, slot: q.Slot, character: q.Character, episode: q.Episode, track: q.Track, details: q.Details, yesNo: q.YesNo, lang: l}
	if q.Person != nil {
		k.person = q.Person.ID
	}
	return k
}

func newAsk(store *facts.Store, c *cast, rt *ratings, found *problems, deferred bool) *askCmd {
	a := &askCmd{store: store, parser: ask.New(store), ratings: rt, cast: c,
		cardWord: map[string]string{}, cardID: map[string]string{}, answers: map[ask.Kind]func() map[answerKey]view{}}
	for _, p := range store.Cast().People {
		w := strings.ReplaceAll(p.ID, "-", "")
		if !lowerWord(w) || w == "ratings" || isEpisodeView(w) || a.cardID[w] != "" {
			continue // no button to this card; the answer still names /cast
		}
		a.cardWord[p.ID], a.cardID[w] = w, p.ID
	}
	var kinds []ask.Kind // in the order of everyQuestion, for the problems' order
	byKind := map[ask.Kind][]ask.Question{}
	for _, q := range everyQuestion(store, a.parser) {
		if byKind[q.Kind] == nil {
			kinds = append(kinds, q.Kind)
		}
		byKind[q.Kind] = append(byKind[q.Kind], q)
	}
	for _, kind := range kinds {
		qs := byKind[kind]
		if deferred {
			a.answers[kind] = sync.OnceValue(func() map[answerKey]view { return a.prepare(qs, nil) })
			continue
		}
		answers := a.prepare(qs, found)
		a.answers[kind] = func() map[answerKey]view { return answers }
	}
	return a
}

// prepare answers every question of qs in both languages, checking each
// answer into found unless it is nil.
func (a *askCmd) prepare(qs []ask.Question, found *problems) map[answerKey]view {
	answers := make(map[answerKey]view, len(qs)*int(langCount))
	for _, q := range qs {
		for _, l := range langs {
			v := a.answer(q, l)
			// /cast checks the views /ask shares with it.
			if _, shared := a.shared(q); !shared && found != nil {
				found.verify("/ask "+describe(q)+" ("+l.code()+")", v)
			}
			answers[keyOf(q, l)] = v
		}
	}
	return answers
}

// everyQuestion is every question the parser can return, as understood:
// New prepares an answer to each.
func everyQuestion(store *facts.Store, parser *ask.Parser) []ask.Question {
	qs := []ask.Question{
		{Kind: ask.Unknown, Character: -1},
		{Kind: ask.Season2, Character: -1},
		{Kind: ask.Season2, Character: -1, Details: true},
		{Kind: ask.Watch, Character: -1},
	}
	for _, slot := range []string{"highest", "lowest", "average", "overview", "seoul", "tnms"} {
		qs = append(qs, ask.Question{Kind: ask.Ratings, Slot: slot, Character: -1})
	}
	for _, ep := range store.Ratings().Episodes {
		qs = append(qs, ask.Question{Kind: ask.Episode, Episode: ep.Number, Character: -1})
	}
	for _, key := range parser.FactKeys() {
		qs = append(qs, ask.Question{Kind: ask.Fact, Slot: key, Character: -1})
	}
	show := store.Show()
	qs = append(qs, ask.Question{Kind: ask.OST, Character: -1})
	for i := range show.OST.Releases {
		rel := &show.OST.Releases[i]
		qs = append(qs, ask.Question{Kind: ask.OST, Slot: ask.ReleaseID(rel), Character: -1})
		for tr := range rel.Tracks {
			qs = append(qs, ask.Question{Kind: ask.OST, Slot: ask.ReleaseID(rel), Track: tr + 1, Character: -1})
		}
	}
	qs = append(qs, ask.Question{Kind: ask.Tale, Character: -1})
	told := map[int]bool{}
	for i := range show.Tales {
		qs = append(qs, ask.Question{Kind: ask.Tale, Slot: ask.TaleID(&show.Tales[i]), Character: -1})
		for _, n := range show.Tales[i].Episodes {
			told[n] = true
		}
	}
	// The episodes no tale belongs to, as the Episode answers count them
	// (not Show.Episodes, which only bounds them).
	for _, ep := range store.Ratings().Episodes {
		if !told[ep.Number] {
			qs = append(qs, ask.Question{Kind: ask.Tale, Episode: ep.Number, Character: -1})
		}
	}
	people := store.Cast().People
	for _, ceremony := range append([]string{""}, ask.Ceremonies()...) {
		for _, yesNo := range []bool{false, true} {
			qs = append(qs, ask.Question{Kind: ask.Award, Slot: ceremony, Character: -1, YesNo: yesNo})
			for i := range people {
				qs = append(qs, ask.Question{Kind: ask.Award, Slot: ceremony, Person: &people[i], Character: -1, YesNo: yesNo})
			}
		}
	}
	for i := range people {
		qs = append(qs, ask.Question{Kind: ask.Person, Person: &people[i], Character: -1})
		for ci := range people[i].Characters {
			qs = append(qs, ask.Question{Kind: ask.Person, Person: &people[i], Character: ci})
		}
	}
	return qs
}

// describe names an understood question in a problem New reports.
func describe(q ask.Question) string {
	s := string(q.Kind)
	if q.Slot != "" {
		s += " " + q.Slot
	}
	if q.Person != nil {
		s += " " + cut(q.Person.ID, 40)
	}
	if q.Episode > 0 {
		s += " episode " + strconv.Itoa(q.Episode)
	}
	if q.Track > 0 {
		s += " track " + strconv.Itoa(q.Track)
	}
	return s
}

func (a *askCmd) command() command {
	return command{
		def: Definition{
			Name:        "ask",
			NameKO:      "질문",
			Description: msgAskDescription.localized(),
			Options: []OptionDefinition{{
				Name:        "question",
				NameKO:      "질문",
				Type:        String,
				Description: msgAskQuestionDescription.localized(),
				Required:    true,
				MaxLength:   maxAskQuestion,
			}},
		},
		key:   keyAsk,
		run:   a.run,
		click: a.click,
	}
}

func (a *askCmd) run(req Request, l lang) Response {
	text, _ := req.Option("question")
	q := a.parser.Parse(text)
	l = answerLang(q, text, l)
	var v view
	ok := false
	if prepared := a.answers[q.Kind]; prepared != nil {
		v, ok = prepared()[keyOf(q, l)]
	}
	if !ok {
		// Every question the parser returns is prepared; this is for one
		// it may return in future without New being told.
		v = a.answer(ask.Question{Kind: ask.Unknown, Character: -1}, l)
	}
	// "I don't know" is an answer too: public, like every other.
	return v.response(Message)
}

// answerLang is the language of the answer: Korean for a question with
// Hangul, English for one in Latin letters, and the user's language for
// one with neither ("16?").
func answerLang(q ask.Question, text string, l lang) lang {
	if q.Korean {
		return korean
	}
	if strings.IndexFunc(text, func(r rune) bool { return r < unicode.MaxASCII && unicode.IsLetter(r) }) >= 0 {
		return english
	}
	return l
}

func (a *askCmd) click(id customID) (view, bool) {
	if id.view == "ratings" {
		return a.ratings.overview(id.lang), true
	}
	if isEpisodeView(id.view) {
		n, _ := strconv.Atoi(id.view[2:])
		eps := a.ratings.episodes[id.lang]
		if n < 1 || n > len(eps) {
			return view{}, false
		}
		return eps[n-1], true
	}
	if pid, ok := a.cardID[id.view]; ok {
		return a.cast.cards[pid][id.lang], true
	}
	return view{}, false
}

// isEpisodeView reports whether a custom_id view is "ep" and a page-like
// number.
func isEpisodeView(w string) bool {
	s, ok := strings.CutPrefix(w, "ep")
	_, valid := pageNumber(s)
	return ok && valid
}

// answer builds the answer to q in l.
func (a *askCmd) answer(q ask.Question, l lang) view {
	switch q.Kind {
	case ask.Season2:
		return a.season2(q, l)
	case ask.Person:
		return a.person(q, l)
	case ask.Episode:
		if ep := a.store.Episode(q.Episode); ep != nil {
			return a.episode(ep, l)
		}
	case ask.Ratings:
		if v, ok := a.ratingsAnswer(q.Slot, l); ok {
			return v
		}
	case ask.Award:
		return a.awards(q, l)
	case ask.Fact:
		if v, ok := a.fact(q.Slot, l); ok {
			return v
		}
	case ask.Watch:
		return a.watch(l)
	case ask.OST:
		if v, ok := a.ost(q, l); ok {
			return v
		}
	case ask.Tale:
		if v, ok := a.tale(q, l); ok {
			return v
		}
	}
	return a.unknown(l)
}

// button is the one button of an answer, to the full view it came from.
func button(label msg, l lang, command, view string) [][]Button {
	return [][]Button{{{Label: label.in(l), Style: Secondary, CustomID: customID{command: command, lang: l, view: view}.String()}}}
}

// maxAskDescription is the longest description an answer starts with.
const maxAskDescription = 1500

// finishAsk is reply.finish within the first view's budget: however long
// the facts grow, the description is cut and the last fields are left
// out to stay within maxFirstView (the button leads to all of it), and the
// Sources field gets the room left.
func finishAsk(r *reply, e Embed, asOf string) Embed {
	e.Footer = r.footer(asOf)
	e.Title = cut(e.Title, maxTitle)
	e.Description = cut(e.Description, maxAskDescription)
	for len(e.Fields) > 0 && embedLength(e) > maxFirstView {
		e.Fields = e.Fields[:len(e.Fields)-1]
	}
	name := r.in(msgSources)
	room := min(maxFirstView-embedLength(e)-length(name), maxFieldValue)
	if len(e.Fields) < maxFields && room > 0 {
		if v := fitLines(r.lang, r.links(), room); v != "" {
			e.Fields = append(e.Fields, Field{Name: name, Value: v})
		}
	}
	return e
}

func (a *askCmd) unknown(l lang) view {
	r := newReply(a.store, l)
	e := Embed{Description: r.in(msgAskUnknown) + "\n\n" + r.in(msgAskTry), Color: colorNotice}
	e.Footer = r.footer(a.store.Show().Checked)
	return view{embeds: []Embed{e}}
}

func (a *askCmd) season2(q ask.Question, l lang) view {
	s2 := a.store.Season2()
	r := newReply(a.store, l)
	status := r.in(statusWord(s2.Status))
	r.cite(s2.Sources)
	e := Embed{Title: r.f(msgS2Title, status), Color: colorSeason2}
	e.Description = r.f(msgS2Status, status, r.date(s2.AsOf)) + "\n\n" + r.text(s2.Headline)
	if q.Details && s2.Status != facts.Confirmed {
		e.Description += "\n\n" + r.in(msgAskS2NoDetails)
	}
	return view{embeds: []Embed{finishAsk(r, e, s2.AsOf)}, rows: button(msgAskSeeSeason2, l, keySeason2, "status")}
}

func (a *askCmd) person(q ask.Question, l lang) view {
	p := q.Person
	if v, ok := a.shared(q); ok {
		return v[l]
	}
	if p.Billing == facts.Child {
		return a.younger(q, l)
	}
	r := newReply(a.store, l)
	r.cite(p.Sources)
	var line string
	switch {
	case len(p.Characters) == 0:
		line = r.f(msgAskPlaysRole, r.name(p.Actor), roleNames(r, p, r.name))
	case q.Character >= 0:
		line = r.f(msgAskPlays, r.name(p.Actor), r.name(p.Characters[q.Character].Name), subjectParticle(l, p.Actor.KO))
	default:
		line = r.f(msgAskPlays, r.name(p.Actor), roleNames(r, p, r.name), subjectParticle(l, p.Actor.KO))
	}
	e := Embed{Title: cut(r.f(msgPlaysAs, r.name(p.Actor), roleNames(r, p, r.name)), maxTitle), Color: colorCast}
	e.Description = line + "\n" + description(r, p)
	var notes []string
	for _, n := range p.Notes {
		notes = append(notes, "• "+r.note(n))
	}
	e.Fields = append(e.Fields, r.listFields(r.in(msgNotes), notes)...)
	v := view{embeds: []Embed{finishAsk(r, e, a.store.Show().Checked)}}
	if w, ok := a.cardWord[p.ID]; ok {
		v.rows = button(msgAskSeeCard, l, keyAsk, w)
	}
	return v
}

// younger answers who plays a character as a child: the child actor, at
// the confidence the facts give (lower: the sheet does not verify them),
// and a button to the adult's card, which lists the younger self.
func (a *askCmd) younger(q ask.Question, l lang) view {
	p := q.Person
	ci := max(q.Character, 0)
	ch := p.Characters[ci]
	r := newReply(a.store, l)
	r.cite(p.Sources)
	young := r.f(msgChildOf, r.name(ch.Name))
	e := Embed{Title: cut(r.f(msgPlaysAs, r.name(p.Actor), young), maxTitle), Color: colorCast}
	e.Description = r.f(msgAskPlaysChild, r.name(p.Actor), r.name(ch.Name)) + "\n" + description(r, p)
	v := view{embeds: []Embed{finishAsk(r, e, a.store.Show().Checked)}}
	for _, y := range a.store.YoungerSelves() {
		if y.Child != p || y.ChildCharacter != ci {
			continue
		}
		if w, ok := a.cardWord[y.Adult.ID]; ok {
			v.rows = [][]Button{{{Label: cut(r.f(msgAskSeeAdultCard, r.short(y.Adult.Actor)), maxLabel), Style: Secondary,
				CustomID: customID{command: keyAsk, lang: l, view: w}.String()}}}
			break
		}
	}
	return v
}

// shared is /cast's view of the character a Person question is about
// when two people play it: it keeps who plays it as a reveal inside a
// spoiler.
func (a *askCmd) shared(q ask.Question) (*[langCount]view, bool) {
	if q.Kind != ask.Person || q.Person == nil {
		return nil, false
	}
	ch := q.Character
	if ch < 0 && len(q.Person.Characters) == 1 {
		ch = 0
	}
	v, ok := a.cast.shared[role{q.Person.ID, ch}]
	return v, ok
}

func (a *askCmd) episode(ep *facts.Episode, l lang) view {
	r := newReply(a.store, l)
	r.cite(ep.Sources)
	rt := a.store.Ratings()
	e := Embed{Title: r.f(msgEpisode, ep.Number), Color: colorRatings}
	if ep.Number == a.store.Show().Episodes {
		e.Title += " " + r.in(msgFinale)
	}
	if ep.Title != nil {
		e.Title += ": " + r.text(ep.Title.Name)
	}
	rating := "**" + facts.Percent(ep.Rating) + "**"
	if ep.Precise != nil {
		rating += " (" + precise(r, ep) + ")"
	}
	lines := []string{r.f(msgAskEpisode, r.f(msgEpisode, ep.Number), r.day(ep.AirDate), rating), "*" + r.text(rt.Measure) + "*"}
	if ep.Peak != nil {
		lines = append(lines, r.f(msgAskPeak, facts.Percent(*ep.Peak)))
	} else {
		lines = append(lines, r.in(msgAskNoPeak))
	}
	if ep.Title != nil && ep.Title.Note != nil {
		lines = append(lines, r.in(msgEpisodeTitleField)+": "+episodeTitle(r, ep.Title))
	} else if ep.Title != nil {
		r.cite(ep.Title.Sources)
	}
	for _, n := range ep.Notes {
		lines = append(lines, "• "+r.note(n))
	}
	e.Description = strings.Join(lines, "\n")
	return view{embeds: []Embed{finishAsk(r, e, a.store.Show().Checked)}, rows: button(msgAskSeeEpisode, l, keyAsk, "ep"+strconv.Itoa(ep.Number))}
}

func (a *askCmd) ratingsAnswer(slot string, l lang) (view, bool) {
	r := newReply(a.store, l)
	rt := a.store.Ratings()
	s := rt.Summary
	e := Embed{Color: colorRatings}
	rows := button(msgAskSeeRatings, l, keyAsk, "ratings")
	switch slot {
	case "highest", "lowest":
		n, notes, title, lead := s.Highest, s.HighestNotes, msgHighest, msgAskHighest
		if slot == "lowest" {
			n, notes, title, lead = s.Lowest, s.LowestNotes, msgLowest, msgAskLowest
		}
		ep := a.store.Episode(n)
		if ep == nil {
			return view{}, false
		}
		r.cite(s.Sources)
		e.Title = r.in(title)
		lines := []string{r.f(lead, r.f(msgEpisode, n))}
		var own, caveats []string
		for _, note := range notes {
			if note.Confidence == facts.Verified {
				own = append(own, r.note(note))
			} else {
				caveats = append(caveats, "• "+r.note(note))
			}
		}
		if len(own) == 0 {
			own = []string{episodeSummary(r, ep)}
		}
		e.Description = strings.Join(append(append(lines, own...), caveats...), "\n")
		rows = button(msgAskSeeEpisode, l, keyAsk, "ep"+strconv.Itoa(n))
	case "average":
		r.cite(s.Sources)
		e.Title = r.in(msgAverage)
		lines := []string{r.f(msgAveragePublished, facts.Percent(s.Average))}
		for _, n := range s.AverageNotes {
			lines = append(lines, "• "+r.note(n))
		}
		e.Description = strings.Join(lines, "\n")
	case "overview":
		r.cite(s.Sources)
		e.Title = r.f(msgRatingsTitle, r.short(a.store.Show().Title))
		lines := []string{r.text(rt.Measure), r.in(msgAverage) + ": " + r.f(msgAveragePublished, facts.Percent(s.Average))}
		for _, x := range extremes(a.store) {
			lines = append(lines, r.in(x.name)+": "+episodeSummary(r, x.ep))
		}
		e.Description = strings.Join(lines, "\n")
	default:
		// A figure the facts say is missing: say so, with their note.
		var lines []string
		for _, n := range rt.Methodology {
			if strings.Contains(strings.ToLower(n.Text.EN), slot) {
				lines = append(lines, "• "+r.note(n))
			}
		}
		if len(lines) == 0 {
			return view{}, false
		}
		e.Title = r.in(msgAskNoFigureTitle)
		e.Description = r.in(msgAskNoFigure) + "\n" + strings.Join(lines, "\n")
		// The notes on what the figures are live in /ratings' caveats.
		rows = button(msgAskSeeRatingsNotes, l, keyRatings, ratingsNotesView)
	}
	return view{embeds: []Embed{finishAsk(r, e, a.store.Show().Checked)}, rows: rows}, true
}

func (a *askCmd) awards(q ask.Question, l lang) view {
	r := newReply(a.store, l)
	aw := a.store.Awards()
	var picked []*facts.Award
	for i := range aw.Awards {
		x := &aw.Awards[i]
		if q.Slot != "" && !strings.Contains(strings.ToLower(x.Ceremony.EN), q.Slot) {
			continue
		}
		if q.Person != nil && !slices.Contains(x.People, q.Person.ID) {
			continue
		}
		picked = append(picked, x)
	}
	e := Embed{Title: r.in(msgAwardsTitle), Color: colorAbout}
	switch {
	case q.Slot != "" && len(picked) > 0:
		e.Title = r.text(picked[0].Ceremony)
	case q.Person != nil:
		e.Title = cut(r.name(q.Person.Actor)+" — "+r.in(msgAwardsTitle), maxTitle)
	}
	rows := button(msgAskSeeAwards, l, keyAbout, "awards")
	if len(picked) == 0 {
		e.Description = r.in(msgAskNoAwards)
		return view{embeds: []Embed{finishAsk(r, e, a.store.Show().Checked)}, rows: rows}
	}
	// Every award of the show at once would crowd out the answer: all of
	// one ceremony or one person, else the verified wins and a count of
	// the rest, which the answer then neither shows nor cites.
	var rest awardLists
	if q.Slot == "" && q.Person == nil {
		var wins []*facts.Award
		for _, x := range picked {
			if x.Result == facts.Won && x.Confidence.Stated() {
				wins = append(wins, x)
			} else {
				rest.add(newReply(a.store, l), x, true)
			}
		}
		if len(wins) > 0 {
			picked = wins
		}
	}
	var lists awardLists
	for _, x := range picked {
		lists.add(r, x, q.Person == nil || x.Nominee.EN != q.Person.Actor.EN)
	}
	switch {
	case len(lists.wins) > 0 && q.YesNo:
		e.Description = r.in(msgAskAwardsYes)
	case len(lists.wins) > 0:
		e.Description = r.in(msgAskAwardsWins)
	case len(lists.noms) > 0 && q.YesNo:
		e.Description = r.in(msgAskAwardsNo)
	case len(lists.noms) > 0:
		e.Description = r.in(msgAskAwardsNoWins)
	default:
		e.Description = r.in(msgAskAwardsUnverified)
	}
	if len(lists.wins) > 0 && len(rest.noms)+len(rest.unverified) > 0 {
		e.Description += "\n" + r.f(msgAskMoreAwards, len(rest.noms), len(rest.unverified))
	}
	e.Fields = append(e.Fields, r.listFields(r.in(msgWins), lists.wins)...)
	e.Fields = append(e.Fields, r.listFields(r.in(msgNominations), lists.noms)...)
	e.Fields = append(e.Fields, r.listFields(r.in(msgNotVerifiedList), lists.unverified)...)
	return view{embeds: []Embed{finishAsk(r, e, a.store.Show().Checked)}, rows: rows}
}

func (a *askCmd) fact(key string, l lang) (view, bool) {
	r := newReply(a.store, l)
	show := a.store.Show()
	e := Embed{Color: colorAbout}
	rows := button(msgAskSeeShow, l, keyAbout, aboutTabOf(facts.Essentials))
	switch key {
	case "episodes", "aired":
		r.cite(show.Sources)
		e.Title = r.name(show.Title)
		e.Description = r.f(msgAskRan, show.Episodes, r.date(show.FirstAired), r.date(show.LastAired))
		if key == "aired" {
			if i := slices.IndexFunc(show.Facts, func(f facts.ShowFact) bool { return f.Key == "air_time" }); i >= 0 {
				f := show.Facts[i]
				r.cite(f.Sources)
				e.Description += "\n" + r.text(f.Label) + ": " + r.claim(r.text(f.Value), f.Confidence)
			}
		}
	default:
		i := slices.IndexFunc(show.Facts, func(f facts.ShowFact) bool { return f.Key == key })
		if i < 0 {
			return view{}, false
		}
		f := show.Facts[i]
		r.cite(f.Sources)
		e.Title = r.text(f.Label)
		e.Description = r.claim(r.text(f.Value), f.Confidence)
		if key == "remake" {
			// A remake is no second season: the answer says where Season 2
			// stands, so it is never read as one.
			s2 := a.store.Season2()
			r.cite(s2.Sources)
			e.Description += "\n\n" + r.f(msgAskRemakeSeason2, r.in(statusWord(s2.Status)), r.date(s2.AsOf))
		}
		rows = button(sectionButton(f.Section), l, keyAbout, aboutTabOf(f.Section))
	}
	return view{embeds: []Embed{finishAsk(r, e, show.Checked)}, rows: rows}, true
}

// sectionButton labels the button to /about's tab for section s.
func sectionButton(s facts.Section) msg {
	switch s {
	case facts.Production:
		return msgAskSeeMaking
	case facts.Music:
		return msgAskSeeMusic
	case facts.Filming:
		return msgAskSeeFilming
	case facts.Tales:
		return msgAskSeeTales
	default:
		return msgAskSeeShow
	}
}

func (a *askCmd) watch(l lang) view {
	r := newReply(a.store, l)
	show := a.store.Show()
	e := Embed{Title: r.in(msgWhereToWatch), Description: whereToWatch(r, show), Color: colorAbout}
	return view{embeds: []Embed{finishAsk(r, e, show.Checked)}, rows: button(msgAskSeeWatch, l, keyAbout, aboutTabOf(facts.Essentials))}
}

// subjectParticle is the Korean subject particle for a name, 이 after a
// final consonant (장영남이) and 가 after a vowel (오정세가); "" in
// English, which needs none.
func subjectParticle(l lang, name string) string {
	if l != korean {
		return ""
	}
	runes := []rune(name)
	for i := len(runes) - 1; i >= 0; i-- {
		if c := runes[i]; c >= 0xAC00 && c <= 0xD7A3 {
			if (c-0xAC00)%28 != 0 {
				return "이"
			}
			return "가"
		}
	}
	return "가"
}
