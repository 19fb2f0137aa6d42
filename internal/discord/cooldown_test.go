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
	// Once the window has passed the user may go on, and users whose
	// window passed are forgotten.
	now = now.Add(9 * time.Second)
	if _, limited := c.limited(cmd("a")); limited {
		t.Error("a command after the window was limited")
	}
	now = now.Add(11 * time.Second)
	c.take("c")
	if n := c.users(); n != 1 {
		t.Errorf("%d users held after their windows passed, want 1 (the one just counted)", n)
	}
}
