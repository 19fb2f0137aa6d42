package facts

// This file is the schema of okbot's fact files (data/*.json). Every JSON
// object maps onto one of these types; unknown fields are rejected when
// loading. The JSON names are the contract with the people who edit data/,
// so change them only together with the data and the README's "Editing
// facts" section.

// Confidence says how sure the fact sheet is of a fact, and so how the bot
// words it.
type Confidence string

const (
	// Verified: at least one dated source, usually two, agree.
	Verified Confidence = "verified"
	// Discrepancy: sources disagree; every value is recorded and the bot
	// states both.
	Discrepancy Confidence = "discrepancy"
	// Unverified: no reliable source was found; the bot never states it as
	// fact, only that it could not be verified.
	Unverified Confidence = "unverified"
)

// Stated reports whether the bot states a fact of confidence c as fact
// (with every value, for a discrepancy), rather than saying it could not
// be verified.
func (c Confidence) Stated() bool { return c == Verified || c == Discrepancy }

// Text is a piece of prose in English, with Korean either as published
// (KO: Hangul names, titles and quotes) or as okbot's own translation of the
// English (KOTranslation). A translation adds no facts and rests on the
// sources of the fact it belongs to. EN is required wherever a Text
// appears; at most one of KO and KOTranslation is set. A plot reveal is
// marked inline as a spoiler span, ||like this||, in every language (see
// spoiler.go); names carry no spans.
type Text struct {
	EN            string `json:"en"`
	KO            string `json:"ko,omitempty"`
	KOTranslation string `json:"ko_translation,omitempty"`
}

// Source is one public page a fact rests on.
type Source struct {
	// ID is how facts refer to the source: lower-case letters, digits and
	// hyphens, unique across sources.json. Required.
	ID string `json:"id"`
	// Publisher is the outlet, e.g. "Yonhap (via kbmaeil)". Required.
	Publisher string `json:"publisher"`
	// PublisherKO is the outlet's name as Korean replies show it: a Korean
	// outlet's own masthead name ("국민일보"), or a label translated
	// ("Koalasplayground(팬 블로그)"). Empty means Publisher serves both.
	PublisherKO string `json:"publisher_ko,omitempty"`
	// Title of the page when known.
	Title string `json:"title,omitempty"`
	// URL of the page. Required, http or https.
	URL string `json:"url"`
	// Date the page was published: YYYY-MM-DD, YYYY-MM or YYYY. Required
	// unless DateNote says why it is missing.
	Date string `json:"date,omitempty"`
	// DateNote qualifies the date, e.g. "date not shown; reports the
	// 2020-08-09 finale". Required when Date is empty, unless MirrorUpdated
	// is given.
	DateNote string `json:"date_note,omitempty"`
	// DateNoteKO is DateNote for Korean replies, dates written the Korean
	// way ("날짜 표기 없음(2020년 7월)"). Only with DateNote; without it a
	// Korean reply says only that the date is not shown.
	DateNoteKO string `json:"date_note_ko,omitempty"`
	// MirrorUpdated is when a mirror (or wiki copy) of the page was last
	// updated, YYYY-MM-DD: not a publication date, so never in Date.
	MirrorUpdated string `json:"mirror_updated,omitempty"`
}

// Note is a sourced statement with its confidence: a caveat, a
// discrepancy, a clarification.
type Note struct {
	Text       Text       `json:"text"`
	Confidence Confidence `json:"confidence"`
	Sources    []string   `json:"sources"`
}

// Show is data/show.json: the core facts about the drama.
type Show struct {
	// Title in English (EN) and Hangul (KO). Required.
	Title Text `json:"title"`
	// Romanization of the Korean title (Revised Romanization). Required.
	Romanization string `json:"romanization"`
	// Literal meaning of the Korean title, also the working title.
	Literal string `json:"literal,omitempty"`
	// FirstAired and LastAired are YYYY-MM-DD (KST). Required.
	FirstAired string `json:"first_aired"`
	LastAired  string `json:"last_aired"`
	// Episodes is the number of episodes, 1 to MaxEpisodes; ratings.json
	// must list exactly these. Required.
	Episodes int `json:"episodes"`
	// Checked is the date (YYYY-MM-DD) the fact sheet behind data/ was
	// compiled and checked; answers without an as-of date of their own
	// (Season2.AsOf) say "as of" this date. Required.
	Checked string `json:"checked"`
	// Sources for the title, dates and episode count. Required.
	Sources []string `json:"sources"`
	// Facts are the remaining core facts in the order /about shows them.
	Facts []ShowFact `json:"facts"`
	// WhereToWatch says where the show streams, with the regional caveat.
	// Required.
	WhereToWatch Note `json:"where_to_watch"`
	// OST is the soundtrack (fact sheet §6.1). Required.
	OST OST `json:"ost"`
	// Tales are Moon-young's fairy tales the episodes use (§6.3), in
	// episode order. Required.
	Tales []Tale `json:"tales"`
}

// Section is where /about shows a fact: its first view (the essentials)
// or one of the sections behind its buttons.
type Section string

const (
	Essentials Section = "essentials"
	Production Section = "production"
	Music      Section = "music"
	Filming    Section = "filming"
	Tales      Section = "tales"
)

// OST is the drama's soundtrack: its releases in release order.
type OST struct {
	// Label is who released it ("MOST CONTENTS"). Required.
	Label    Text      `json:"label"`
	Sources  []string  `json:"sources"`
	Releases []Release `json:"releases"`
}

// ReleaseKind is what an OST release is.
type ReleaseKind string

const (
	// Part: a numbered single ("Part 1").
	Part ReleaseKind = "part"
	// Special: a numbered special track release ("Special Track Vol. 1").
	Special ReleaseKind = "special"
	// Album: the full soundtrack album; unnumbered.
	Album ReleaseKind = "album"
)

// Release is one OST release.
type Release struct {
	Kind ReleaseKind `json:"kind"`
	// Number of a part or special track volume, from 1; none for the album.
	Number int `json:"number,omitempty"`
	// Tracks are its songs; an album may give Detail instead.
	Tracks []Track `json:"tracks,omitempty"`
	// Detail describes the release ("36 tracks, including BGM").
	Detail *Text `json:"detail,omitempty"`
	// Date is the release date, YYYY-MM-DD or YYYY-MM, when it is verified.
	Date string `json:"date,omitempty"`
	// DateConfidence says whether the sheet verifies a release date:
	// "verified" with Date, "unverified" without one (an unverified date
	// is never stored, and okbot says the date is not verified). Required.
	DateConfidence Confidence `json:"date_confidence"`
	// Note qualifies the release: its hour, a chart record.
	Note    *Text    `json:"note,omitempty"`
	Sources []string `json:"sources"`
}

// Track is one song of a release. Its Title has EN as released in
// English (the Korean title itself when it has no English one) and KO
// only where the fact sheet gives a Korean title. Titles and artists are
// shown where Discord hides no spoilers, so they mark none.
type Track struct {
	Title  Text `json:"title"`
	Artist Text `json:"artist"`
}

// BookStatus says whether a tale was published as a real book.
type BookStatus string

const (
	// Published: the fact sheet verifies the book.
	Published BookStatus = "published"
	// BookUnverified: no source verifies a book of it.
	BookUnverified BookStatus = "unverified"
)

// Tale is one of Moon-young's fairy tales.
type Tale struct {
	// Title: EN as English sources give it; KO the Korean title where the
	// fact sheet gives it, never okbot's translation. Shown bare.
	Title Text `json:"title"`
	// Episodes it belongs to, each from 1 to Show.Episodes. Required.
	Episodes []int `json:"episodes"`
	// Scene says how the episode uses it; plot reveals in spoiler spans.
	Scene Text `json:"scene"`
	// Book says whether it became a real book. Required.
	Book BookStatus `json:"book"`
	// BookNote qualifies Book ("volume 1").
	BookNote *Text    `json:"book_note,omitempty"`
	Notes    []Note   `json:"notes,omitempty"`
	Sources  []string `json:"sources"`
}

// MaxEpisodes bounds Show.Episodes: far more than any drama okbot could
// chart, and few enough that anything may count up to it.
const MaxEpisodes = 1000

// ShowFact is one labelled core fact, e.g. Network: tvN.
type ShowFact struct {
	// Key identifies the fact ("network", "director", ...): lower-case
	// letters, digits, hyphens and underscores, unique within show.json.
	Key string `json:"key"`
	// Section is where /about shows it. Required.
	Section    Section    `json:"section"`
	Label      Text       `json:"label"`
	Value      Text       `json:"value"`
	Confidence Confidence `json:"confidence"`
	Sources    []string   `json:"sources"`
}

// Billing is how a cast member is credited.
type Billing string

const (
	Lead       Billing = "lead"
	Main       Billing = "main"
	Supporting Billing = "supporting"
	Guest      Billing = "guest"
	Cameo      Billing = "cameo"
	// Child: a child actor, playing a younger self of a character an
	// adult in the cast plays. The fact sheet gives no Hangul for the
	// child actors, so a child's Actor may have no KO, and okbot shows
	// them on the adult's card.
	Child Billing = "child"
)

// Person is one row of the cast table (data/cast.json): one actor and the
// character or characters they play. People are unique by actor.
type Person struct {
	// ID is a stable slug of the actor's name, e.g. "kim-soo-hyun", of at
	// most MaxPersonID characters. Required, unique.
	ID string `json:"id"`
	// Actor's name: EN as billed in English, KO in Hangul. Both required,
	// except that a child actor's KO may be left out where the fact sheet
	// gives none (never invented).
	Actor Text `json:"actor"`
	// ActorAliases are other spellings of the actor's name
	// ("Seo Ye-ji" for Seo Yea-ji).
	ActorAliases []string `json:"actor_aliases,omitempty"`
	// Characters played; empty for a cameo without a character name.
	Characters []Character `json:"characters,omitempty"`
	// Role describes an unnamed role ("a handsy fan"); required when
	// Characters is empty.
	Role    *Text   `json:"role,omitempty"`
	Billing Billing `json:"billing"`
	// BillingNote qualifies the billing, e.g. "fourth lead" or "episode 8".
	BillingNote *Text `json:"billing_note,omitempty"`
	// Description is one line about the character, in the compiler's words.
	Description Text       `json:"description"`
	Notes       []Note     `json:"notes,omitempty"`
	Confidence  Confidence `json:"confidence"`
	Sources     []string   `json:"sources"`
}

// MaxPersonID bounds the length of Person.ID. okbot sends the ID to
// Discord as the value of an autocomplete choice, which Discord caps at 100
// characters (and /cast's name option with it); a longer ID makes Discord
// refuse every autocomplete list that includes the person. No custom_id
// carries an ID today; 64 leaves room for one to (custom_ids are at most
// 100 characters too), and is far longer than a slug of any name.
const MaxPersonID = 64

// Character is a named role.
type Character struct {
	// Name: EN romanized, KO in Hangul. Both required.
	Name Text `json:"name"`
	// Aliases are other romanizations ("Ko Mun-yeong", "Go Moon-young").
	Aliases []string `json:"aliases,omitempty"`
	// Note qualifies the role, e.g. "original face, in flashbacks".
	Note *Text `json:"note,omitempty"`
	// Reveal marks a character whose being played by this person is a plot
	// reveal (the head nurse is Do Hee-jae): okbot names it only inside
	// spoiler markup, never in a title, field name or autocomplete choice,
	// and does not find the person by its name. A person needs at least one
	// character that is not a reveal; a reveal's Note has no spans of its
	// own (its whole line is hidden).
	Reveal bool `json:"reveal,omitempty"`
}

// Cast is data/cast.json.
type Cast struct {
	People []Person `json:"people"`
	// Notes about the cast as a whole (who counts as a lead, discrepancies).
	Notes []Note `json:"notes,omitempty"`
}

// Ratings is data/ratings.json: Nielsen Korea nationwide figures. Episodes
// are listed in order of Number; Summary is required.
type Ratings struct {
	// Measure says what the figures are, e.g. "Nielsen Korea, nationwide,
	// pay-TV households". Required.
	Measure Text `json:"measure"`
	// Methodology notes (split parts, missing Seoul figures).
	Methodology []Note    `json:"methodology"`
	Episodes    []Episode `json:"episodes"`
	Summary     Summary   `json:"summary"`
}

// Episode is one broadcast's ratings.
type Episode struct {
	// Number from 1 to Show.Episodes; each exactly once.
	Number int `json:"number"`
	// AirDate is YYYY-MM-DD (KST), from Show.FirstAired to Show.LastAired.
	// Required.
	AirDate string `json:"air_date"`
	// Rating is the press figure in percent (0 < r < 100). Required.
	Rating float64 `json:"rating"`
	// Precise is a more precise published value of the same figure, e.g.
	// 6.093 for 6.1, and PreciseSources the outlets that published it
	// (each also in Sources): a precise figure always says whose it is.
	Precise        *float64 `json:"precise,omitempty"`
	PreciseSources []string `json:"precise_sources,omitempty"`
	// Peak minute-by-minute rating in percent; null when no source gives
	// one (then PeakNote must say so).
	Peak     *float64 `json:"peak"`
	PeakNote *Text    `json:"peak_note,omitempty"`
	// Parts are the two split-part figures Nielsen listed, first part first;
	// absent or exactly two, each 0 < p < 100. PartsSources are the
	// outlets that published them (each also in Sources): like a precise
	// figure, split parts always say whose they are.
	Parts        []float64 `json:"parts,omitempty"`
	PartsSources []string  `json:"parts_sources,omitempty"`
	// Title is the episode's verified title, when one is verified; an
	// unverified title is never stored here (at most in Notes).
	Title *EpisodeTitle `json:"title,omitempty"`
	// Notes hold other reported values and discrepancies.
	Notes   []Note   `json:"notes,omitempty"`
	Sources []string `json:"sources"`
}

// EpisodeTitle is an episode's title. Its Name has EN as Netflix and English recaps
// give it; KO only where the fact sheet gives the Korean title (the
// fairy tale the episode is named after), never okbot's translation. It
// is shown in embed titles, so it marks no spoilers.
type EpisodeTitle struct {
	Name Text `json:"name"`
	// Note qualifies the title: "from a single source", another rendering.
	Note *Text `json:"note,omitempty"`
	// Confidence is verified: the sheet lists only verified titles, and an
	// unverified one is never stored as a title.
	Confidence Confidence `json:"confidence"`
	Sources    []string   `json:"sources"`
}

// Summary holds the published summary figures.
type Summary struct {
	// Average as published (5.4), with its caveat notes. Required,
	// 0 < a < 100.
	Average      float64 `json:"average"`
	AverageNotes []Note  `json:"average_notes"`
	// Highest and Lowest name episodes by number, with notes. Required;
	// both must be listed in Ratings.Episodes.
	Highest      int      `json:"highest"`
	HighestNotes []Note   `json:"highest_notes,omitempty"`
	Lowest       int      `json:"lowest"`
	LowestNotes  []Note   `json:"lowest_notes,omitempty"`
	Notes        []Note   `json:"notes,omitempty"`
	Sources      []string `json:"sources"`
}

// Result of an award nomination.
type Result string

const (
	Won       Result = "won"
	Nominated Result = "nominated"
)

// Award is one nomination or win (data/awards.json).
type Award struct {
	Ceremony Text `json:"ceremony"`
	// Date of the ceremony, YYYY-MM-DD or YYYY-MM. Required.
	Date     string `json:"date"`
	Category Text   `json:"category"`
	Nominee  Text   `json:"nominee"`
	// People are the ids (cast.json) of the cast members the award is
	// for, whose cast cards list it; each must be named in Nominee. Empty
	// for the show itself and for people outside the cast table.
	People     []string   `json:"people,omitempty"`
	Result     Result     `json:"result"`
	Note       *Text      `json:"note,omitempty"`
	Confidence Confidence `json:"confidence"`
	Sources    []string   `json:"sources"`
}

// Recognition is a list placement or similar honour that is not an award.
// Its Date, when given, is YYYY-MM-DD, YYYY-MM or YYYY.
type Recognition struct {
	Title      Text       `json:"title"`
	Detail     Text       `json:"detail"`
	Date       string     `json:"date,omitempty"`
	Confidence Confidence `json:"confidence"`
	Sources    []string   `json:"sources"`
}

// Awards is data/awards.json.
type Awards struct {
	Awards      []Award       `json:"awards"`
	Recognition []Recognition `json:"recognition"`
	Notes       []Note        `json:"notes,omitempty"`
}

// Status of a second season.
type Status string

const (
	NotAnnounced Status = "not_announced"
	Confirmed    Status = "confirmed"
	Cancelled    Status = "cancelled"
)

// EventKind classifies an entry of the Season 2 record.
type EventKind string

const (
	Official      EventKind = "official"
	Press         EventKind = "press"
	Clarification EventKind = "clarification"
	Commentary    EventKind = "commentary"
	// Dubious marks an item no official source corroborates (e.g. a fake
	// trailer); the bot presents it only as unverified.
	Dubious EventKind = "dubious"
)

// Event is one dated entry in the Season 2 record.
type Event struct {
	// Date is YYYY-MM-DD, YYYY-MM or YYYY; empty only with DateNote.
	Date     string    `json:"date,omitempty"`
	DateNote string    `json:"date_note,omitempty"`
	Kind     EventKind `json:"kind"`
	Text     Text      `json:"text"`
	Sources  []string  `json:"sources"`
}

// Stance of a fan theory.
type Stance string

const (
	For     Stance = "for"
	Against Stance = "against"
)

// Theory is fan speculation, never presented as fact. Its Date, when
// given, is YYYY-MM-DD, YYYY-MM or YYYY.
type Theory struct {
	Stance  Stance   `json:"stance"`
	Text    Text     `json:"text"`
	Date    string   `json:"date,omitempty"`
	Sources []string `json:"sources"`
}

// Season2 is data/season2.json.
type Season2 struct {
	Status Status `json:"status"`
	// AsOf is the date of the latest item found, YYYY-MM-DD. Required.
	AsOf string `json:"as_of"`
	// Headline is the one-paragraph answer.
	Headline Text     `json:"headline"`
	Sources  []string `json:"sources"`
	// Record is the dated record of statements and news, oldest first.
	Record []Event `json:"record"`
	// Theories are fan hopes (For) and arguments against (Against).
	Theories []Theory `json:"theories"`
	// Context is sourced background fans raise; not about Season 2.
	Context []Note `json:"context,omitempty"`
}
