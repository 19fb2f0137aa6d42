package facts

import (
	"fmt"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// validator checks decoded fact files against the rules in the schema's
// doc comments, and across files.
type validator struct {
	*loader
	// sources are the ids in sources.json; nil when it could not be read,
	// and then citations are not checked against it.
	sources map[string]bool
	// sourceIDs are the same ids in file order, for "did you mean".
	sourceIDs []string
	// episodes, firstAired and lastAired come from show.json; zero when it
	// could not be read.
	episodes              int
	firstAired, lastAired string
	// people maps cast.json's person ids to their English names; nil when
	// cast.json could not be read. badPersonID says some person's id was
	// missing or invalid: then a reference to an unknown id is most likely
	// that person, already reported, and is not reported again.
	people      map[string]string
	badPersonID bool
	// hints counts the "did you mean" searches made, up to maxHints.
	hints int
}

// checker reports problems in one file.
type checker struct {
	*validator
	f *file
}

func (v *validator) in(f *file) checker { return checker{v, f} }

func (c checker) add(p path, format string, args ...any) { c.addAt(c.f, p, format, args...) }

// present reports whether the file has a value (perhaps null) at p.
func (c checker) present(p path) bool {
	_, ok := c.f.pos[p]
	return ok
}

var (
	confidences = []string{string(Verified), string(Discrepancy), string(Unverified)}
	billings    = []string{string(Lead), string(Main), string(Supporting), string(Guest), string(Cameo), string(Child)}
	results     = []string{string(Won), string(Nominated)}
	statuses    = []string{string(NotAnnounced), string(Confirmed), string(Cancelled)}
	eventKinds  = []string{string(Official), string(Press), string(Clarification), string(Commentary), string(Dubious)}
	stances     = []string{string(For), string(Against)}
	sections    = []string{string(Essentials), string(Production), string(Music), string(Filming), string(Tales)}
	kinds       = []string{string(Part), string(Special), string(Album)}
	books       = []string{string(Published), string(BookUnverified)}
	// releaseDates are the confidences a release date may have: a date is
	// verified or not given.
	releaseDates = []string{string(Verified), string(Unverified)}

	// slug is the form of source and person ids.
	slug = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)
	// factKey is the form of ShowFact keys.
	factKey = regexp.MustCompile(`^[a-z0-9]+([_-][a-z0-9]+)*$`)
	// isoDate finds a YYYY-MM-DD or YYYY-MM date, which Korean text writes as
	// 2020년 7월 19일 instead.
	isoDate = regexp.MustCompile(`\d{4}-\d{2}(-\d{2})?`)
)

func (v *validator) checkSources(f *file, sources []Source) {
	c := v.in(f)
	if f.isBad("$.sources") {
		// Leave v.sources nil: without the list, every citation would look
		// dangling.
		return
	}
	ids := map[string]bool{}
	v.sources = ids
	if len(sources) == 0 {
		c.add("$.sources", "no sources; list every page a fact rests on")
	}
	first := map[string]int{} // id → index of its first source
	for i, s := range sources {
		p := path("$.sources").index(i)
		j, dup := first[s.ID]
		switch {
		case blank(s.ID):
			c.add(p.field("id"), "missing; give the source an id that facts cite, e.g. \"yonhap-finale-ratings\"")
		case dup:
			c.add(p.field("id"), "%q is also the id of $.sources[%d]; give each source its own id", s.ID, j)
		case !slug.MatchString(s.ID):
			c.add(p.field("id"), "%q is not a valid id; use lower-case letters, digits and single hyphens", s.ID)
		}
		if !blank(s.ID) && !dup {
			first[s.ID] = i
			ids[s.ID] = true
			v.sourceIDs = append(v.sourceIDs, s.ID)
		}
		if blank(s.Publisher) {
			c.add(p.field("publisher"), "missing; name the outlet, e.g. \"Yonhap\"")
		}
		if s.PublisherKO != "" && blank(s.PublisherKO) {
			c.add(p.field("publisher_ko"), "blank; give the outlet's Korean name, or leave publisher_ko out")
		}
		switch {
		case s.DateNoteKO != "" && blank(s.DateNoteKO):
			c.add(p.field("date_note_ko"), "blank; translate date_note, or leave date_note_ko out")
		case s.DateNoteKO != "" && s.DateNote == "":
			c.add(p.field("date_note_ko"), "given without date_note; it translates date_note, so give both or neither")
		case isoDate.MatchString(s.DateNoteKO):
			c.add(p.field("date_note_ko"), "%q writes a date as YYYY-MM-DD; write it the Korean way, e.g. 2020년 7월 19일", s.DateNoteKO)
		}
		if blank(s.URL) {
			c.add(p.field("url"), "missing; give the page's address (http or https)")
		} else if u, err := url.Parse(s.URL); err != nil || u.Scheme != "http" && u.Scheme != "https" || u.Host == "" {
			c.add(p.field("url"), "%q is not an http or https address; give the page's full address, e.g. https://…", s.URL)
		}
		if s.MirrorUpdated == "" {
			c.datedOrNoted(p, s.Date, s.DateNote, anyPrecision, "the date the page was published")
		} else {
			// A mirror's update date is shown as such, never as when the
			// page was published.
			c.date(p.field("date"), s.Date, anyPrecision)
			c.date(p.field("mirror_updated"), s.MirrorUpdated, fullDate)
			if s.Date == s.MirrorUpdated {
				c.add(p.field("date"), "%s is when the mirror was updated, not when the page was published; leave date out unless the page shows one", s.Date)
			}
		}
		if f.isBad(p.field("id")) {
			// An id of the wrong type is unknown: citations cannot be checked.
			v.sources = nil
		}
	}
}

func (v *validator) checkShow(f *file, s *Show) {
	c := v.in(f)
	c.hangulName("$.title", s.Title, "the show's title")
	if blank(s.Romanization) {
		c.add("$.romanization", "missing; give the Revised Romanization of the Korean title")
	}
	firstOK := c.needDate("$.first_aired", s.FirstAired, fullDate, "the date the first episode aired")
	lastOK := c.needDate("$.last_aired", s.LastAired, fullDate, "the date the last episode aired")
	if firstOK && lastOK {
		if s.LastAired < s.FirstAired {
			c.add("$.last_aired", "%s is before first_aired (%s); swap or fix them", s.LastAired, s.FirstAired)
		} else {
			v.firstAired, v.lastAired = s.FirstAired, s.LastAired
		}
	}
	// v.episodes is what the other files are checked against, so it is set
	// only once the count is known to be in bounds.
	switch {
	case s.Episodes == 0:
		c.add("$.episodes", "missing; give the number of episodes (ratings.json lists exactly these)")
	case s.Episodes < 0:
		c.add("$.episodes", "%d is not a number of episodes; give the number of episodes", s.Episodes)
	case s.Episodes > MaxEpisodes:
		c.add("$.episodes", "%d is more episodes than okbot handles (at most %d); give the number of episodes", s.Episodes, MaxEpisodes)
	default:
		v.episodes = s.Episodes
	}
	c.needDate("$.checked", s.Checked, fullDate, "the date the fact sheet was checked")
	c.cite("$", s.Sources)
	first := map[string]int{}
	for i, fact := range s.Facts {
		p := path("$.facts").index(i)
		switch j, dup := first[fact.Key]; {
		case blank(fact.Key):
			c.add(p.field("key"), "missing; give the fact a lower-case key, e.g. \"network\"")
		case dup:
			c.add(p.field("key"), "%q is also the key of $.facts[%d]; give each fact its own key", fact.Key, j)
		case !factKey.MatchString(fact.Key):
			c.add(p.field("key"), "%q is not a valid key; use lower-case letters, digits, hyphens and underscores", fact.Key)
		default:
			first[fact.Key] = i
		}
		// /about shows the label as a field name.
		c.shownBare(p.field("label"), fact.Label, "the label", "; put a reveal in the value")
		c.text(p.field("value"), fact.Value, "the value")
		c.enum(p.field("section"), string(fact.Section), "section of /about", sections)
		c.enum(p.field("confidence"), string(fact.Confidence), "confidence", confidences)
		c.cite(p, fact.Sources)
	}
	if !c.present("$.where_to_watch") {
		c.add("$.where_to_watch", "missing; say where the show streams, with the regional caveat and sources")
	} else {
		c.note("$.where_to_watch", s.WhereToWatch)
	}
	c.ost(s.OST)
	c.tales(s.Tales)
}

// ost checks show.json's soundtrack.
func (c checker) ost(o OST) {
	if !c.present("$.ost") {
		c.add("$.ost", `missing; give the soundtrack as {"label": …, "sources": […], "releases": […]}`)
		return
	}
	c.shownBare("$.ost.label", o.Label, "the label", "")
	c.cite("$.ost", o.Sources)
	if len(o.Releases) == 0 {
		c.add("$.ost.releases", "no releases; list the OST's parts, special tracks and album")
	}
	numbers := map[string]int{} // kind and number → index
	for i, r := range o.Releases {
		p := path("$.ost.releases").index(i)
		c.enum(p.field("kind"), string(r.Kind), "kind of release", kinds)
		switch {
		case r.Kind == Album && r.Number != 0:
			c.add(p.field("number"), "%d: the album is not numbered; leave number out", r.Number)
		case r.Kind != Album && r.Kind != "" && r.Number < 1:
			c.add(p.field("number"), "missing; give the %s's number, from 1 (\"Part 1\" is 1)", r.Kind)
		case r.Kind != Album && r.Kind != "":
			key := string(r.Kind) + " " + strconv.Itoa(r.Number)
			if j, dup := numbers[key]; dup {
				c.add(p.field("number"), "%s %d is also $.ost.releases[%d]; give each release its own number", r.Kind, r.Number, j)
			} else {
				numbers[key] = i
			}
		}
		if len(r.Tracks) == 0 && r.Detail == nil {
			c.add(p.field("tracks"), "no tracks; list the release's songs, or describe an album in detail")
		}
		for k, t := range r.Tracks {
			tp := p.field("tracks").index(k)
			c.shownBare(tp.field("title"), t.Title, "the song's title", "")
			if t.Title.KOTranslation != "" {
				c.add(tp.field("title").field("ko_translation"), "song titles are not translated; give ko only where the fact sheet has the Korean title, else leave the English")
			}
			c.shownBare(tp.field("artist"), t.Artist, "the artist", "")
		}
		c.optText(p.field("detail"), r.Detail, "the detail")
		c.optText(p.field("note"), r.Note, "the note")
		c.enum(p.field("date_confidence"), string(r.DateConfidence), "confidence of the release date", releaseDates)
		switch {
		case r.DateConfidence == Verified && r.Date == "":
			c.add(p.field("date"), "missing; a verified release date needs the date as %s (or make date_confidence \"unverified\")", dateForms[dayOrMonth])
		case r.DateConfidence == Unverified && r.Date != "":
			c.add(p.field("date"), "%q is given, but date_confidence is \"unverified\": okbot never states an unverified date; leave date out", r.Date)
		default:
			c.date(p.field("date"), r.Date, dayOrMonth)
		}
		c.cite(p, r.Sources)
	}
}

// tales checks show.json's fairy tales.
func (c checker) tales(tales []Tale) {
	if !c.present("$.tales") {
		c.add("$.tales", "missing; list the fairy tales the episodes use")
		return
	}
	for i, t := range tales {
		p := path("$.tales").index(i)
		// /about shows a title in bold at the head of a line, and a title
		// is no reveal.
		c.shownBare(p.field("title"), t.Title, "the tale's title", "; put a reveal in the scene")
		if t.Title.KOTranslation != "" {
			c.add(p.field("title").field("ko_translation"), "tale titles are not translated; give ko only where the fact sheet has the Korean title, else leave the English")
		}
		if len(t.Episodes) == 0 {
			c.add(p.field("episodes"), "no episodes; give the numbers of the episodes the tale belongs to")
		}
		for k, n := range t.Episodes {
			if n < 1 || c.episodes > 0 && n > c.episodes {
				c.add(p.field("episodes").index(k), "%d is not an episode; give a number from 1 to %d", n, max(c.episodes, 1))
			}
		}
		c.text(p.field("scene"), t.Scene, "how the episode uses the tale")
		c.enum(p.field("book"), string(t.Book), "book status", books)
		c.optText(p.field("book_note"), t.BookNote, "the book note")
		c.notes(p.field("notes"), t.Notes)
		c.cite(p, t.Sources)
	}
}

func (v *validator) checkCast(f *file, cast *Cast) {
	c := v.in(f)
	if len(cast.People) == 0 {
		c.add("$.people", "no people; list the cast")
	}
	ids := map[string]int{}
	// names maps each actor's names and aliases, as compared, to the first
	// person who has it: people are unique by actor.
	names := map[string]int{}
	for i := range cast.People {
		person := &cast.People[i]
		p := path("$.people").index(i)
		j, dup := ids[person.ID]
		v.badPersonID = v.badPersonID || dup || blank(person.ID) ||
			utf8.RuneCountInString(person.ID) > MaxPersonID || !slug.MatchString(person.ID)
		switch {
		case blank(person.ID):
			c.add(p.field("id"), "missing; give a slug of the actor's name, e.g. \"kim-soo-hyun\"")
		case utf8.RuneCountInString(person.ID) > MaxPersonID:
			c.add(p.field("id"), "%q is %d characters; an id may have at most %d (Discord gets it as an autocomplete value, and refuses long ones); shorten it to a slug of the actor's name, e.g. \"kim-soo-hyun\"",
				abbreviate(person.ID), utf8.RuneCountInString(person.ID), MaxPersonID)
		case dup:
			c.add(p.field("id"), "%q is also the id of $.people[%d]; give each person their own id", person.ID, j)
		case !slug.MatchString(person.ID):
			c.add(p.field("id"), "%q is not a valid id; use lower-case letters, digits and single hyphens, e.g. \"kim-soo-hyun\"", person.ID)
		default:
			ids[person.ID] = i
			if v.people == nil {
				v.people = map[string]string{}
			}
			v.people[person.ID] = person.Actor.EN
		}

		if person.Billing == Child && person.Actor.KO == "" && person.Actor.KOTranslation == "" {
			// The sheet gives no Hangul for child actors: none is invented.
			c.shownBare(p.field("actor"), person.Actor, "the actor's name", revealHint)
		} else {
			c.hangulName(p.field("actor"), person.Actor, "the actor's name")
		}
		for k, a := range person.ActorAliases {
			if blank(a) {
				c.add(p.field("actor_aliases").index(k), "empty; remove it or give another spelling of the actor's name")
			}
			c.unmarkedName(p.field("actor_aliases").index(k), a, "an alias", "")
		}
		// Two rows are the same actor when their Hangul names match, or an
		// English name or alias matches ignoring case, spaces and
		// punctuation. Romanization variants alone do not make a duplicate:
		// different actors may share a romanization but not a Hangul name.
		keys := []string{"ko:" + strings.Join(strings.Fields(person.Actor.KO), "")}
		for _, n := range append([]string{person.Actor.EN}, person.ActorAliases...) {
			keys = append(keys, "en:"+plainName(n))
		}
		reported := false
		for _, k := range keys {
			if k == "ko:" || k == "en:" {
				continue
			}
			j, seen := names[k]
			switch {
			case !seen:
				names[k] = i
			case j != i && !reported:
				reported = true
				c.add(p.field("actor"), "%s is already $.people[%d]; list each actor once, with all their characters under characters", person.Actor.EN, j)
			}
		}

		shown := 0 // characters that are not reveals
		for k, ch := range person.Characters {
			cp := p.field("characters").index(k)
			c.hangulName(cp.field("name"), ch.Name, "the character's name")
			for m, a := range ch.Aliases {
				if blank(a) {
					c.add(cp.field("aliases").index(m), "empty; remove it or give another spelling of the character's name")
				}
				c.unmarkedName(cp.field("aliases").index(m), a, "an alias", revealHint)
			}
			c.optText(cp.field("note"), ch.Note, "the note")
			if ch.Reveal && ch.Note != nil {
				// The whole line of a revealed character is one span: a
				// span inside it would close it early and show the rest.
				for _, lang := range []struct{ field, text string }{{"en", ch.Note.EN}, {"ko", ch.Note.KO}, {"ko_translation", ch.Note.KOTranslation}} {
					if strings.Contains(lang.text, SpoilerMark) {
						c.add(cp.field("note").field(lang.field), "has spoiler markers (%s), but the character is \"reveal\": true, so okbot hides its whole line already; remove the markers", SpoilerMark)
					}
				}
			}
			if !ch.Reveal {
				shown++
			}
		}
		if len(person.Characters) > 0 && shown == 0 {
			c.add(p.field("characters"), "every character is \"reveal\": true, so the person's name would stand alone in the cast list; give them at least one character that is not a reveal")
		}
		if len(person.Characters) == 0 && person.Role == nil {
			c.add(p.field("role"), "missing; someone with no characters needs a role describing the part (e.g. \"a handsy fan\"), or add the character they play")
		}
		c.optText(p.field("role"), person.Role, "the role")
		c.enum(p.field("billing"), string(person.Billing), "billing", billings)
		c.optText(p.field("billing_note"), person.BillingNote, "the billing note")
		c.text(p.field("description"), person.Description, "a one-line description of the character")
		c.notes(p.field("notes"), person.Notes)
		c.enum(p.field("confidence"), string(person.Confidence), "confidence", confidences)
		c.cite(p, person.Sources)
	}
	c.notes("$.notes", cast.Notes)
	c.childRoles(cast.People)
}

// childRoles checks that every character a child actor plays is the
// younger self of an adult's character (youngerSelves), on whose card
// okbot lists the child.
func (c checker) childRoles(people []Person) {
	paired := map[*Character]bool{}
	for _, y := range youngerSelves(people) {
		paired[&y.Child.Characters[y.ChildCharacter]] = true
	}
	for i := range people {
		p := &people[i]
		if p.Billing != Child {
			continue
		}
		if len(p.Characters) == 0 {
			c.add(path("$.people").index(i).field("characters"), "missing; a child actor plays a younger self of a character in the cast; name that character")
		}
		for k := range p.Characters {
			if ch := &p.Characters[k]; ch.Name.EN != "" && !paired[ch] {
				c.add(path("$.people").index(i).field("characters").index(k).field("name").field("en"),
					"%q is played by no adult in the cast; a child actor is listed on the card of the adult who plays the same character (not as a reveal), so spell the name as the adult's row does, or add the adult", ch.Name.EN)
			}
		}
	}
}

func (v *validator) checkRatings(f *file, r *Ratings) {
	c := v.in(f)
	c.text("$.measure", r.Measure, "what the figures measure")
	c.notes("$.methodology", r.Methodology)
	if len(r.Episodes) == 0 {
		c.add("$.episodes", "no episodes; list the ratings of every episode")
	}
	seen := map[int]int{} // episode number → index
	for i := range r.Episodes {
		e := &r.Episodes[i]
		p := path("$.episodes").index(i)
		j, dup := seen[e.Number]
		switch {
		case !c.present(p.field("number")):
			c.add(p.field("number"), "missing; give the episode number, from 1")
		case e.Number < 1:
			c.add(p.field("number"), "%d is not an episode number; number episodes from 1", e.Number)
		case v.episodes > 0 && e.Number > v.episodes:
			c.add(p.field("number"), "%d is past the last episode (show.json says %d); fix the number", e.Number, v.episodes)
		case dup:
			c.add(p.field("number"), "episode %d is also $.episodes[%d]; list each episode once", e.Number, j)
		case i > 0 && e.Number < r.Episodes[i-1].Number:
			c.add(p.field("number"), "episode %d comes after episode %d; list episodes in order", e.Number, r.Episodes[i-1].Number)
		}
		if !dup && e.Number >= 1 {
			seen[e.Number] = i
		}
		if c.needDate(p.field("air_date"), e.AirDate, fullDate, "the date the episode aired (KST)") && v.firstAired != "" &&
			(e.AirDate < v.firstAired || e.AirDate > v.lastAired) {
			c.add(p.field("air_date"), "%s is outside the show's run (%s to %s in show.json); fix the date", e.AirDate, v.firstAired, v.lastAired)
		}
		c.percent(p.field("rating"), e.Rating, "the episode's nationwide rating")
		if e.Precise != nil {
			c.percent(p.field("precise"), *e.Precise, "the precise rating")
		}
		c.figureSources(p.field("precise_sources"), e.Precise != nil, e.PreciseSources, e.Sources,
			"a precise figure", "a precise rating says whose figure it is: list the ids (from this episode's sources) of the outlets that published it")
		if e.Peak == nil {
			if e.PeakNote == nil {
				c.add(p.field("peak"), "no peak; give the peak minute rating, or add peak_note saying why there is none")
			}
		} else {
			c.percent(p.field("peak"), *e.Peak, "the peak minute rating")
		}
		c.optText(p.field("peak_note"), e.PeakNote, "the peak note")
		if len(e.Parts) != 0 && len(e.Parts) != 2 {
			c.add(p.field("parts"), "has %d figures; give both split parts, first part first, or leave parts out", len(e.Parts))
		}
		for k, part := range e.Parts {
			c.percent(p.field("parts").index(k), part, "the part's rating")
		}
		c.figureSources(p.field("parts_sources"), len(e.Parts) > 0, e.PartsSources, e.Sources,
			"split parts", "split-part figures say whose they are: list the ids (from this episode's sources) of the outlets that published them")
		if e.Title != nil {
			c.episodeTitle(p.field("title"), e.Title)
		}
		c.notes(p.field("notes"), e.Notes)
		c.cite(p, e.Sources)
	}
	if v.episodes > 0 {
		switch gaps, n := missingEpisodes(seen, v.episodes); {
		case n == 1:
			c.add("$.episodes", "episode %s is missing; show.json says there are %d, so list each of 1 to %d",
				gaps, v.episodes, v.episodes)
		case n > 1:
			c.add("$.episodes", "episodes %s are missing; show.json says there are %d, so list each of 1 to %d",
				gaps, v.episodes, v.episodes)
		}
	}

	s := &r.Summary
	if !c.present("$.summary") {
		c.add("$.summary", "missing; give the published average, highest and lowest, with sources")
		return
	}
	c.percent("$.summary.average", s.Average, "the published average rating")
	c.notes("$.summary.average_notes", s.AverageNotes)
	for _, x := range []struct {
		field string
		n     int
	}{{"highest", s.Highest}, {"lowest", s.Lowest}} {
		if _, ok := seen[x.n]; !ok {
			what := "missing"
			if x.n != 0 {
				what = fmt.Sprintf("%d is not an episode in episodes", x.n)
			}
			c.add(path("$.summary").field(x.field), "%s; give the number of the %s-rated episode", what, x.field)
		}
	}
	c.notes("$.summary.highest_notes", s.HighestNotes)
	c.notes("$.summary.lowest_notes", s.LowestNotes)
	c.notes("$.summary.notes", s.Notes)
	c.cite("$.summary", s.Sources)
}

// missingEpisodes lists the numbers from 1 to last that are not in seen,
// runs of three or more as ranges ("1, 4 to 16"), and counts them. It goes
// through the episodes listed, not through every number up to last.
func missingEpisodes(seen map[int]int, last int) (string, int) {
	listed := make([]int, 0, len(seen))
	for n := range seen {
		if n >= 1 && n <= last {
			listed = append(listed, n)
		}
	}
	slices.Sort(listed)
	var gaps []string
	count, next := 0, 1
	for _, n := range append(listed, last+1) {
		switch {
		case n == next:
		case n == next+1:
			gaps = append(gaps, strconv.Itoa(next))
		case n == next+2:
			gaps = append(gaps, strconv.Itoa(next), strconv.Itoa(next+1))
		default:
			gaps = append(gaps, strconv.Itoa(next)+" to "+strconv.Itoa(n-1))
		}
		count += n - next
		next = n + 1
	}
	return strings.Join(gaps, ", "), count
}

func (v *validator) checkAwards(f *file, a *Awards) {
	c := v.in(f)
	for i := range a.Awards {
		award := &a.Awards[i]
		p := path("$.awards").index(i)
		c.text(p.field("ceremony"), award.Ceremony, "the ceremony")
		c.needDate(p.field("date"), award.Date, dayOrMonth, "the date of the ceremony")
		c.text(p.field("category"), award.Category, "the category")
		c.text(p.field("nominee"), award.Nominee, "the nominee")
		seen := map[string]bool{}
		for k, id := range award.People {
			q := p.field("people").index(k)
			name, known := v.people[id]
			switch {
			case seen[id]:
				c.add(q, "%q is listed twice; remove the repeat", id)
			case v.people != nil && !v.badPersonID && !known:
				c.add(q, "%q is not the id of anyone in cast.json; fix the id, or leave the award off the cast cards", id)
			case known && !strings.Contains(award.Nominee.EN, name):
				c.add(q, "%q is %s, whom the nominee (%q) does not name; list only the people the award is for", id, name, award.Nominee.EN)
			}
			seen[id] = true
		}
		c.enum(p.field("result"), string(award.Result), "result", results)
		c.optText(p.field("note"), award.Note, "the note")
		c.enum(p.field("confidence"), string(award.Confidence), "confidence", confidences)
		c.cite(p, award.Sources)
	}
	for i := range a.Recognition {
		r := &a.Recognition[i]
		p := path("$.recognition").index(i)
		c.text(p.field("title"), r.Title, "the title")
		c.text(p.field("detail"), r.Detail, "the detail")
		c.date(p.field("date"), r.Date, anyPrecision)
		c.enum(p.field("confidence"), string(r.Confidence), "confidence", confidences)
		c.cite(p, r.Sources)
	}
	c.notes("$.notes", a.Notes)
}

func (v *validator) checkSeason2(f *file, s *Season2) {
	c := v.in(f)
	c.enum("$.status", string(s.Status), "status", statuses)
	asOfOK := c.needDate("$.as_of", s.AsOf, fullDate, "the date of the latest item found")
	c.text("$.headline", s.Headline, "the one-paragraph answer")
	c.cite("$", s.Sources)
	prev, prevPath := "", path("")
	for i := range s.Record {
		e := &s.Record[i]
		p := path("$.record").index(i)
		if c.datedOrNoted(p, e.Date, e.DateNote, anyPrecision, "the date of the item") && e.Date != "" {
			if prev != "" && datesBefore(e.Date, prev) {
				c.add(p.field("date"), "%s is before %s of %s; keep the record oldest first", e.Date, prev, prevPath)
			}
			if asOfOK && datesBefore(s.AsOf, e.Date) {
				c.add(p.field("date"), "%s is after as_of (%s); move as_of to the date of the latest item", e.Date, s.AsOf)
			}
			prev, prevPath = e.Date, p
		}
		c.enum(p.field("kind"), string(e.Kind), "kind", eventKinds)
		c.text(p.field("text"), e.Text, "what happened")
		c.cite(p, e.Sources)
	}
	for i := range s.Theories {
		t := &s.Theories[i]
		p := path("$.theories").index(i)
		c.enum(p.field("stance"), string(t.Stance), "stance", stances)
		c.text(p.field("text"), t.Text, "the theory")
		c.date(p.field("date"), t.Date, anyPrecision)
		c.cite(p, t.Sources)
	}
	c.notes("$.context", s.Context)
}

// text checks a required Text: English is required, and at most one
// Korean form. what names the text in messages ("the label").
func (c checker) text(p path, t Text, what string) {
	if c.prose(p, t, what) {
		c.spoilers(p, t)
	}
}

// shownBare checks a required Text that okbot shows where Discord renders
// no markdown (a field name): it may mark no spoilers. what names it
// ("the label"); hint says what to do about a reveal instead.
func (c checker) shownBare(p path, t Text, what, hint string) bool {
	if !c.prose(p, t, what) {
		return false
	}
	for _, lang := range []struct{ field, text string }{{"en", t.EN}, {"ko", t.KO}, {"ko_translation", t.KOTranslation}} {
		c.unmarkedName(p.field(lang.field), lang.text, what, hint)
	}
	return true
}

// prose checks what text and shownBare share, and reports whether t is
// there at all.
func (c checker) prose(p path, t Text, what string) bool {
	if !c.present(p) {
		c.add(p, `missing; give %s as {"en": "…"}`, what)
		return false
	}
	if blank(t.EN) {
		c.add(p.field("en"), "missing; give %s in English", what)
	}
	if t.KO != "" && t.KOTranslation != "" {
		c.add(p, "has both ko and ko_translation; keep ko for Korean as published or ko_translation for okbot's own translation, not both")
	}
	return true
}

// spoilers checks the spoiler spans of t (see spoiler.go): each language
// closes every span it opens, and marks as many as English does, so that
// a reveal hidden in one language is hidden in the other.
func (c checker) spoilers(p path, t Text) {
	enSpans, enClosed := Spoilers(t.EN)
	for _, lang := range []struct {
		field, text string
	}{{"en", t.EN}, {"ko", t.KO}, {"ko_translation", t.KOTranslation}} {
		if lang.text == "" {
			continue
		}
		spans, closed := Spoilers(lang.text)
		switch {
		case !closed:
			c.add(p.field(lang.field), "has %d spoiler markers (%s), an odd number: a spoiler span is opened and never closed; close it with %s after the reveal, or remove the stray marker",
				strings.Count(lang.text, SpoilerMark), SpoilerMark, SpoilerMark)
		case lang.field != "en" && enClosed && spans != enSpans:
			c.add(p.field(lang.field), "marks %d spoiler spans (%s…%s) but en marks %d; mark the same reveals in every language",
				spans, SpoilerMark, SpoilerMark, enSpans)
		}
	}
}

// unmarkedName checks that s, shown where Discord renders no spoiler
// markup, carries none. hint says what to do about a reveal instead.
func (c checker) unmarkedName(p path, s, what, hint string) {
	if strings.Contains(s, SpoilerMark) {
		c.add(p, "%q has spoiler markers (%s), but %s is shown where Discord does not hide spoilers (titles, field names, autocomplete); remove the markers%s",
			s, SpoilerMark, what, hint)
	}
}

// revealHint is what to do instead of marking a name as a spoiler.
const revealHint = `, and if playing this character is itself a reveal, mark the character "reveal": true`

// episodeTitle checks a stored episode title: shown in an embed title, so
// without spoiler markers; verified, since an unverified title is never
// stated as fact; and cited.
func (c checker) episodeTitle(p path, t *EpisodeTitle) {
	c.shownBare(p.field("name"), t.Name, "the episode title", "")
	if t.Name.KOTranslation != "" {
		c.add(p.field("name").field("ko_translation"), "episode titles are not translated; give ko only where the fact sheet has the Korean title, else leave the English")
	}
	c.optText(p.field("note"), t.Note, "the title's note")
	if t.Confidence == "" {
		c.add(p.field("confidence"), `missing; give "verified" (the sheet lists only verified titles)`)
	} else if t.Confidence != Verified {
		c.add(p.field("confidence"), "%q: only a verified title is stored as the title; record an unverified one as a note of the episode instead", t.Confidence)
	}
	c.cite(p, t.Sources)
}

func (c checker) optText(p path, t *Text, what string) {
	if t != nil {
		c.text(p, *t, what)
	}
}

// hangulName checks a name that must be given in English and in Hangul.
func (c checker) hangulName(p path, t Text, what string) {
	if !c.present(p) {
		c.add(p, `missing; give %s in English and in Hangul: {"en": "…", "ko": "…"}`, what)
		return
	}
	if !c.shownBare(p, t, what, revealHint) {
		return
	}
	switch {
	case blank(t.KO) && t.KOTranslation != "":
		c.add(p.field("ko"), "missing; give %s in Hangul as ko, not ko_translation: names are published, not translated", what)
	case blank(t.KO):
		c.add(p.field("ko"), "missing; give %s in Hangul", what)
	case !isHangul(t.KO):
		c.add(p.field("ko"), "%q is not all Hangul; give %s in Hangul", t.KO, what)
	}
}

// isHangul reports whether s has Hangul letters and no other letters.
func isHangul(s string) bool {
	found := false
	for _, r := range s {
		if unicode.IsLetter(r) {
			if !unicode.Is(unicode.Hangul, r) {
				return false
			}
			found = true
		}
	}
	return found
}

func (c checker) note(p path, n Note) {
	c.text(p.field("text"), n.Text, "the note")
	c.enum(p.field("confidence"), string(n.Confidence), "confidence", confidences)
	c.cite(p, n.Sources)
}

// figureSources checks the outlets listed at p as the ones that published
// a figure of an episode (its precise rating, its split parts): given
// says whether the episode has that figure, what names it ("split
// parts"), and why says why it needs them and how to give them. They
// come from the episode's sources, and only a figure that is there has
// them.
func (c checker) figureSources(p path, given bool, ids, episodeSources []string, what, why string) {
	switch {
	case !given && len(ids) > 0:
		c.add(p, "set without %s; remove it, or add the figures it is for", what)
	case given && len(ids) == 0:
		c.add(p, "missing; %s", why)
	}
	for i, id := range ids {
		if !slices.Contains(episodeSources, id) {
			c.add(p.index(i), "%q is not among this episode's sources; cite it there too, or fix the id", id)
		}
	}
}

func (c checker) notes(p path, notes []Note) {
	for i, n := range notes {
		c.note(p.index(i), n)
	}
}

// cite checks the sources field of the object at p.
func (c checker) cite(p path, ids []string) {
	p = p.field("sources")
	if len(ids) == 0 {
		c.add(p, "no sources; cite at least one id from sources.json")
		return
	}
	cited := make(map[string]bool, len(ids))
	for i, id := range ids {
		switch {
		case blank(id):
			c.add(p.index(i), "empty; give the id of a source in sources.json")
		case cited[id]:
			c.add(p.index(i), "%q is cited twice; remove the repeat", id)
		case c.sources != nil && !c.sources[id]:
			hint := ""
			if c.hints < maxHints {
				c.hints++
				if s := closest(id, c.sourceIDs); s != "" {
					hint = fmt.Sprintf(" (did you mean %q?)", s)
				}
			}
			c.add(p.index(i), "%q is not in sources.json%s; fix the id or add the source there", id, hint)
		}
		cited[id] = true
	}
}

// maxHints is how many unknown source ids get a "did you mean": each costs
// a comparison with every source, so without a bound the work would grow
// with the square of the files' size.
const maxHints = 100

// abbreviate shortens s for quoting in a message: a value too long to be
// right is recognisable by its start.
func abbreviate(s string) string {
	const keep = 24
	if utf8.RuneCountInString(s) <= keep+8 {
		return s
	}
	return string([]rune(s)[:keep]) + "…"
}

func (c checker) enum(p path, value, what string, allowed []string) {
	switch {
	case value == "":
		c.add(p, "missing; give the %s: one of %s", what, strings.Join(allowed, ", "))
	case !slices.Contains(allowed, value):
		c.add(p, "%q is not a valid %s; use one of %s", value, what, strings.Join(allowed, ", "))
	}
}

// percent checks a required rating in percent: 0 < x < 100.
func (c checker) percent(p path, x float64, what string) {
	switch {
	case !c.present(p):
		c.add(p, "missing; give %s in percent, e.g. 6.1", what)
	case x <= 0 || x >= 100:
		c.add(p, "%v is not a percentage; give %s in percent, between 0 and 100, e.g. 6.1", x, what)
	}
}

// dateForm is the precision a date field allows.
type dateForm int

const (
	fullDate     dateForm = iota // YYYY-MM-DD
	dayOrMonth                   // YYYY-MM-DD or YYYY-MM
	anyPrecision                 // YYYY-MM-DD, YYYY-MM or YYYY
)

var dateLayouts = [...][]string{
	fullDate:     {"2006-01-02"},
	dayOrMonth:   {"2006-01-02", "2006-01"},
	anyPrecision: {"2006-01-02", "2006-01", "2006"},
}

var dateForms = [...]string{
	fullDate:     "YYYY-MM-DD, e.g. 2020-06-20",
	dayOrMonth:   "YYYY-MM-DD or YYYY-MM, e.g. 2020-06-20 or 2020-06",
	anyPrecision: "YYYY-MM-DD, YYYY-MM or YYYY, e.g. 2020-06-20, 2020-06 or 2020",
}

// date checks an optional date, returning whether it is valid (or empty).
func (c checker) date(p path, s string, form dateForm) bool {
	if s == "" {
		return true
	}
	for _, layout := range dateLayouts[form] {
		if _, err := time.Parse(layout, s); err == nil {
			return true
		}
	}
	c.add(p, "%q is not a date; write %s", s, dateForms[form])
	return false
}

// needDate checks a required date, returning whether it is valid.
func (c checker) needDate(p path, s string, form dateForm, what string) bool {
	if s == "" {
		c.add(p, "missing; give %s as %s", what, dateForms[form])
		return false
	}
	return c.date(p, s, form)
}

// datedOrNoted checks the date and date_note of the object at p: the
// date, or a note saying why there is none. It returns whether the date
// is valid (or empty).
func (c checker) datedOrNoted(p path, date, note string, form dateForm, what string) bool {
	if date == "" && blank(note) {
		c.add(p.field("date"), "missing; give %s as %s, or say in date_note why there is none", what, dateForms[form])
		return true
	}
	return c.date(p.field("date"), date, form)
}

// datesBefore reports whether date a is before date b, comparing them at
// the precision of the less precise: 2020-08 is not before 2020-08-09.
func datesBefore(a, b string) bool {
	n := min(len(a), len(b))
	return a[:n] < b[:n]
}

func blank(s string) bool { return strings.TrimSpace(s) == "" }
