package commands

import (
	"regexp"
	"strings"
	"testing"
)

// TestIsCommandName: isCommandName accepts exactly what Discord's pattern
// matches.
func TestIsCommandName(t *testing.T) {
	pattern := regexp.MustCompile(commandNamePattern)
	names := []string{"", "cast", "season2", "시청률", "회차", "a-b_c'd", "UPPER", "two words", "emoji😀", "नमस्ते", "สวัสดี",
		"٣", "x.y", "a/b", strings.Repeat("a", 32), strings.Repeat("a", 33), strings.Repeat("가", 32), strings.Repeat("가", 33),
		"bad\xffutf8", "\u0301", "tab\t", "ⅻ", "²"}
	for _, name := range names {
		if got, want := isCommandName(name), pattern.MatchString(name); got != want {
			t.Errorf("isCommandName(%q) = %v, the pattern says %v", name, got, want)
		}
	}
}

func FuzzIsCommandName(f *testing.F) {
	pattern := regexp.MustCompile(commandNamePattern)
	for _, s := range []string{"cast", "시청률", "a b", "नमस्ते"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, name string) {
		if got, want := isCommandName(name), pattern.MatchString(name); got != want {
			t.Errorf("isCommandName(%q) = %v, the pattern says %v", name, got, want)
		}
	})
}
