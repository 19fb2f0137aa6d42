package commands

import "testing"

func TestVisibleLen(t *testing.T) {
	for _, tt := range []struct {
		name string
		resp Response
		want int
	}{
		{"content", Response{Content: "abc"}, 3},
		{"hangul counts one each", Response{Content: "괜찮아"}, 3},
		{"every embed part", Response{Embeds: []Embed{{Title: "t", Description: "dd", Footer: "fff", Fields: []Field{{Name: "n", Value: "vv"}}}}}, 9},
		{"a link counts as its text", Response{Content: "[Soompi](https://www.soompi.com/article/1419684wpp)"}, 6},
		{"spoiler markers count nothing", Response{Embeds: []Embed{{Description: "a ||b||"}}}, 3},
		{"buttons are not text", Response{Rows: [][]Button{{{Label: "Awards"}}}}, 0},
	} {
		if got := visibleLen(tt.resp); got != tt.want {
			t.Errorf("%s: visibleLen(%+v) = %d, want %d", tt.name, tt.resp, got, tt.want)
		}
	}
}
