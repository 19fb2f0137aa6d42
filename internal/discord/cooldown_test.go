package discord

import (
	"testing"
	"time"

	"github.com/okbot/okbot/internal/commands"
)

// The limit counts each user's commands in a sliding window, says how
// long to wait, and forgets a user once their window has passed.
func TestCooldown(t *testing.T) {
	now := testNow
	c := NewCooldown(2, 10*time.Second)
	c.now = func() time.Time { return now }
	// The sweeps are run by hand: sweeps holds those scheduled.
	var sweeps []time.Duration
	var sweep func()
	c.afterFunc = func(d time.Duration, f func()) *time.Timer {
		sweeps, sweep = append(sweeps, d), f
		return nil
	}
	cmd := func(user string) commands.Request {
		return commands.Request{Kind: commands.Command, Command: "cast", UserID: user, Locale: "en-US"}
	}
	for i := range 2 {
		if _, limited := c.limited(cmd("a")); limited {
			t.Fatalf("command %d of 2 was limited", i+1)
		}
		now = now.Add(time.Second)
	}
	resp, limited := c.limited(cmd("a"))
	if !limited || !resp.Ephemeral {
		t.Fatalf("third command in the window: limited %v, %+v; want an ephemeral notice", limited, resp)
	}
	if got := c.take("a"); got != 8*time.Second {
		t.Errorf("wait = %v, want 8s (the first command was 10 s ago minus 2 s)", got)
	}
	// Others are not limited, nor are suggestions and buttons.
	if _, limited := c.limited(cmd("b")); limited {
		t.Error("another user was limited")
	}
	for _, req := range []commands.Request{
		{Kind: commands.Autocomplete, Command: "cast", UserID: "a"},
		{Kind: commands.Component, CustomID: "v1:cast:en:p:2", UserID: "a"},
	} {
		if _, limited := c.limited(req); limited {
			t.Errorf("%+v was limited", req)
		}
	}
	// Once the window has passed the user may go on.
	now = now.Add(9 * time.Second)
	if _, limited := c.limited(cmd("a")); limited {
		t.Error("a command after the window was limited")
	}
	// One sweep at a time, scheduled with the first user; each forgets
	// the users whose window has passed and comes back for the next.
	if len(sweeps) != 1 || sweeps[0] != 10*time.Second {
		t.Fatalf("sweeps scheduled %v, want one in 10s", sweeps)
	}
	sweep() // 11 s after a's first command: b's (at 2 s) and a's last (at 11 s) remain
	if n := c.users(); n != 2 || sweeps[1] != time.Second {
		t.Errorf("after the first sweep: %d users, next sweep in %v; want 2 users and 1s (when b's window ends)", n, sweeps[1])
	}
	now = now.Add(time.Second)
	sweep()
	if n := c.users(); n != 1 {
		t.Errorf("after b's window: %d users, want 1", n)
	}
	now = now.Add(10 * time.Second)
	sweep()
	if n := c.users(); n != 0 || len(sweeps) != 3 {
		t.Errorf("after every window: %d users, %d sweeps scheduled; want none held and no more sweeps", n, len(sweeps))
	}
	c.take("c")
	if len(sweeps) != 4 {
		t.Errorf("a new user after the map emptied scheduled %d sweeps in all, want 4", len(sweeps))
	}
}
