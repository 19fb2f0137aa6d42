package commands

import (
	"errors"
	"fmt"
	"sync"

	"github.com/okbot/okbot/internal/chart"
	"github.com/okbot/okbot/internal/facts"
)

// Registry answers every okbot command from one fact store. Everything that
// is the same for every request (each section, page, card and episode, in
// both languages, and the ratings chart) is prepared once by New, so Handle
// mostly picks a prepared answer. It is immutable and safe for concurrent
// use; the Responses it returns share its memory and must be treated as
// read-only.
type Registry struct {
	commands []command
	// ratings draws the chart, by the first /ratings or by Degraded.
	ratings func() *ratings
}

// command is one slash command as New prepared it.
type command struct {
	def Definition
	// key names the command in custom_ids; empty when it has no buttons.
	key string
	// tabs is true when its buttons switch sections rather than turn pages.
	tabs bool
	// replies is true when its buttons answer with a new message that
	// only the clicker sees, leaving theirs as it is; anyone may click.
	replies bool
	// run answers the command (interaction type 2).
	run func(req Request, l lang) Response
	// complete suggests values for the focused option; nil without
	// autocomplete.
	complete func(req Request, l lang) Response
	// click is the message a button leads to; false when the custom_id
	// names a section or page that does not exist (any more).
	click func(id customID) (view, bool)
}

// Custom ID keys of the commands with buttons (see customid.go).
const (
	keySeason2 = "s2"
	keyCast    = "cast"
	keyAbout   = "about"
	keyRatings = "rt"
	// keyAsk is in ask.go.
)

// New prepares every answer that is the same for all requests from store,
// renders the ratings chart, and checks all of it against Discord's limits
// (messages, autocomplete choices and command definitions), so that data
// which would make an answer fail stops the bot at start-up. The error
// lists every problem: its Unwrap() []error gives them one by one, each
// naming the answer ("/cast kim-soo-hyun (ko): embeds[0].description: …").
//
// A chart that cannot be drawn does not stop the bot: /ratings answers
// without it, and Degraded says why.
//
// New may be given a Store that facts.Inspect returned with problems, to
// find the problems of this stage too: it then reports what it can, and
// its work stays proportional to the size of the facts.
func New(store *facts.Store) (*Registry, error) {
	return newRegistry(store, chart.Ratings)
}

// NewDeferred is New for a server that should answer as soon as it
// starts, from facts that New has prepared and checked before without a
// problem (okbot's built-in facts: the tests and okbot validate run New
// on them when okbot is built). It prepares nothing and checks nothing at
// once: each command is prepared when it is first used (a request that
// comes while it is being prepared waits for it), /ask's answers one kind
// of question at a time (all answers about awards, say), and the ratings
// chart by the first /ratings overview, after which the memory drawing
// needed is returned to the system. The endpoint still checks every
// answer against Discord's limits before it sends it. The Registry
// answers exactly as New's would (TestNewDeferredAnswersAsNew).
func NewDeferred(store *facts.Store) (*Registry, error) {
	if store == nil {
		return nil, errors.New("preparing commands: no fact store")
	}
	return newDeferred(store, chart.Ratings), nil
}

// newRegistry is New with the chart drawn by draw.
func newRegistry(store *facts.Store, draw drawFunc) (*Registry, error) {
	if store == nil {
		return nil, errors.New("preparing commands: no fact store")
	}
	var found problems
	s2 := newSeason2(store, &found)
	cast := newCast(store, &found)
	rt := newRatings(store, draw, &found, false)
	about := newAbout(store, &found)
	questions := newAsk(store, cast, rt, &found, false)
	// The one explicit list of commands, in the order /help shows them.
	r := &Registry{commands: []command{
		s2.command(),
		cast.command(),
		rt.command(),
		about.command(),
		questions.command(),
	}, ratings: func() *ratings { return rt }}
	help := newHelp(store, append(r.Definitions(), helpDefinition()), &found)
	r.commands = append(r.commands, help.command())
	found.within("the slash commands would break Discord's rules; change the facts they are written from", checkDefinitions(r.Definitions()))
	if len(found) > 0 {
		// The bot will not start, so a missing chart is one more problem.
		if err := r.Degraded(); err != nil {
			found = append(found, err)
		}
		return nil, fmt.Errorf("preparing commands: %w", found.err())
	}
	return r, nil
}

// newDeferred is NewDeferred with the chart drawn by draw: the commands of
// newRegistry, in its order, each prepared on first use and unchecked (a
// nil *problems).
func newDeferred(store *facts.Store, draw drawFunc) *Registry {
	castOf := sync.OnceValue(func() *cast { return newCast(store, nil) })
	ratingsOf := sync.OnceValue(func() *ratings { return newRatings(store, draw, nil, true) })
	r := &Registry{commands: []command{
		deferCommand(new(season2).command(), func() command { return newSeason2(store, nil).command() }),
		deferCommand(new(cast).command(), func() command { return castOf().command() }),
		deferCommand((&ratings{count: len(store.Ratings().Episodes)}).command(), func() command { return ratingsOf().command() }),
		deferCommand(new(about).command(), func() command { return newAbout(store, nil).command() }),
		deferCommand(new(askCmd).command(), func() command { return newAsk(store, castOf(), ratingsOf(), nil, true).command() }),
	}, ratings: ratingsOf}
	defs := append(r.Definitions(), helpDefinition())
	r.commands = append(r.commands, deferCommand((&help{def: helpDefinition()}).command(), func() command { return newHelp(store, defs, nil).command() }))
	return r
}

// deferCommand is the command prepare returns, prepared when it is first
// used. shell is the same command unprepared (its command method called
// on a zero value, with what its definition needs): it gives what is
// known before preparing, the definition and what the buttons do.
func deferCommand(shell command, prepare func() command) command {
	prepared := sync.OnceValue(prepare)
	c := shell
	c.run = func(req Request, l lang) Response { return prepared().run(req, l) }
	if shell.complete != nil {
		c.complete = func(req Request, l lang) Response { return prepared().complete(req, l) }
	}
	if shell.click != nil {
		c.click = func(id customID) (view, bool) { return prepared().click(id) }
	}
	return c
}

// Degraded says what New could not prepare and answers without (today only
// the ratings chart, when drawing it failed), or nil. The bot runs anyway;
// okbot validate counts it as a problem. It draws the chart if no one has
// yet (see NewDeferred).
func (r *Registry) Degraded() error { return r.ratings().drawn().chartErr }

// Definitions returns the slash commands as registered with Discord, in a
// fixed order.
func (r *Registry) Definitions() []Definition {
	defs := make([]Definition, len(r.commands))
	for i, c := range r.commands {
		defs[i] = c.def
	}
	return defs
}

// Handle answers one request. It never returns an empty response: unknown
// commands, bad options and stale buttons get a friendly ephemeral reply.
// The same Request always gets the same Response, and no Response mentions
// a user, so adapters may cache them.
func (r *Registry) Handle(req Request) Response {
	l := langOf(req.Locale)
	switch req.Kind {
	case Command:
		if c := r.command(req.Command); c != nil {
			return c.run(req, l)
		}
		return notice(msgUnknownCommand.in(l))
	case Autocomplete:
		if c := r.command(req.Command); c != nil && c.complete != nil {
			return c.complete(req, l)
		}
		return Response{Kind: Choices, Choices: []Choice{}}
	case Component:
		return r.click(req, l)
	default:
		return notice(msgUnknownCommand.in(l))
	}
}

// CommandName is the name of the command req belongs to (the command run
// or completed, or the one whose button was clicked), or "" when r knows
// no such command. It never returns text the user typed, so it is safe to
// log and to use as a metric label.
func (r *Registry) CommandName(req Request) string {
	switch req.Kind {
	case Command, Autocomplete:
		if c := r.command(req.Command); c != nil {
			return c.def.Name
		}
	case Component:
		id, err := parseCustomID(req.CustomID)
		if err != nil {
			return ""
		}
		for _, c := range r.commands {
			if c.key != "" && c.key == id.command {
				return c.def.Name
			}
		}
	}
	return ""
}

func (r *Registry) command(name string) *command {
	for i := range r.commands {
		if r.commands[i].def.Name == name {
			return &r.commands[i]
		}
	}
	return nil
}

// click answers a button: the message it leads to, updated in place.
func (r *Registry) click(req Request, l lang) Response {
	id, err := parseCustomID(req.CustomID)
	if err != nil {
		return notice(msgStale.in(l))
	}
	var c *command
	for i := range r.commands {
		if r.commands[i].key != "" && r.commands[i].key == id.command {
			c = &r.commands[i]
		}
	}
	if c == nil {
		return notice(msgStale.in(l))
	}
	if c.replies {
		v, ok := c.click(id)
		if !ok {
			return notice(msgStaleCommand.f(l, c.def.nameIn(l)))
		}
		resp := v.response(Message)
		resp.Ephemeral = true
		return resp
	}
	// Only the person who ran the command may change what everyone in the
	// channel sees. OwnerID is empty when Discord did not say (then anyone
	// may click, as nothing can be checked).
	if req.OwnerID != "" && req.OwnerID != req.UserID {
		if c.tabs {
			return notice(msgNotYoursTabs.f(l, c.def.nameIn(l)))
		}
		return notice(msgNotYoursPages.f(l, c.def.nameIn(l)))
	}
	v, ok := c.click(id)
	if !ok {
		return notice(msgStaleCommand.f(l, c.def.nameIn(l)))
	}
	return v.response(Update)
}

// Apology is the ephemeral reply adapters send when answering failed
// unexpectedly (a panic); it reveals nothing internal.
func Apology(locale string) Response {
	return notice(msgApology.in(langOf(locale)))
}

// tab is one section of a message whose buttons switch between sections.
type tab struct {
	id    string
	label msg
}

// tabRow is the row of section buttons with current highlighted (Primary)
// and disabled, since clicking it would change nothing.
func tabRow(key string, l lang, tabs []tab, current int) []Button {
	row := make([]Button, len(tabs))
	for i, t := range tabs {
		row[i] = Button{
			Label:    t.label.in(l),
			Style:    Secondary,
			CustomID: customID{command: key, lang: l, view: t.id}.String(),
		}
		if i == current {
			row[i].Style, row[i].Disabled = Primary, true
		}
	}
	return row
}

// tabRows is tabRow split into as few rows as Discord allows, their
// lengths as even as can be (six tabs make two rows of three).
func tabRows(key string, l lang, tabs []tab, current int) [][]Button {
	all := tabRow(key, l, tabs, current)
	n := (len(all) + maxButtonsPerRow - 1) / maxButtonsPerRow
	var rows [][]Button
	for i := range n {
		rows = append(rows, all[i*len(all)/n:(i+1)*len(all)/n])
	}
	return rows
}

// pagerRow is the previous/next row of page (1-based) of pages, each
// disabled at its end. Both always lead to a valid page, so their
// custom_ids differ whenever there are two pages or more.
func pagerRow(key string, l lang, page, pages int) []Button {
	to := func(p int) string { return customID{command: key, lang: l, view: pageView, page: p}.String() }
	return []Button{
		{Label: msgPrevious.in(l), Style: Secondary, CustomID: to(max(page-1, 1)), Disabled: page == 1},
		{Label: msgNext.in(l), Style: Secondary, CustomID: to(min(page+1, pages)), Disabled: page == pages},
	}
}

// nameIn is the command's name as users of language l see it in Discord.
func (d Definition) nameIn(l lang) string {
	if l == korean && d.NameKO != "" {
		return d.NameKO
	}
	return d.Name
}
