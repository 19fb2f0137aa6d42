package discord

import (
	"reflect"
	"strings"
	"testing"

	"github.com/bwmarrin/discordgo"

	"github.com/okbot/okbot/internal/commands"
)

// TestDecodeShapes: every shape Discord sends an interaction in becomes
// the request it stands for, in both transports (they share the decoder).
func TestDecodeShapes(t *testing.T) {
	season2 := commands.Request{Kind: commands.Command, Command: "season2", Locale: "en-US", UserID: invoker}
	clickBy := func(owner string) commands.Request {
		return commands.Request{Kind: commands.Component, CustomID: "v1:s2:en:hope", Locale: "en-US", UserID: invoker, OwnerID: owner}
	}
	button := func(message string) string {
		return `{"type":3,"id":"1","token":"t","locale":"en-US","user":{"id":"` + invoker + `"},"data":{"custom_id":"v1:s2:en:hope","component_type":2},"message":{` + message + `}}`
	}
	for _, tc := range []struct {
		name string
		body string
		want commands.Request
	}{
		{"bot DM: user, no member, context 1",
			`{"type":2,"id":"1","token":"t","context":1,"locale":"en-US","user":{"id":"` + invoker + `"},"authorizing_integration_owners":{"1":"` + invoker + `"},"data":{"name":"season2"}}`, season2},
		{"group DM: user, no member, context 2",
			`{"type":2,"id":"1","token":"t","context":2,"locale":"en-US","user":{"id":"` + invoker + `"},"channel":{"type":3,"recipients":[]},"data":{"name":"season2"}}`, season2},
		{"user-installed in a guild: member, partial guild, owners {1}",
			`{"type":2,"id":"1","token":"","context":0,"locale":"en-US","app_permissions":"0","guild":{"id":"9","locale":"en-US","features":[]},"guild_id":"9","authorizing_integration_owners":{"1":"` + invoker + `"},"member":{"permissions":"9007199254740991","user":{"id":"` + invoker + `"}},"data":{"name":"season2"}}`, season2},
		{"ids as JSON numbers",
			`{"type":2,"id":1300000000000000000,"token":"t","locale":"en-US","member":{"user":{"id":` + invoker + `}},"data":{"id":7,"name":"season2"}}`, season2},
		{"redacted empty ids",
			`{"type":2,"id":"","token":"","locale":"en-US","guild_id":"","channel_id":"","user":{"id":"` + invoker + `"},"authorizing_integration_owners":{"1":""},"data":{"id":"","name":"season2"}}`, season2},
		{"minimal: no locale, no user", `{"type":2,"data":{"name":"season2"}}`,
			commands.Request{Kind: commands.Command, Command: "season2"}},
		{"option values of every JSON type, and a subcommand group",
			`{"type":2,"id":"1","token":"t","data":{"name":"foo","options":[{"name":"s","type":3,"value":"x"},{"name":"i","type":4,"value":16},{"name":"f","type":10,"value":123.456},{"name":"b","type":5,"value":true},{"name":"grp","type":2,"options":[{"name":"sub","type":1,"options":[{"name":"n","type":4,"value":5}]}]}]}}`,
			commands.Request{Kind: commands.Command, Command: "foo", Options: []commands.Option{{Name: "s", Value: "x"}, {Name: "i", Value: "16"}, {Name: "f", Value: "123.456"}, {Name: "b", Value: "true"}, {Name: "grp"}}}},
		{"owner by interaction_metadata.user_id (before 2024)",
			button(`"interaction_metadata":{"id":"5","type":2,"user_id":"` + other + `"}`), clickBy(other)},
		{"owner id as a JSON number",
			button(`"interaction_metadata":{"id":"5","type":2,"user":{"id":` + other + `}}`), clickBy(other)},
		{"empty owner ids name nobody",
			button(`"interaction_metadata":{"id":"5","type":2,"user":{"id":""},"user_id":""},"interaction":{"user":{"id":""}}`), clickBy("")},
		{"modal submit with label components (type 18) and a boolean",
			`{"type":5,"id":"1","token":"t","locale":"ko","user":{"id":"` + invoker + `"},"data":{"custom_id":"m","components":[{"type":18,"id":1,"component":{"type":23,"custom_id":"c","value":true}},{"type":18,"component":{"type":21,"values":["a"]}}]}}`,
			commands.Request{Kind: commands.Unsupported, Locale: "ko", UserID: invoker}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, ok := requestOf(t, tc.body)
			if !ok || !reflect.DeepEqual(got, tc.want) {
				t.Errorf("request() = %+v, %v; want %+v", got, ok, tc.want)
			}
		})
	}
}

// TestChannelRights: app_permissions without Embed Links get the answer
// as plain content, without Attach Files the answer without the chart,
// and each is cached apart from the full answer.
func TestChannelRights(t *testing.T) {
	e := newEndpoint(t, registry(t), nil)
	withPerms := func(body, perms string) string {
		const full = `"app_permissions":"562949953601536"`
		if !strings.Contains(body, full) {
			t.Fatal("test body has no app_permissions")
		}
		return strings.Replace(body, full, `"app_permissions":"`+perms+`"`, 1)
	}
	embedOnly := "16384" // EMBED_LINKS
	filesOnly := "32768" // ATTACH_FILES
	for _, locale := range []string{"en-US", "ko"} {
		season2 := interactionJSON(discordgo.InteractionApplicationCommand, locale, commandData("season2", nil), "")
		ratings := interactionJSON(discordgo.InteractionApplicationCommand, locale, commandData("ratings", nil), "")

		// The full answer first, so that a cache ignoring the rights
		// would hand it out below.
		full := mustReply(t, do(e, signedRequest(season2)))
		if len(full.response.Embeds) == 0 {
			t.Fatalf("%s /season2 with every right: no embeds", locale)
		}
		for _, perms := range []string{"0", filesOnly} {
			plain := mustReply(t, do(e, signedRequest(withPerms(season2, perms))))
			if len(plain.response.Embeds) != 0 || !strings.Contains(plain.response.Content, full.response.Embeds[0].Title) {
				t.Errorf("%s /season2 with app_permissions %s: %d embeds, content %q; want the same answer as plain content", locale, perms, len(plain.response.Embeds), plain.response.Content)
			}
			if len(plain.response.Rows) != len(full.response.Rows) {
				t.Errorf("%s /season2 with app_permissions %s lost its buttons", locale, perms)
			}
		}

		chart := mustReply(t, do(e, signedRequest(ratings)))
		if len(chart.response.Files) != 1 {
			t.Fatalf("%s /ratings with every right: %d files, want the chart", locale, len(chart.response.Files))
		}
		noFiles := mustReply(t, do(e, signedRequest(withPerms(ratings, embedOnly))))
		if len(noFiles.response.Files) != 0 || strings.HasPrefix(noFiles.contentType, "multipart/") || noFiles.response.Embeds[0].Image != "" {
			t.Errorf("%s /ratings without Attach Files: %s with %d files and image %q; want JSON without the chart", locale, noFiles.contentType, len(noFiles.response.Files), noFiles.response.Embeds[0].Image)
		}
		if !strings.Contains(noFiles.response.Embeds[0].Description, "DM") {
			t.Errorf("%s /ratings without Attach Files does not say where to see the chart:\n%s", locale, noFiles.response.Embeds[0].Description)
		}
		// Without either: plain, no chart.
		neither := mustReply(t, do(e, signedRequest(withPerms(ratings, "0"))))
		if len(neither.response.Files) != 0 || len(neither.response.Embeds) != 0 || !strings.Contains(neither.response.Content, "DM") {
			t.Errorf("%s /ratings with no rights: %d files, %d embeds; want plain content saying where the chart is", locale, len(neither.response.Files), len(neither.response.Embeds))
		}
	}
}
