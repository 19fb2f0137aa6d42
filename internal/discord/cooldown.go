package discord

import (
	"sync"
	"time"

	"github.com/okbot/okbot/internal/commands"
)

// Cooldown limits each user to Uses slash commands in any Window
// (OKBOT_COOLDOWN). Autocomplete and buttons are not counted: suggestions
// come with every keystroke, and a button only shows another part of an
// answer already given. A user over the limit gets
// commands.CooldownNotice, which is never cached.
//
// User ids are held in memory only while they count: a timer removes a
// user's entry once their newest command is older than Window. In `okbot
// serve` the limit is per replica. A Cooldown is safe for concurrent use.
type Cooldown struct {
	uses   int
	window time.Duration
	now    func() time.Time
	// afterFunc schedules the next sweep; tests run it by hand.
	afterFunc func(time.Duration, func()) *time.Timer

	mu sync.Mutex
	// recent holds each user's commands within the window, oldest first,
	// at most uses of them.
	recent map[string][]time.Time
	// sweeping is true while a sweep is scheduled: from the first entry
	// until the map is empty again.
	sweeping bool
}

// NewCooldown returns a limit of uses commands per window for each user.
func NewCooldown(uses int, window time.Duration) *Cooldown {
	return &Cooldown{uses: uses, window: window, now: time.Now, afterFunc: time.AfterFunc, recent: map[string][]time.Time{}}
}

// take counts one command of user and returns 0, or, when user is over the
// limit, counts nothing and returns how long until the next is allowed.
func (c *Cooldown) take(user string) time.Duration {
	c.mu.Lock()
	defer c.mu.Unlock()
	now := c.now()
	since := now.Add(-c.window)
	times := c.recent[user]
	for len(times) > 0 && !times[0].After(since) {
		times = times[1:]
	}
	if len(times) >= c.uses {
		c.recent[user] = times
		return times[0].Sub(since)
	}
	c.recent[user] = append(times, now)
	if !c.sweeping {
		c.sweeping = true
		c.afterFunc(c.window, c.sweep)
	}
	return 0
}

// sweep forgets the users whose newest command has left the window, and
// comes back when the next one will have, until no user is left.
func (c *Cooldown) sweep() {
	c.mu.Lock()
	defer c.mu.Unlock()
	now := c.now()
	next := c.window
	for u, times := range c.recent {
		left := times[len(times)-1].Add(c.window).Sub(now)
		if left <= 0 {
			delete(c.recent, u)
			continue
		}
		next = min(next, left)
	}
	if len(c.recent) == 0 {
		c.sweeping = false
		return
	}
	c.afterFunc(next, c.sweep)
}

// users is how many users the Cooldown holds.
func (c *Cooldown) users() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.recent)
}

// limited returns the notice for req when its user is over the limit.
func (c *Cooldown) limited(req commands.Request) (commands.Response, bool) {
	if c == nil || req.Kind != commands.Command || req.UserID == "" {
		return commands.Response{}, false
	}
	wait := c.take(req.UserID)
	if wait <= 0 {
		return commands.Response{}, false
	}
	return commands.CooldownNotice(req.Locale, c.uses, c.window, wait), true
}
