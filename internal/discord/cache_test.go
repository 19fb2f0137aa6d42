package discord

import (
	"strconv"
	"testing"
	"unicode"

	"github.com/bwmarrin/discordgo"
)

func TestCacheKeepsOwnersApart(t *testing.T) {
	e := newEndpoint(t, nil, nil)
	owner := mustReply(t, do(e, signedRequest(click("v1:cast:en:p:2", invoker))))
	stranger := mustReply(t, do(e, signedRequest(click("v1:cast:en:p:2", other))))
	again := mustReply(t, do(e, signedRequest(click("v1:cast:en:p:2", invoker))))
	if owner.callback != discordgo.InteractionResponseUpdateMessage || again.callback != owner.callback {
		t.Errorf("owner's clicks got callback types %d and %d, want %d", owner.callback, again.callback, discordgo.InteractionResponseUpdateMessage)
	}
	if stranger.callback != discordgo.InteractionResponseChannelMessageWithSource {
		t.Errorf("stranger's click got callback type %d, want %d", stranger.callback, discordgo.InteractionResponseChannelMessageWithSource)
	}
}

func TestCacheIsBounded(t *testing.T) {
	c := newResponseCache(3, 100)
	enc := func(n int) *encoded { return &encoded{body: make([]byte, n)} }
	for i := range 10 {
		c.put(strconv.Itoa(i), enc(10))
		if len(c.m) > 3 {
			t.Fatalf("after %d puts: %d entries, want at most 3", i+1, len(c.m))
		}
	}
	c.put("big", enc(95))
	if c.bytes > 100 {
		t.Errorf("%d bytes cached, want at most 100", c.bytes)
	}
	if c.get([]byte("big")) == nil {
		t.Error("entry just put is missing")
	}
	c.put("huge", enc(101))
	if c.get([]byte("huge")) != nil {
		t.Error("entry larger than the whole cache was kept")
	}
}

// TestCacheKeepsLocalesApart asks the same question in English and in
// Korean, in either order, of one endpoint: the second answer must not be
// the first one's cached reply, and each must be what an uncached
// answer (gateway mode's) in its own locale is.
func TestCacheKeepsLocalesApart(t *testing.T) {
	reg := registry(t)
	command := func(loc, name string, options ...string) string {
		return interactionJSON(discordgo.InteractionApplicationCommand, loc, commandData(name, options), "")
	}
	complete := func(loc string) string {
		return interactionJSON(discordgo.InteractionApplicationCommandAutocomplete, loc,
			commandData("cast", []string{`{"focused":true,"name":"name","type":3,"value":"ju"}`}), "")
	}
	type ask struct{ name, en, ko string }
	asks := []ask{
		{"/season2", command("en-US", "season2"), command("ko", "season2")},
		{"/cast", command("en-US", "cast"), command("ko", "cast")},
		{"/cast name", command("en-US", "cast", stringOption("name", "Seo Ye-ji")), command("ko", "cast", stringOption("name", "Seo Ye-ji"))},
		{"/ratings episode", command("en-US", "ratings", intOption("episode", 16)), command("ko", "ratings", intOption("episode", 16))},
		{"/about", command("en-US", "about"), command("ko", "about")},
		{"autocomplete", complete("en-US"), complete("ko")},
		// No user locale: the guild's decides, and is part of the key too.
		{"/season2 in a Korean guild", command("en-US", "season2"), withGuildLocale(command("", "season2"), "ko")},
	}
	for _, a := range asks {
		for _, koFirst := range []bool{false, true} {
			name := a.name + ", en-US first"
			first, second := a.en, a.ko
			if koFirst {
				name = a.name + ", ko first"
				first, second = a.ko, a.en
			}
			t.Run(name, func(t *testing.T) {
				e := newEndpoint(t, reg, nil)
				got := map[string][]byte{}
				for _, body := range []string{first, second} {
					got[body] = mustReply(t, do(e, signedRequest(body))).payload
				}
				en, ko := got[a.en], got[a.ko]
				if jsonEqual(en, ko) {
					t.Fatalf("English and Korean answers are the same:\n%s", en)
				}
				if want := reference(t, reg, a.en); !jsonEqual(en, want) {
					t.Errorf("English answer:\n%s\nwant:\n%s", en, want)
				}
				if want := reference(t, reg, a.ko); !jsonEqual(ko, want) {
					t.Errorf("Korean answer:\n%s\nwant:\n%s", ko, want)
				}
				if !hasHangul(ko) {
					t.Errorf("Korean answer has no Hangul:\n%s", ko)
				}
			})
		}
	}
}

func hasHangul(b []byte) bool {
	for _, r := range string(b) {
		if unicode.Is(unicode.Hangul, r) {
			return true
		}
	}
	return false
}
