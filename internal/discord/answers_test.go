package discord

import (
	"io"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/okbot/okbot/internal/commands"
)

// says answers every request with its own text.
type says string

func (s says) Handle(commands.Request) commands.Response {
	return commands.Response{Kind: commands.Message, Content: string(s)}
}

// A swap clears the endpoint's cache with it: the answer cached from the
// old Responder is never sent again.
func TestAnswersSwapClearsTheCache(t *testing.T) {
	answers := NewAnswers(says("old facts"))
	e := newEndpoint(t, answers, nil)
	ask := func() string {
		t.Helper()
		w := httptest.NewRecorder()
		e.ServeHTTP(w, signedRequest(slash("season2")))
		body, _ := io.ReadAll(w.Result().Body)
		return string(body)
	}
	for range 2 { // the second is served from the cache
		if got := ask(); !strings.Contains(got, "old facts") {
			t.Fatalf("before the swap: %s", got)
		}
	}
	answers.Swap(says("new facts"))
	if got := ask(); !strings.Contains(got, "new facts") {
		t.Errorf("after the swap: %s, want the new Responder's answer", got)
	}
}

// The log line and the Observer name only commands okbot has.
func TestCommandOf(t *testing.T) {
	reg := registry(t)
	answers := NewAnswers(reg)
	for _, tc := range []struct {
		r    Responder
		req  commands.Request
		want string
	}{
		{reg, commands.Request{Kind: commands.Command, Command: "cast"}, "cast"},
		{answers, commands.Request{Kind: commands.Component, CustomID: "v1:cast:en:p:2"}, "cast"},
		{answers, commands.Request{Kind: commands.Command, Command: "1300000000000000000 typed"}, "other"},
		{says("x"), commands.Request{Kind: commands.Command, Command: "cast"}, "other"},
	} {
		if got := commandOf(tc.r, tc.req); got != tc.want {
			t.Errorf("commandOf(%T, %+v) = %q, want %q", tc.r, tc.req, got, tc.want)
		}
	}
}
