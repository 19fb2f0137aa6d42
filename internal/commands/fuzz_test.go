package commands

import (
	"reflect"
	"testing"
)

// FuzzHandle feeds Handle arbitrary requests: it must never panic, and every
// response must be complete and within Discord's limits, and the same each
// time.
func FuzzHandle(f *testing.F) {
	seeds := []struct {
		kind                          int
		cmd, opt, value               string
		focused                       bool
		customID, user, owner, locale string
	}{
		{1, "cast", "name", "Kim Soo-hyun", false, "", "1", "", "en-US"},
		{1, "cast", "name", "도희재", false, "", "1", "", "ko"},
		{1, "cast", "name", "", false, "", "1", "", ""},
		{1, "ratings", "episode", "16", false, "", "1", "", "ko"},
		{1, "ratings", "episode", "-3", false, "", "1", "", "ja"},
		{1, "season2", "", "", false, "", "1", "", ""},
		{1, "about", "", "", false, "", "1", "", "ko"},
		{1, "help", "", "", false, "", "1", "", ""},
		{2, "cast", "name", "ju", true, "", "1", "", ""},
		{2, "cast", "name", "ㄱ", true, "", "1", "", "ko"},
		{2, "ratings", "episode", "", true, "", "1", "", ""},
		{3, "", "", "", false, "v1:cast:ko:p:3", "1", "1", "ko"},
		{3, "", "", "", false, "v1:s2:en:against", "1", "2", ""},
		{3, "", "", "", false, "v1:about:en:awards", "1", "", ""},
		{3, "", "", "", false, "v1:cast:en:p:999", "1", "1", ""},
		{3, "", "", "", false, "v9:::::", "", "", ""},
		{0, "", "", "", false, "", "", "", ""},
	}
	for _, s := range seeds {
		f.Add(s.kind, s.cmd, s.opt, s.value, s.focused, s.customID, s.user, s.owner, s.locale)
	}
	r := testRegistry(f)
	f.Fuzz(func(t *testing.T, kind int, cmd, opt, value string, focused bool, customID, user, owner, locale string) {
		req := Request{Kind: Kind(kind), Command: cmd, CustomID: customID, UserID: user, OwnerID: owner, Locale: locale}
		if opt != "" || value != "" {
			req.Options = []Option{{Name: opt, Value: value, Focused: focused}}
		}
		resp := r.Handle(req)
		if err := Check(resp); err != nil {
			t.Fatalf("Handle(%+v) breaks Discord's limits: %v", req, err)
		}
		if resp.Kind != Choices && len(resp.Embeds) == 0 {
			t.Fatalf("Handle(%+v) = %+v, want an embed", req, resp)
		}
		if again := r.Handle(req); !reflect.DeepEqual(again, resp) {
			t.Fatalf("Handle(%+v) differs between two calls", req)
		}
	})
}
