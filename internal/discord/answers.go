package discord

import (
	"log/slog"
	"runtime/debug"
	"sync/atomic"

	"github.com/okbot/okbot/internal/commands"
)

// Answers is the Responder okbot answers with, replaceable while it runs:
// a reload of the facts swaps in a new one (Swap). Both transports answer
// through one (see answersFor) and its answer method, so that the
// gateway and the endpoint answer alike. The interactions endpoint also
// keeps its cache of encoded answers in it, so the cache belongs to one
// Responder and is replaced, empty, in the same swap. An answer prepared
// from the old facts can then never be served after the swap: a request
// in flight finishes on the old Responder and stores its answer in the
// old cache, which nothing reads any more.
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

// answersFor is r as both transports answer with it: r itself when it is
// Answers (with its per-user limit and its cache), else new Answers over
// it.
func answersFor(r Responder) *Answers {
	if a, ok := r.(*Answers); ok {
		return a
	}
	return NewAnswers(r)
}

// LimitPerUser makes both transports check c before answering a
// command, and before the endpoint's cache. Call it before serving.
func (a *Answers) LimitPerUser(c *Cooldown) { a.cooldown = c }

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

// answer is how both transports answer req in a channel with rights: the
// callback body, encoded, and its outcome. In order:
//   - a user over the per-user limit gets its notice (OutcomeLimited).
//     It comes before the cache, and is never cached: its wait changes
//     every second;
//   - when cached (the endpoint), an answer encoded before comes from
//     the cache (OutcomeCached), its key built in keyBuf; otherwise (the
//     gateway) the cache is neither read nor filled;
//   - the Responder's answer, fitted to rights (OutcomeAnswered), then
//     cached;
//   - the apology when the Responder panicked, answered beyond Discord's
//     limits or with something that cannot be encoded (OutcomeApology),
//     logged to log with the request's kind and command, never cached.
//
// One generation throughout: an answer from the old facts goes into the
// old cache, never the new one.
func (a *Answers) answer(req commands.Request, rights channelRights, log *slog.Logger, cached bool, keyBuf []byte) (*encoded, string) {
	if notice, limited := a.cooldown.limited(req); limited {
		return mustEncode(rights.fit(notice, req.Locale)), OutcomeLimited
	}
	gen := a.now()
	var key []byte
	if cached && gen.cache != nil {
		key = appendCacheKey(keyBuf, req, rights)
		if enc := gen.cache.get(key); enc != nil {
			return enc, OutcomeCached
		}
	}
	// The failure's logger is made only on failure: With allocates, on
	// the endpoint's hot path.
	failed := func() *slog.Logger {
		return log.With("kind", kindOf(req), "command", commandOf(gen.responder, req))
	}
	resp, ok := handleSafely(failed, gen.responder, req, rights)
	enc, err := encode(resp)
	if err != nil {
		failed().Error("encoding command response", "err", err)
		return mustEncode(apology(req, rights)), OutcomeApology
	}
	if !ok {
		return enc, OutcomeApology
	}
	if key != nil {
		gen.cache.put(string(key), enc)
	}
	return enc, OutcomeAnswered
}

// handleSafely asks responder for req's response, fitted to the
// channel's rights. Neither discordgo nor net/http should see a handler's
// panic (discordgo would end the process), and Discord refuses a response
// over its limits, so both become the apology, logged to failed() with
// what went wrong; ok is false then.
func handleSafely(failed func() *slog.Logger, responder Responder, req commands.Request, rights channelRights) (resp commands.Response, ok bool) {
	defer func() {
		if p := recover(); p != nil {
			failed().Error("command handler panicked", "panic", p, "stack", string(debug.Stack()))
			resp, ok = apology(req, rights), false
		}
	}()
	resp = rights.fit(responder.Handle(req), req.Locale)
	if err := commands.Check(resp); err != nil {
		failed().Error("command response over Discord's limits", "err", err)
		return apology(req, rights), false
	}
	return resp, true
}

// apology is the reply when answering failed: commands.Apology, or no
// choices for autocomplete, which may only be answered with choices.
func apology(req commands.Request, rights channelRights) commands.Response {
	if req.Kind == commands.Autocomplete {
		return commands.Response{Kind: commands.Choices, Choices: []commands.Choice{}}
	}
	return rights.fit(commands.Apology(req.Locale), req.Locale)
}
