package discord

import (
	"reflect"
	"strings"
	"testing"

	"github.com/bwmarrin/discordgo"

	"github.com/okbot/okbot/internal/commands"
)

// withGuildLocale is body, an interactionJSON, sent from a guild whose
// locale is loc.
func withGuildLocale(body, loc string) string {
	const from = `"guild_locale":"en-US",`
	if !strings.Contains(body, from) {
		panic("withGuildLocale: body has no guild_locale")
	}
	return strings.Replace(body, from, `"guild_locale":"`+loc+`",`, 1)
}

// clickOn is a click by invoker on a button of a message that has the
// given members (JSON, e.g. `"interaction":{…}`), besides those every
// message has.
func clickOn(customID string, members ...string) string {
	m := `"application_id":"1090000000000000000","author":{"bot":true,"id":"1090000000000000000","username":"okbot"},"channel_id":"1100000000000000001","components":[],"content":"","embeds":[],"flags":0,"id":"1200000000000000002","timestamp":"2024-01-01T00:00:00.000000+00:00","type":20`
	for _, member := range members {
		m += "," + member
	}
	return interactionJSON(discordgo.InteractionMessageComponent, "en-US",
		`{"component_type":2,"custom_id":"`+customID+`","id":1}`, `"message":{`+m+`},`)
}

// The ways a message names the user whose command made it: the current
// interaction_metadata and the deprecated interaction.
func interactionMetadata(user string) string {
	return `"interaction_metadata":{"authorizing_integration_owners":{"0":"1100000000000000000"},"id":"1300000000000000001","name":"cast","type":2,"user":{"id":"` + user + `","username":"u"}}`
}

func messageInteraction(user string) string {
	return `"interaction":{"id":"1300000000000000001","name":"cast","type":2,"user":{"id":"` + user + `","username":"u"}}`
}

// TestDecode: the lean decoder finds the user, the owner of a clicked
// message and the locale where Discord puts them, falling back as
// discordgo's decoding with Request does.
func TestDecode(t *testing.T) {
	const page = "v1:cast:en:p:2"
	click := func(owner string) commands.Request {
		return commands.Request{Kind: commands.Component, CustomID: page, Locale: "en-US", UserID: invoker, OwnerID: owner}
	}
	season2 := func(locale string) commands.Request {
		return commands.Request{Kind: commands.Command, Command: "season2", Locale: locale, UserID: invoker}
	}
	for _, tc := range []struct {
		name string
		body string
		want commands.Request
	}{
		{"owner from interaction_metadata", clickOn(page, interactionMetadata(other)), click(other)},
		{"owner from message.interaction without interaction_metadata", clickOn(page, messageInteraction(other)), click(other)},
		{"owner from message.interaction with interaction_metadata null", clickOn(page, `"interaction_metadata":null`, messageInteraction(other)), click(other)},
		{"interaction_metadata wins over message.interaction", clickOn(page, interactionMetadata(other), messageInteraction(invoker)), click(other)},
		{"no owner", clickOn(page), click("")},
		{"user's locale before the guild's", withGuildLocale(interactionJSON(discordgo.InteractionApplicationCommand, "ko", commandData("season2", nil), ""), "en-US"), season2("ko")},
		{"guild_locale when locale is empty", withGuildLocale(interactionJSON(discordgo.InteractionApplicationCommand, "", commandData("season2", nil), ""), "ko"), season2("ko")},
		{"user outside a guild", `{"type":2,"id":"1","data":{"id":"2","name":"season2","type":1},"locale":"ko","user":{"id":"` + invoker + `","username":"fan"},"token":"t","version":1}`, season2("ko")},
	} {
		t.Run(tc.name, func(t *testing.T) { wantRequest(t, tc.body, tc.want) })
	}
}

// TestDecodeAsEncodingJSON: the v2 decoder accepts what encoding/json
// accepted from a signed body, and reads it the same way: a member sent
// twice (the last wins), invalid UTF-8 (replaced with U+FFFD), member
// names in another case, ids and permissions as strings, bare numbers,
// empty strings or null.
func TestDecodeAsEncodingJSON(t *testing.T) {
	for _, tc := range []struct {
		name, body string
		want       commands.Request
		wantPerms  permissions
	}{
		{"member sent twice", `{"type":3,"type":2,"data":{"name":"cast"},"locale":"ko","user":{"id":"7"}}`,
			commands.Request{Kind: commands.Command, Command: "cast", Locale: "ko", UserID: "7"}, permissions{}},
		{"invalid UTF-8", "{\"type\":2,\"data\":{\"name\":\"cast\",\"options\":[{\"name\":\"name\",\"value\":\"a\xffb\"}]},\"user\":{\"id\":\"7\"}}",
			commands.Request{Kind: commands.Command, Command: "cast", UserID: "7", Options: []commands.Option{{Name: "name", Value: "a\uFFFDb"}}}, permissions{}},
		{"names in another case", `{"Type":2,"DATA":{"Name":"cast"},"Locale":"ko","User":{"ID":"7"}}`,
			commands.Request{Kind: commands.Command, Command: "cast", Locale: "ko", UserID: "7"}, permissions{}},
		{"bare numbers", `{"type":2,"id":12,"data":{"name":"cast"},"user":{"id":7},"app_permissions":49152}`,
			commands.Request{Kind: commands.Command, Command: "cast", UserID: "7"}, permissions{bits: 49152, known: true}},
		{"nulls and empty strings", `{"type":2,"id":null,"data":{"name":"cast"},"member":{"user":{"id":null}},"user":{"id":"7"},"app_permissions":""}`,
			commands.Request{Kind: commands.Command, Command: "cast", UserID: "7"}, permissions{}},
		{"null permissions", `{"type":2,"data":{"name":"cast"},"user":{"id":"7"},"app_permissions":null}`,
			commands.Request{Kind: commands.Command, Command: "cast", UserID: "7"}, permissions{}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			in := wantRequest(t, tc.body, tc.want)
			if in.AppPermissions != tc.wantPerms {
				t.Errorf("app_permissions = %+v, want %+v", in.AppPermissions, tc.wantPerms)
			}
		})
	}
	for _, body := range []string{`{"type":2,"id":true}`, `{"type":2,"app_permissions":"x"}`, `{"type":2,"user":{"id":[]}}`, `{"type":2`} {
		var in interaction
		if err := in.decode([]byte(body)); err == nil {
			t.Errorf("decode(%s) = nil, want an error", body)
		}
	}
}

// wantRequest decodes body and checks the request read from it; it
// returns the interaction for further checks.
func wantRequest(t *testing.T, body string, want commands.Request) interaction {
	t.Helper()
	var in interaction
	if err := in.decode([]byte(body)); err != nil {
		t.Fatalf("decode: %v", err)
	}
	if got, _ := in.request(); !reflect.DeepEqual(got, want) {
		t.Errorf("decode then request() = %+v, want %+v", got, want)
	}
	return in
}
