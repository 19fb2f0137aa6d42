package facts

import "testing"

func TestSpoilers(t *testing.T) {
	tests := []struct {
		in             string
		spans          int
		closed         bool
		stripped, bare string
	}{
		{"", 0, true, "", ""},
		{"no reveal", 0, true, "no reveal", "no reveal"},
		{"a ||b|| c", 1, true, "a b c", "a  c"},
		{"||b||||d||", 2, true, "bd", ""},
		{"a ||b", 0, false, "a b", "a ||b"},
		{"a ||b|| c ||d", 1, false, "a b c d", "a  c ||d"},
		{"간호사. ||도희재||", 1, true, "간호사. 도희재", "간호사. "},
	}
	for _, tt := range tests {
		if spans, closed := Spoilers(tt.in); spans != tt.spans || closed != tt.closed {
			t.Errorf("Spoilers(%q) = %d, %v, want %d, %v", tt.in, spans, closed, tt.spans, tt.closed)
		}
		if got := StripSpoilers(tt.in); got != tt.stripped {
			t.Errorf("StripSpoilers(%q) = %q, want %q", tt.in, got, tt.stripped)
		}
		if got := WithoutSpoilers(tt.in); got != tt.bare {
			t.Errorf("WithoutSpoilers(%q) = %q, want %q", tt.in, got, tt.bare)
		}
	}
	if got := Spoiler("x"); got != "||x||" {
		t.Errorf("Spoiler(%q) = %q, want %q", "x", got, "||x||")
	}
}
