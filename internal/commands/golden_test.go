package commands

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// goldenCases are one request for every command, option variant, button
// and error, each answered in English and in Korean.
var goldenCases = []struct {
	name string
	req  Request
}{
	{"season2", slash("season2")},
	{"season2-record", click("v1:s2:%s:record")},
	{"season2-context", click("v1:s2:%s:context")},
	{"season2-hope", click("v1:s2:%s:hope")},
	{"season2-against", click("v1:s2:%s:against")},
	{"season2-sources", click("v1:s2:%s:sources")},
	{"cast", slash("cast")},
	{"cast-page2", click("v1:cast:%s:p:2")},
	{"cast-page4", click("v1:cast:%s:p:4")},
	{"cast-id", slash("cast", opt("name", "kim-soo-hyun"))},
	{"cast-alias", slash("cast", opt("name", "Ko Mun-yeong"))},
	{"cast-hangul-shared", slash("cast", opt("name", "도희재"))},
	{"cast-head-nurse", slash("cast", opt("name", "jang-young-nam"))},
	{"cast-complete-twist", complete("name", "Do Hee")},
	{"cast-discrepancy", slash("cast", opt("name", "oh-jung-se"))},
	{"cast-cameo", slash("cast", opt("name", "Choi Daniel"))},
	{"cast-child", slash("cast", opt("name", "Moon Woo-jin"))},
	{"cast-complete-child", complete("name", "Gang-tae")},
	{"cast-ambiguous", slash("cast", opt("name", "Kim"))},
	{"cast-unknown", slash("cast", opt("name", "Gong Yoo"))},
	{"cast-complete-empty", complete("name", "")},
	{"cast-complete-ju", complete("name", "ju")},
	{"cast-complete-hangul", complete("name", "김")},
	{"ratings", slash("ratings")},
	{"ratings-notes", click("v1:rt:%s:notes")},
	{"ratings-episode1", slash("ratings", opt("episode", "1"))},
	{"ratings-episode6", slash("ratings", opt("episode", "6"))},
	{"ratings-episode7", slash("ratings", opt("episode", "7"))},
	{"ratings-episode11", slash("ratings", opt("episode", "11"))},
	{"ratings-episode12", slash("ratings", opt("episode", "12"))},
	{"ratings-episode16", slash("ratings", opt("episode", "16"))},
	{"ratings-episode99", slash("ratings", opt("episode", "99"))},
	{"about", slash("about")},
	{"about-making", click("v1:about:%s:making")},
	{"about-music", click("v1:about:%s:music")},
	{"about-filming", click("v1:about:%s:filming")},
	{"about-tales", click("v1:about:%s:tales")},
	{"about-awards", click("v1:about:%s:awards")},
	{"about-watch", click("v1:about:%s:watch")},
	{"help", slash("help")},
	{"unknown-command", slash("season3")},
	{"stale-button", click("v1:cast:%s:p:42")},
	{"not-owner", Request{Kind: Component, CustomID: "v1:cast:%s:p:2", UserID: testUser, OwnerID: testOwner}},
	// /ask answers in the question's language: a question in English
	// gets English in the .ko file too.
	{"ask-brother", slash("ask", opt("question", "who plays the older brother?"))},
	{"ask-season2-ko", slash("ask", opt("question", "시즌2 나와요?"))},
	{"ask-season2-date", slash("ask", opt("question", "When is season two coming out"))},
	{"ask-emmy", slash("ask", opt("question", "Did it win an Emmy?"))},
	{"ask-emmy-ko", slash("ask", opt("question", "에미상 받았어?"))},
	{"ask-finale-ko", slash("ask", opt("question", "마지막회 시청률 몇이었어?"))},
	{"ask-lowest", slash("ask", opt("question", "what was the lowest rated episode?"))},
	{"ask-mother", slash("ask", opt("question", "who plays Moon-young's mom"))},
	{"ask-head-nurse-ko", slash("ask", opt("question", "수간호사 누구야?"))},
	{"ask-seoul", slash("ask", opt("question", "what was the Seoul rating"))},
	{"ask-writer-ko", slash("ask", opt("question", "작가가 누구예요?"))},
	{"ask-watch", slash("ask", opt("question", "where can I stream it"))},
	{"ask-unknown", slash("ask", opt("question", "is kim soo-hyun dating anyone"))},
	{"ask-unknown-ko", slash("ask", opt("question", "김수현 나이 몇 살이야?"))},
	{"ask-ost", slash("ask", opt("question", "who sang the ost"))},
	{"ask-ost-song-ko", slash("ask", opt("question", "아직 너의 시간에 살아 누가 불렀어?"))},
	{"ask-ost-unverified", slash("ask", opt("question", "when did ost part 7 come out"))},
	{"ask-tales", slash("ask", opt("question", "what fairy tales are in the show"))},
	{"ask-tale-ko", slash("ask", opt("question", "좀비 아이 몇 화야?"))},
	{"ask-child", slash("ask", opt("question", "who played young Gang-tae"))},
	{"ask-child-ko", slash("ask", opt("question", "어린 문강태 누구야"))},
	{"ask-remake", slash("ask", opt("question", "is the philippine remake season 2"))},
	{"ask-remake-ko", slash("ask", opt("question", "필리핀 리메이크"))},
	{"ask-card", click("v1:ask:%s:ohjungse")},
	{"ask-episode", click("v1:ask:%s:ep16")},
	{"ask-stale", click("v1:ask:%s:ep99")},
}

// TestGolden compares every golden case with testdata/NAME.LANG.json,
// semantically (as JSON values, not bytes). go test -update rewrites them.
func TestGolden(t *testing.T) {
	r := testRegistry(t)
	for _, gc := range goldenCases {
		for _, l := range langs {
			req := gc.req
			req.Locale = map[lang]string{english: "en-US", korean: "ko"}[l]
			req.CustomID = strings.Replace(req.CustomID, "%s", l.code(), 1)
			name := gc.name + "." + l.code()
			t.Run(name, func(t *testing.T) {
				got := goldenJSON(t, req, handle(t, r, req))
				path := filepath.Join("testdata", name+".json")
				if *update {
					if err := os.MkdirAll("testdata", 0o755); err != nil {
						t.Fatal(err)
					}
					if err := os.WriteFile(path, got, 0o644); err != nil {
						t.Fatal(err)
					}
					return
				}
				want, err := os.ReadFile(path)
				if err != nil {
					t.Fatalf("%v (run go test ./internal/commands -update to create it)", err)
				}
				var g, w any
				if err := json.Unmarshal(got, &g); err != nil {
					t.Fatal(err)
				}
				if err := json.Unmarshal(want, &w); err != nil {
					t.Fatalf("%s: %v", path, err)
				}
				if !reflect.DeepEqual(g, w) {
					t.Errorf("Handle(%+v) = %s\nwant %s (%s)\n%s", req, got, want, path, firstDifference(got, want))
				}
			})
		}
	}
}

// goldenJSON is a response as readable JSON: the request it answers, and
// files as name, type and size rather than bytes.
func goldenJSON(t *testing.T, req Request, resp Response) []byte {
	t.Helper()
	type file struct {
		Name        string `json:"name"`
		ContentType string `json:"content_type"`
		Size        int    `json:"size"`
	}
	type field struct {
		Name   string `json:"name"`
		Value  string `json:"value"`
		Inline bool   `json:"inline,omitempty"`
	}
	type embed struct {
		Title       string  `json:"title,omitempty"`
		Description string  `json:"description,omitempty"`
		URL         string  `json:"url,omitempty"`
		Color       string  `json:"color"`
		Fields      []field `json:"fields,omitempty"`
		Image       string  `json:"image,omitempty"`
		Footer      string  `json:"footer,omitempty"`
	}
	type button struct {
		Label    string `json:"label"`
		Style    int    `json:"style"`
		CustomID string `json:"custom_id,omitempty"`
		URL      string `json:"url,omitempty"`
		Disabled bool   `json:"disabled,omitempty"`
	}
	out := struct {
		Request   Request    `json:"request"`
		Kind      string     `json:"kind"`
		Ephemeral bool       `json:"ephemeral,omitempty"`
		Content   string     `json:"content,omitempty"`
		Embeds    []embed    `json:"embeds,omitempty"`
		Rows      [][]button `json:"rows,omitempty"`
		Choices   []Choice   `json:"choices,omitempty"`
		Files     []file     `json:"files,omitempty"`
	}{Request: req, Kind: map[ResponseKind]string{Message: "message", Update: "update", Choices: "choices"}[resp.Kind]}
	out.Ephemeral, out.Content, out.Choices = resp.Ephemeral, resp.Content, resp.Choices
	for _, e := range resp.Embeds {
		ge := embed{Title: e.Title, Description: e.Description, URL: e.URL, Color: fmt.Sprintf("#%06X", e.Color), Image: e.Image, Footer: e.Footer}
		for _, f := range e.Fields {
			ge.Fields = append(ge.Fields, field(f))
		}
		out.Embeds = append(out.Embeds, ge)
	}
	for _, row := range resp.Rows {
		var gr []button
		for _, b := range row {
			gr = append(gr, button{b.Label, int(b.Style), b.CustomID, b.URL, b.Disabled})
		}
		out.Rows = append(out.Rows, gr)
	}
	for _, f := range resp.Files {
		out.Files = append(out.Files, file{f.Name, f.ContentType, len(f.Data)})
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(out); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// firstDifference points at the first line where got and want differ.
func firstDifference(got, want []byte) string {
	g, w := strings.Split(string(got), "\n"), strings.Split(string(want), "\n")
	for i := range max(len(g), len(w)) {
		var gl, wl string
		if i < len(g) {
			gl = g[i]
		}
		if i < len(w) {
			wl = w[i]
		}
		if gl != wl {
			return fmt.Sprintf("first difference, line %d:\n got: %s\nwant: %s", i+1, gl, wl)
		}
	}
	return "(same text, different JSON values)"
}
