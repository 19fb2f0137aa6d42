package discord

import (
	"sync/atomic"

	"github.com/okbot/okbot/internal/commands"
)

// Answers is the Responder okbot answers with, replaceable while it runs:
// a reload of the facts swaps in a new one (Swap). Both transports take
// it as their Responder; the interactions endpoint also keeps its cache
// of encoded answers in it, so the cache belongs to one Responder and is
// replaced, empty, in the same swap. An answer prepared from the old
// facts can then never be served after the swap: a request in flight
// finishes on the old Responder and stores its answer in the old cache,
// which nothing reads any more.
//
// Answers is safe for concurrent use.
type Answers struct {
	cur atomic.Pointer[generation]
	// cooldown limits each user's commands; nil when off.
	cooldown *Cooldown
}

// generation is one Responder and the answers encoded from it.
type generation struct {
	responder Responder
	// cache is nil when caching is off (benchmarks measure without it).
	cache *responseCache
}

// NewAnswers returns Answers that answer with r until the first Swap.
func NewAnswers(r Responder) *Answers {
	a := &Answers{}
	a.Swap(r)
	return a
}

// LimitPerUser makes both transports check c before answering a
// command, and before the endpoint's cache. Call it before serving.
func (a *Answers) LimitPerUser(c *Cooldown) { a.cooldown = c }

// limited is the cooldown's notice for req when its user is over the
// limit.
func (a *Answers) limited(req commands.Request) (commands.Response, bool) {
	return a.cooldown.limited(req)
}

// Swap makes r answer every request that starts from now on, with an
// empty cache. Requests already being answered finish with the
// Responder they started with.
func (a *Answers) Swap(r Responder) {
	a.cur.Store(&generation{responder: r, cache: newResponseCache(cacheEntries, cacheBytes)})
}

// Handle answers req with the current Responder.
func (a *Answers) Handle(req commands.Request) commands.Response {
	return a.cur.Load().responder.Handle(req)
}

// CommandName is the current Responder's name for req's command (see
// commands.Registry.CommandName), or "" when it has none.
func (a *Answers) CommandName(req commands.Request) string {
	if n, ok := a.cur.Load().responder.(commandNamer); ok {
		return n.CommandName(req)
	}
	return ""
}

// now is the current generation: one request uses one throughout.
func (a *Answers) now() *generation { return a.cur.Load() }
