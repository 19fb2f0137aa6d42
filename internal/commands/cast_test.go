package commands

import (
	"strings"
	"testing"

	"github.com/okbot/okbot/internal/facts"
)

// TestCastWholeNames: a given name or nickname only one character has
// opens the card, in either script and either language; Do Hee-jae's
// given name opens the character view, as her full name does.
func TestCastWholeNames(t *testing.T) {
	r := testRegistry(t)
	tests := []struct {
		queries     []string
		titleEN, ko string
	}{
		{[]string{"Gang-tae", "Kang-tae", "강태"}, "Kim Soo-hyun (김수현)", "김수현 (Kim Soo-hyun)"},
		{[]string{"Moon-young", "Mun-yeong", "문영"}, "Seo Yea-ji (서예지)", "서예지 (Seo Yea-ji)"},
		{[]string{"Gandhi", "간디"}, "Kim Ki-cheon (김기천)", "김기천 (Kim Ki-cheon)"},
		{[]string{"Hee-jae", "희재"}, "Do Hee-jae (도희재)", "도희재 (Do Hee-jae)"},
	}
	for _, tt := range tests {
		for _, q := range tt.queries {
			for _, c := range []struct{ locale, title string }{{"", tt.titleEN}, {"ko", tt.ko}} {
				req := inLocale(slash("cast", opt("name", q)), c.locale)
				resp := handle(t, r, req)
				if resp.Ephemeral || len(resp.Embeds) == 0 || resp.Embeds[0].Title != c.title {
					t.Errorf("Handle(/cast %q, locale %q) = %q, want the card titled %q", q, c.locale, text(resp), c.title)
				}
			}
		}
	}
}

// TestCastSharedGivenName: a given name two characters share lists both
// instead of opening either.
func TestCastSharedGivenName(t *testing.T) {
	fsys := shippedFS(t)
	editJSON(t, fsys, "cast.json", func(doc map[string]any) {
		for _, p := range doc["people"].([]any) {
			if p := p.(map[string]any); p["id"] == "oh-jung-se" {
				p["characters"] = append(p["characters"].([]any), map[string]any{"name": map[string]any{"en": "Park Gang-tae", "ko": "박강태"}})
			}
		}
	})
	store, err := facts.Load(fsys)
	if err != nil {
		t.Fatalf("facts.Load(shipped facts with Park Gang-tae) = %v", err)
	}
	r, err := New(store)
	if err != nil {
		t.Fatalf("New(shipped facts with Park Gang-tae) = %v", err)
	}
	for _, q := range []string{"Gang-tae", "강태"} {
		for _, c := range []struct {
			locale string
			want   []string
		}{
			{"", []string{"Kim Soo-hyun — Moon Gang-tae", "Oh Jung-se — Moon Sang-tae / Park Gang-tae"}},
			{"ko", []string{"김수현 (Kim Soo-hyun) — 문강태", "오정세 (Oh Jung-se) — 문상태 / 박강태"}},
		} {
			resp := handle(t, r, inLocale(slash("cast", opt("name", q)), c.locale))
			got := text(resp)
			if !resp.Ephemeral {
				t.Errorf("Handle(/cast %q, locale %q) = %q, want the choices, not a card", q, c.locale, got)
			}
			for _, w := range c.want {
				if !strings.Contains(got, "• "+w) {
					t.Errorf("Handle(/cast %q, locale %q) = %q, want it to list %q", q, c.locale, got, w)
				}
			}
		}
	}
}

// TestCastCardSpellings: a card lists other romanizations of a character's
// name, not nicknames, which find the card but are not spellings of it.
func TestCastCardSpellings(t *testing.T) {
	r := testRegistry(t)
	tests := []struct {
		id, locale    string
		want, notWant string
	}{
		{"kim-soo-hyun", "", "also Moon Kang-tae", ""},
		{"kim-soo-hyun", "ko", "다른 표기: Moon Kang-tae", ""},
		{"kim-ki-cheon", "", "nicknamed \"Gandhi\"", "also Gandhi"},
		{"kim-ki-cheon", "ko", "별명은 '간디'", "다른 표기"},
	}
	for _, tt := range tests {
		got := text(handle(t, r, inLocale(slash("cast", opt("name", tt.id)), tt.locale)))
		if !strings.Contains(got, tt.want) || tt.notWant != "" && strings.Contains(got, tt.notWant) {
			t.Errorf("Handle(/cast %s, locale %q) = %q, want %q and not %q", tt.id, tt.locale, got, tt.want, tt.notWant)
		}
	}
}

// TestCastCardAwards: a cast card lists the person's awards from
// awards.json, wins and nominations apart, and what is not verified apart
// from both and marked so; someone with none gets no awards fields.
func TestCastCardAwards(t *testing.T) {
	r := testRegistry(t)
	type want struct{ field, has string }
	for _, c := range []struct {
		locale, name string
		want         []want
		not          []want
	}{
		{"", "Seo Yea-ji", []want{
			{"🏆 Awards won", "AAA Best Artist (Actor)"},
			{"🏆 Awards won", "Hot Issue Award (Actor): Kim Soo-hyun and Seo Yea-ji"},
			{"Award nominations", "Best Actress (TV)"},
			{"Awards reported, not verified", "⚠️ Could not be verified: **2020 APAN Star Awards, popularity awards (fan vote)**"},
		}, []want{{"🏆 Awards won", "Best Actress (TV)"}, {"🏆 Awards won", "Most Popular Actress"}}},
		{"ko", "Seo Yea-ji", []want{
			{"🏆 수상", "베스트 아티스트상(배우)"},
			{"후보 지명", "TV 부문 여자 최우수 연기상"},
			{"보도되었지만 확인되지 않은 수상·후보", "⚠️ 확인되지 않은 정보"},
		}, []want{{"🏆 수상", "최우수 연기상"}}},
		{"", "Oh Jung-se", []want{
			{"🏆 Awards won", "57th Baeksang Arts Awards** (13 May 2021) — Best Supporting Actor (TV)"},
			{"Awards reported, not verified", "Best Supporting Actor (joint with Kim Young-min)"},
		}, nil},
		{"", "Jang Young-nam", []want{{"Award nominations", "Best Supporting Actress (TV)"}}, nil},
		{"", "Park Gyu-young", nil, []want{{"🏆 Awards won", ""}, {"Award nominations", ""}, {"Awards reported, not verified", ""}}},
	} {
		resp := handle(t, r, inLocale(slash("cast", opt("name", c.name)), c.locale))
		has := func(w want) bool {
			for _, f := range resp.Embeds[0].Fields {
				if f.Name == w.field && strings.Contains(f.Value, w.has) {
					return true
				}
			}
			return false
		}
		for _, w := range c.want {
			if !has(w) {
				t.Errorf("/cast %s (locale %q): no field %q with %q:\n%s", c.name, c.locale, w.field, w.has, text(resp))
			}
		}
		for _, w := range c.not {
			if has(w) {
				t.Errorf("/cast %s (locale %q): field %q has %q", c.name, c.locale, w.field, w.has)
			}
		}
	}
}

// TestCastChildActors: a character played by a child actor and an adult
// opens the adult's card, which lists the younger self with its lower
// confidence; the child actor's own name opens theirs. Do Hee-jae, whom
// two adults play, still opens the character view.
func TestCastChildActors(t *testing.T) {
	r := testRegistry(t)
	tests := []struct {
		query, locale, title string
		want                 []string
	}{
		{"Moon Gang-tae", "", "Kim Soo-hyun (김수현)", []string{"As a child, played by", "Moon Woo-jin · ⚠️ Not verified (lower confidence"}},
		{"문강태", "ko", "김수현 (Kim Soo-hyun)", []string{"아역", "Moon Woo-jin · ⚠️ 확인되지 않음(신뢰도 낮음"}},
		{"Moon-young", "", "Seo Yea-ji (서예지)", []string{"Kim Soo-in · ⚠️ Not verified"}},
		{"Sang-tae", "ko", "오정세 (Oh Jung-se)", []string{"Lee Kyu-sung · ⚠️ 확인되지 않음"}},
		{"Moon Woo-jin", "", "Moon Woo-jin", []string{"Child actor", "Moon Gang-tae", "⚠️ Not verified"}},
		{"Lee Kyu-sung", "ko", "Lee Kyu-sung", []string{"아역", "문상태"}},
		{"Do Hee-jae", "", "Do Hee-jae (도희재)", []string{"Woo Jung-won"}},
	}
	for _, tt := range tests {
		req := inLocale(slash("cast", opt("name", tt.query)), tt.locale)
		resp := handle(t, r, req)
		if resp.Ephemeral || len(resp.Embeds) == 0 || resp.Embeds[0].Title != tt.title {
			t.Errorf("Handle(/cast %q, locale %q) = %q, want the card titled %q", tt.query, tt.locale, text(resp), tt.title)
			continue
		}
		for _, w := range tt.want {
			if got := text(resp); !strings.Contains(got, w) {
				t.Errorf("Handle(/cast %q, locale %q) = %q, want it to contain %q", tt.query, tt.locale, got, w)
			}
		}
	}
	// Only the adult's card lists a younger self.
	if got := text(handle(t, r, slash("cast", opt("name", "Park Gyu-young")))); strings.Contains(got, "As a child") {
		t.Errorf("/cast Park Gyu-young = %q, want no younger self", got)
	}
}

// TestCastCompleteChildActors: typing a character's name suggests the
// adult, not the child actor; typing the child actor's name suggests
// them, labelled as the character's younger self.
func TestCastCompleteChildActors(t *testing.T) {
	r := testRegistry(t)
	for _, tt := range []struct {
		query, locale string
		first         Choice
		never         string
	}{
		{"Gang-tae", "", Choice{Name: "Kim Soo-hyun — Moon Gang-tae", Value: "kim-soo-hyun"}, "moon-woo-jin"},
		{"강태", "ko", Choice{Name: "김수현 (Kim Soo-hyun) — 문강태", Value: "kim-soo-hyun"}, "moon-woo-jin"},
		{"Ko Moon-young", "", Choice{Name: "Seo Yea-ji — Ko Moon-young", Value: "seo-yea-ji"}, "kim-soo-in"},
		{"Woo-jin", "", Choice{Name: "Moon Woo-jin — Moon Gang-tae as a child", Value: "moon-woo-jin"}, ""},
		{"Kyu-sung", "ko", Choice{Name: "Lee Kyu-sung — 어린 문상태", Value: "lee-kyu-sung"}, ""},
	} {
		resp := handle(t, r, inLocale(complete("name", tt.query), tt.locale))
		if len(resp.Choices) == 0 || resp.Choices[0] != tt.first {
			t.Errorf("complete %q (locale %q) = %+v, want %+v first", tt.query, tt.locale, resp.Choices, tt.first)
		}
		for _, c := range resp.Choices {
			if tt.never != "" && c.Value == tt.never {
				t.Errorf("complete %q (locale %q) = %+v, want no %s", tt.query, tt.locale, resp.Choices, tt.never)
			}
		}
	}
}
