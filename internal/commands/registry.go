package commands

import "github.com/okbot/okbot/internal/facts"

// Registry answers every okbot command from one fact store. It is immutable
// and safe for concurrent use.
type Registry struct {
	store *facts.Store
}

// New prepares the answers that can be computed once (the ratings chart,
// indexes) from store.
func New(store *facts.Store) (*Registry, error) {
	return &Registry{store: store}, nil
}

// Definitions returns the slash commands as registered with Discord, in a
// fixed order.
func (r *Registry) Definitions() []Definition { return nil }

// Handle answers one request. It never returns an empty response: unknown
// commands, bad options and stale buttons get a friendly ephemeral reply.
func (r *Registry) Handle(req Request) Response {
	return Apology(req.Locale)
}

// Apology is the ephemeral reply adapters send when answering failed
// unexpectedly (a panic); it reveals nothing internal.
func Apology(locale string) Response {
	return Response{Kind: Message, Ephemeral: true, Content: "Sorry, something went wrong while answering. Please try again."}
}
