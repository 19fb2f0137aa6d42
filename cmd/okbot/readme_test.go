package main

import (
	"os"
	"regexp"
	"strings"
	"testing"
)

// readmeExample is a README line introducing an example's output:
// "`okbot ask cast name="Nam Ju-ri"` (…):", followed by a fenced block.
var readmeExample = regexp.MustCompile("^`okbot (ask [^`]+)`")

// TestReadmeExamples: every `okbot ask …` output shown in the README is
// what okbot prints today. A line "…" in the README stands for any run of
// lines it leaves out. After a deliberate change, run the command and
// paste its output.
func TestReadmeExamples(t *testing.T) {
	b, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(b), "\n")
	found := 0
	for i := 0; i < len(lines); i++ {
		m := readmeExample.FindStringSubmatch(lines[i])
		if m == nil || i+2 >= len(lines) || lines[i+2] != "```" {
			continue
		}
		end := i + 3
		for end < len(lines) && lines[end] != "```" {
			end++
		}
		shown := lines[i+3 : end]
		args := shellWords(t, m[1])
		found++
		t.Run(m[1], func(t *testing.T) {
			out, errOut, code := okbot(t, nil, args...)
			if code != exitOK {
				t.Fatalf("okbot %s = exit %d, stderr %q", m[1], code, errOut)
			}
			got := strings.Split(strings.TrimRight(out, "\n"), "\n")
			if !elidedMatch(shown, got) {
				t.Errorf("README.md line %d: the example of `okbot %s` is not what it prints now; paste the new output:\n%s", i+1, m[1], out)
			}
		})
		i = end
	}
	if found < 3 {
		t.Errorf("found %d example outputs in README.md, want at least 3: is the pattern still \"`okbot ask …` (…):\" then a fenced block?", found)
	}
}

// elidedMatch reports whether want, where a line "…" stands for any run
// of lines, matches got.
func elidedMatch(want, got []string) bool {
	if len(want) == 0 {
		return len(got) == 0
	}
	if want[0] == "…" {
		for k := 0; k <= len(got); k++ {
			if elidedMatch(want[1:], got[k:]) {
				return true
			}
		}
		return false
	}
	return len(got) > 0 && want[0] == got[0] && elidedMatch(want[1:], got[1:])
}

// shellWords splits a README command line as a shell would, for the
// simple quoting the README uses: spaces separate words, and "…" keeps
// spaces inside a word.
func shellWords(t *testing.T, s string) []string {
	var words []string
	var cur strings.Builder
	quoted, inWord := false, false
	for _, r := range s {
		switch {
		case r == '"':
			quoted, inWord = !quoted, true
		case r == ' ' && !quoted:
			if inWord {
				words = append(words, cur.String())
				cur.Reset()
				inWord = false
			}
		default:
			cur.WriteRune(r)
			inWord = true
		}
	}
	if quoted {
		t.Fatalf("unbalanced quotes in README command %q", s)
	}
	if inWord {
		words = append(words, cur.String())
	}
	return words
}

func TestElidedMatch(t *testing.T) {
	for _, tt := range []struct {
		want, got []string
		ok        bool
	}{
		{[]string{"a", "b"}, []string{"a", "b"}, true},
		{[]string{"a", "…", "d"}, []string{"a", "b", "c", "d"}, true},
		{[]string{"a", "…"}, []string{"a"}, true},
		{[]string{"a", "…", "d"}, []string{"a", "b", "c"}, false},
		{[]string{"a", "x"}, []string{"a", "b"}, false},
		{[]string{"a"}, []string{"a", "b"}, false},
	} {
		if got := elidedMatch(tt.want, tt.got); got != tt.ok {
			t.Errorf("elidedMatch(%q, %q) = %v, want %v", tt.want, tt.got, got, tt.ok)
		}
	}
}
