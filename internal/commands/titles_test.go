package commands

import (
	"strconv"
	"strings"
	"testing"
)

// verifiedTitles are the episode titles the fact sheet (§6.4) verifies,
// English and, where the sheet has it, Korean. Episode 13's rests on a
// single source and says so.
var verifiedTitles = map[int][2]string{
	1:  {"The Boy Who Fed on Nightmares", "악몽을 먹고 자란 소년"},
	2:  {"The Lady in Red Shoes", "The Lady in Red Shoes"},
	3:  {"Sleeping Witch", "Sleeping Witch"},
	4:  {"Zombie Kid", "좀비 아이"},
	9:  {"King Donkey Ears", "King Donkey Ears"},
	10: {"The Girl Who Cried Wolf", "The Girl Who Cried Wolf"},
	12: {"Romeo and Juliet", "Romeo and Juliet"},
	13: {"The Father of the Two Sisters", "The Father of the Two Sisters"},
	14: {"The Hand, The Monkfish", "손, 아귀"},
	16: {"Finding the Real Face", "진짜 진짜 얼굴을 찾아서"},
}

// TestEpisodeTitles: every verified title is in the overview's table, in
// the list of the notes behind its button and in its episode's reply, in
// both languages; episode 13's carries its single-source note; the episodes without one say so, and no title the
// sheet leaves unverified is stated.
func TestEpisodeTitles(t *testing.T) {
	r := testRegistry(t)
	unverified := []string{"The Ugly Duckling", "The Dog of Spring", "봄날의 개"}
	for _, c := range []struct {
		locale, line, single, none string
		ko                         int
	}{
		{"", "Ep %d · %s", "From a single source", "No verified title for episodes 5, 6, 7, 8, 11, 15.", 0},
		{"ko", "%d회 · %s", "출처가 리뷰 블로그 한 곳", "5, 6, 7, 8, 11, 15회는 확인된 제목이 없어요.", 1},
	} {
		overview := text(handle(t, r, inLocale(slash("ratings"), c.locale)))
		notes := text(handle(t, r, inLocale(click("v1:rt:"+langOf(c.locale).code()+":notes"), c.locale)))
		if !strings.Contains(notes, c.none) {
			t.Errorf("/ratings notes (locale %q) lack %q", c.locale, c.none)
		}
		if !strings.Contains(notes, c.single) {
			t.Errorf("/ratings notes (locale %q) do not say episode 13's title rests on a single source (%q)", c.locale, c.single)
		}
		for ep := 1; ep <= 16; ep++ {
			reply := handle(t, r, inLocale(slash("ratings", opt("episode", strconv.Itoa(ep))), c.locale))
			all := text(reply)
			title, ok := verifiedTitles[ep]
			if !ok {
				if !strings.Contains(all, msgNoVerifiedTitle.in(langOf(c.locale))) {
					t.Errorf("/ratings episode %d (locale %q) does not say it has no verified title", ep, c.locale)
				}
				for _, u := range unverified {
					if strings.Contains(all, u) {
						t.Errorf("/ratings episode %d (locale %q) states the unverified title %q", ep, c.locale, u)
					}
				}
				continue
			}
			name := title[c.ko]
			if line := strings.Replace(c.line, "%d", strconv.Itoa(ep), 1); !strings.Contains(notes, strings.Replace(line, "%s", name, 1)) {
				t.Errorf("/ratings notes (locale %q) do not list episode %d as %q", c.locale, ep, name)
			}
			if !strings.Contains(overview, "\n    "+name) {
				t.Errorf("/ratings (locale %q) has no %q under episode %d in its table", c.locale, name, ep)
			}
			if !strings.HasSuffix(reply.Embeds[0].Title, ": "+name) {
				t.Errorf("/ratings episode %d (locale %q) is titled %q, want it to end %q", ep, c.locale, reply.Embeds[0].Title, name)
			}
			if strings.Contains(all, msgNoVerifiedTitle.in(langOf(c.locale))) {
				t.Errorf("/ratings episode %d (locale %q) says it has no verified title", ep, c.locale)
			}
			if ep == 13 && !strings.Contains(all, c.single) {
				t.Errorf("/ratings episode 13 (locale %q) does not say its title rests on a single source (%q)", c.locale, c.single)
			}
		}
		for _, u := range unverified {
			if strings.Contains(overview+notes, u) {
				t.Errorf("/ratings (locale %q) states the unverified title %q", c.locale, u)
			}
		}
	}
}
