package commands

import (
	"regexp"
	"strings"
	"testing"
)

// quoted finds quoted speech and titles, which keep the register they were
// said or published in: "곧 새 시즌이 시작됩니다" is a quote, not okbot.
var quoted = regexp.MustCompile(`"[^"\n]*"|“[^”\n]*”|'[^'\n]*'|‘[^’\n]*’`)

// linkAddress finds the address of a markdown link and bare addresses,
// whose digits are no date in running text.
var linkAddress = regexp.MustCompile(`\]\([^)\s]*\)|https?://\S+`)

// isoDateRE finds a date written YYYY-MM-DD or YYYY-MM.
var isoDateRE = regexp.MustCompile(`\b\d{4}-\d{2}(-\d{2})?\b`)

// formalEnding finds the first 합니다-style ending in s (합니다, 습니다,
// 됩니다, 입니다, 합니까 …: a syllable closed by ㅂ before 니다 or 니까),
// or "" if there is none.
func formalEnding(s string) string {
	rs := []rune(s)
	for i := 1; i+1 < len(rs); i++ {
		if rs[i] != '니' || rs[i+1] != '다' && rs[i+1] != '까' {
			continue
		}
		if p := rs[i-1]; p >= 0xAC00 && p <= 0xD7A3 && (p-0xAC00)%28 == 17 {
			return string(rs[i-1 : i+2])
		}
	}
	return ""
}

// unquoted is Korean running text with quotes and link targets removed.
func unquoted(s string) string {
	return quoted.ReplaceAllString(linkAddress.ReplaceAllString(s, "]"), "")
}

// TestKoreanRegister: a Korean reply speaks to the user in 해요체 and
// states facts in the plain written style, so no 합니다/습니다 ending
// appears outside a quote; and its running text writes dates the Korean
// way (2025년 11월 28일), never YYYY-MM-DD. It reads every Korean reply
// the crawl reaches, every golden case and the catalog.
func TestKoreanRegister(t *testing.T) {
	r := testRegistry(t)
	type reply struct {
		what, text string
	}
	var replies []reply
	for _, a := range crawl(t, r, testStore(t)) {
		if a.req.Locale == "ko" {
			replies = append(replies, reply{a.req.Command + " " + a.req.CustomID + " " + optionsOf(a.req), text(a.resp)})
		}
	}
	for _, gc := range goldenCases {
		req := inLang(gc.req, korean)
		replies = append(replies, reply{gc.name, text(handle(t, r, req))})
	}
	for _, e := range catalog(t) {
		replies = append(replies, reply{e.name, e.ko})
	}
	for _, rep := range replies {
		for line := range strings.SplitSeq(rep.text, "\n") {
			s := unquoted(line)
			if end := formalEnding(s); end != "" {
				t.Errorf("%s: %q ends a sentence in %q; use 해요체 for the user, -다 for facts", rep.what, line, end)
			}
			if d := isoDateRE.FindString(s); d != "" {
				t.Errorf("%s: %q writes %s; write dates in Korean, e.g. 2025년 11월 28일", rep.what, line, d)
			}
		}
	}
}

func optionsOf(req Request) string {
	var b strings.Builder
	for _, o := range req.Options {
		b.WriteString(o.Name + "=" + o.Value + " ")
	}
	return b.String()
}

// TestKoreanRegisterCatches: the checks above find what they look for.
func TestKoreanRegisterCatches(t *testing.T) {
	for _, s := range []string{"확정되지 않았습니다.", "번역한 것입니다", "확인합니다", "시작됩니까?"} {
		if formalEnding(unquoted(s)) == "" {
			t.Errorf("formalEnding(%q) found nothing", s)
		}
	}
	for _, s := range []string{"아직 확정되지 않았어요.", "보도했다.", `오정세가 "곧 새 시즌이 시작됩니다"라고 말했다`, "언니다운", "그런 회차는 없어요."} {
		if end := formalEnding(unquoted(s)); end != "" {
			t.Errorf("formalEnding(%q) = %q, want none", s, end)
		}
	}
	if isoDateRE.FindString(unquoted("날짜 표기 없음(2020-07)")) == "" {
		t.Error("isoDateRE missed 2020-07")
	}
	if d := isoDateRE.FindString(unquoted("[출처](https://example.com/2020-07-19/a) · 2020년 7월 19일")); d != "" {
		t.Errorf("isoDateRE found %q in a link's address", d)
	}
}
