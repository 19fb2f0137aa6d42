package commands

import (
	"fmt"
	"strings"
)

// A user-installed okbot answering in a server it is not a member of has
// only the permissions @everyone has in that channel. Without Embed Links
// an embed does not show at all, and without Attach Files an attachment
// makes the whole answer fail. The adapters ask Plain and WithoutFiles for
// an answer such a channel can show.

var (
	msgNoFiles = msg{
		"📈 This channel doesn't let apps attach files, so the chart is left out. Use the same command in a DM with okbot to see it.",
		"📈 이 채널에서는 앱이 파일을 첨부할 수 없어서 차트를 뺐어요. okbot과의 DM에서 같은 명령어를 쓰면 차트를 볼 수 있어요.",
	}
	msgShortened = msg{
		"-# Shortened: this channel doesn't let apps show embeds, and a plain message holds 2,000 characters. The buttons lead to the other sections.",
		"-# 이 채널에서는 앱이 임베드를 보여 줄 수 없고 일반 메시지는 2,000자까지라서 줄였어요. 다른 내용은 버튼으로 볼 수 있어요.",
	}
	msgShortenedNoButtons = msg{
		"-# Shortened: this channel doesn't let apps show embeds, and a plain message holds 2,000 characters.",
		"-# 이 채널에서는 앱이 임베드를 보여 줄 수 없고 일반 메시지는 2,000자까지라서 줄였어요.",
	}
)

// attachmentScheme starts an embed image that is one of the message's
// files.
const attachmentScheme = "attachment://"

// WithoutFiles is r for a channel where okbot may not attach files: the
// files and the embed images showing them are left out, and the embed
// that showed one says where to see it.
func WithoutFiles(r Response, locale string) Response {
	if len(r.Files) == 0 {
		return r
	}
	l := langOf(locale)
	r.Files = nil
	embeds := make([]Embed, len(r.Embeds))
	for i, e := range r.Embeds {
		if strings.HasPrefix(e.Image, attachmentScheme) {
			e.Image = ""
			e.Description = strings.TrimSpace(e.Description + "\n\n" + msgNoFiles.in(l))
		}
		embeds[i] = e
	}
	r.Embeds = embeds
	return r
}

// Plain is r for a channel where okbot may not show embeds: the same
// facts as the message's content, in Discord's markdown (titles and field
// names bold, sources as links, the footer as small text), within
// maxContent characters. What does not fit is left out whole, section by
// section, and the message says so; its buttons, kept as they are, lead to
// the other sections and pages (a click is answered plain in turn). The
// embeds' texts are joined in order; a first section that must be cut is
// cut with cut, which never splits a spoiler span.
func Plain(r Response, locale string) Response {
	if len(r.Embeds) == 0 {
		return r
	}
	l := langOf(locale)
	var blocks []string
	if r.Content != "" {
		blocks = append(blocks, r.Content)
	}
	// The Sources fields and the footer end the message whatever is left
	// out, so that it always names and links what it cites.
	var sources, footers []string
	for _, e := range r.Embeds {
		if title := strings.TrimSpace(e.Title); title != "" {
			if e.URL != "" {
				title = link(title, e.URL)
			}
			blocks = append(blocks, "**"+title+"**")
		}
		if d := strings.TrimSpace(e.Description); d != "" {
			blocks = append(blocks, d)
		}
		for _, f := range e.Fields {
			b := "**" + strings.TrimSpace(f.Name) + "**\n" + strings.TrimSpace(f.Value)
			if strings.HasPrefix(f.Name, msgSources.in(l)) {
				sources = append(sources, b)
				continue
			}
			blocks = append(blocks, b)
		}
		if e.Footer != "" {
			footers = append(footers, "-# "+strings.ReplaceAll(strings.TrimSpace(e.Footer), "\n", " "))
		}
	}
	// Footers and cited sources fill at most half of the message; the
	// sources give way, line by line, to the footers.
	footer := cut(strings.Join(footers, "\n"), maxContent/4)
	room := maxContent/2 - length(footer)
	for i, b := range sources {
		head, links, _ := strings.Cut(b, "\n")
		sources[i] = head + "\n" + refitLinks(l, strings.Split(links, "\n"), max(room-length(head)-1, 0))
		room -= length(sources[i]) + 2
	}
	tail := strings.TrimSpace(strings.Join(sources, "\n\n") + "\n" + footer)
	r.Content = fitBlocks(blocks, tail, l, len(r.Rows) > 0)
	r.Embeds = nil
	return r
}

// fitBlocks joins blocks, then tail, with blank lines, in at most
// maxContent characters. Blocks that do not fit are left out from the
// first one that does not, and a note says the answer was shortened; the
// first block is cut rather than left out, so the answer never comes out
// empty.
func fitBlocks(blocks []string, tail string, l lang, buttons bool) string {
	join := func(parts []string) string {
		var kept []string
		for _, p := range parts {
			if p != "" {
				kept = append(kept, p)
			}
		}
		return strings.Join(kept, "\n\n")
	}
	if whole := join(append(append([]string{}, blocks...), tail)); length(whole) <= maxContent {
		return whole
	}
	note := msgShortenedNoButtons.in(l)
	if buttons {
		note = msgShortened.in(l)
	}
	end := tail + "\n" + note
	if tail == "" {
		end = note
	}
	room := maxContent - length(end) - 2 // the blank line before end
	var kept []string
	used := 0
	for i, b := range blocks {
		need := length(b)
		if i > 0 {
			need += 2
		}
		if used+need > room {
			if i == 0 {
				kept = append(kept, cut(b, room))
			}
			break
		}
		kept = append(kept, b)
		used += need
	}
	return join(append(kept, end))
}

// refitLinks is fitLines for the lines of a Sources field that may already
// end with its own "+N more pages": the count then includes those pages.
func refitLinks(l lang, lines []string, limit int) string {
	more := 0
	if k := len(lines) - 1; k >= 0 {
		for _, m := range []msg{msgMorePage, msgMorePages} {
			var n int
			if _, err := fmt.Sscanf(lines[k], m.in(l), &n); err == nil {
				more, lines = n, lines[:k]
				break
			}
		}
	}
	if more == 0 {
		return fitLines(l, lines, limit)
	}
	note := func(n int) string { return plural(n, msgMorePage, msgMorePages).f(l, n) }
	for k := len(lines); k >= 0; k-- {
		v := strings.Join(append(append([]string{}, lines[:k]...), note(more+len(lines)-k)), "\n")
		if length(v) <= limit {
			return v
		}
	}
	return ""
}
