package discord

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"mime"
	"mime/multipart"
	"reflect"
	"strings"
	"testing"

	"github.com/bwmarrin/discordgo"

	"github.com/okbot/okbot/internal/commands"
)

// requestOf decodes body as both transports do and returns its request.
func requestOf(t *testing.T, body string) (commands.Request, bool) {
	t.Helper()
	var in interaction
	if err := in.decode([]byte(body)); err != nil {
		t.Fatalf("decoding %s: %v", body, err)
	}
	return in.request()
}

func TestRequest(t *testing.T) {
	tests := []struct {
		name string
		body string
		want commands.Request
	}{
		{
			name: "command in a guild: user from member, user's locale",
			body: `{"type":2,"id":"1","token":"t","guild_id":"9","locale":"ko","guild_locale":"en-US",
				"member":{"user":{"id":"42","username":"fan"}},
				"data":{"id":"7","name":"cast","type":1,"options":[{"name":"name","type":3,"value":"Kim Soo-hyun"}]}}`,
			want: commands.Request{Kind: commands.Command, Command: "cast", UserID: "42", Locale: "ko",
				Options: []commands.Option{{Name: "name", Value: "Kim Soo-hyun"}}},
		},
		{
			name: "command in a DM: user at the top level",
			body: `{"type":2,"id":"1","token":"t","locale":"en-US","user":{"id":"43","username":"dm"},
				"data":{"id":"7","name":"season2","type":1}}`,
			want: commands.Request{Kind: commands.Command, Command: "season2", UserID: "43", Locale: "en-US"},
		},
		{
			name: "no user locale: the guild's",
			body: `{"type":2,"id":"1","token":"t","guild_id":"9","guild_locale":"ko",
				"member":{"user":{"id":"42"}},"data":{"id":"7","name":"ratings","type":1}}`,
			want: commands.Request{Kind: commands.Command, Command: "ratings", UserID: "42", Locale: "ko"},
		},
		{
			name: "no locale at all",
			body: `{"type":2,"id":"1","token":"t","user":{"id":"43"},"data":{"id":"7","name":"ratings","type":1}}`,
			want: commands.Request{Kind: commands.Command, Command: "ratings", UserID: "43"},
		},
		{
			name: "integer option in decimal",
			body: `{"type":2,"id":"1","token":"t","locale":"en-US","user":{"id":"43"},
				"data":{"id":"7","name":"ratings","type":1,"options":[{"name":"episode","type":4,"value":16}]}}`,
			want: commands.Request{Kind: commands.Command, Command: "ratings", UserID: "43", Locale: "en-US",
				Options: []commands.Option{{Name: "episode", Value: "16"}}},
		},
		{
			name: "autocomplete of a string option",
			body: `{"type":4,"id":"1","token":"t","locale":"en-US","member":{"user":{"id":"42"}},
				"data":{"id":"7","name":"cast","type":1,"options":[{"name":"name","type":3,"value":"ki","focused":true}]}}`,
			want: commands.Request{Kind: commands.Autocomplete, Command: "cast", UserID: "42", Locale: "en-US",
				Options: []commands.Option{{Name: "name", Value: "ki", Focused: true}}},
		},
		{
			name: "focused integer option arrives as an empty string",
			body: `{"type":4,"id":"1","token":"t","locale":"en-US","member":{"user":{"id":"42"}},
				"data":{"id":"7","name":"ratings","type":1,"options":[{"name":"episode","type":4,"value":"","focused":true}]}}`,
			want: commands.Request{Kind: commands.Autocomplete, Command: "ratings", UserID: "42", Locale: "en-US",
				Options: []commands.Option{{Name: "episode", Value: "", Focused: true}}},
		},
		{
			name: "button: owner from interaction_metadata",
			body: `{"type":3,"id":"1","token":"t","locale":"ko","member":{"user":{"id":"42"}},
				"data":{"custom_id":"v1:cast:en:p:2","component_type":2},
				"message":{"id":"5","interaction_metadata":{"id":"2","type":2,"user":{"id":"41"}},
					"interaction":{"id":"2","type":2,"name":"cast","user":{"id":"40"}}}}`,
			want: commands.Request{Kind: commands.Component, CustomID: "v1:cast:en:p:2", UserID: "42", OwnerID: "41", Locale: "ko"},
		},
		{
			name: "button: owner from the deprecated interaction field",
			body: `{"type":3,"id":"1","token":"t","locale":"ko","member":{"user":{"id":"42"}},
				"data":{"custom_id":"v1:s2:en:hope","component_type":2},
				"message":{"id":"5","interaction":{"id":"2","type":2,"name":"season2","user":{"id":"40"}}}}`,
			want: commands.Request{Kind: commands.Component, CustomID: "v1:s2:en:hope", UserID: "42", OwnerID: "40", Locale: "ko"},
		},
		{
			name: "button on a message that names no owner",
			body: `{"type":3,"id":"1","token":"t","locale":"en-US","user":{"id":"43"},
				"data":{"custom_id":"v1:s2:en:hope","component_type":2},"message":{"id":"5"}}`,
			want: commands.Request{Kind: commands.Component, CustomID: "v1:s2:en:hope", UserID: "43", Locale: "en-US"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := requestOf(t, tt.body)
			if !ok {
				t.Fatalf("request() = not a request")
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("request() = %+v, want %+v", got, tt.want)
			}
		})
	}
}

// An autocomplete answer is type 8 and a list of choices, an empty one
// when nothing matches, and nothing else.
func TestCallbackAutocomplete(t *testing.T) {
	sameJSON(t, "Callback(no choices)", Callback(commands.Response{Kind: commands.Choices}), `{"type":8,"data":{"choices":[]}}`)
	sameJSON(t, "Callback(one choice)", Callback(commands.Response{Kind: commands.Choices, Choices: []commands.Choice{{Name: "Kim Soo-hyun", Value: "kim-soo-hyun"}}}),
		`{"type":8,"data":{"choices":[{"name":"Kim Soo-hyun","value":"kim-soo-hyun"}]}}`)
}

func TestRequestRefuses(t *testing.T) {
	for _, body := range []string{
		`{"type":1,"id":"1","token":"t"}`,
		`{"type":1,"id":"1","token":"t","user":{"id":"43","username":"fan"}}`,
		`{"type":99,"id":"1","token":"t"}`,
	} {
		if req, ok := requestOf(t, body); ok {
			t.Errorf("request() of %s = %+v, want none", body, req)
		}
	}
	// okbot opens no modals: a submit is answered as an unknown command.
	req, ok := requestOf(t, `{"type":5,"id":"1","token":"t","user":{"id":"43"},"data":{"custom_id":"m","components":[]}}`)
	if !ok || req.Kind != commands.Unsupported {
		t.Errorf("request() of a modal submit = %+v, %v; want kind Unsupported", req, ok)
	}
}

// sameJSON fails the test unless got and want encode to the same JSON
// value, compared semantically.
func sameJSON(t *testing.T, what string, got any, want string) {
	t.Helper()
	b, err := json.Marshal(got)
	if err != nil {
		t.Fatalf("encoding %s: %v", what, err)
	}
	var g, w any
	if err := json.Unmarshal(b, &g); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal([]byte(want), &w); err != nil {
		t.Fatalf("bad want JSON %s: %v", want, err)
	}
	if !reflect.DeepEqual(g, w) {
		t.Errorf("%s = %s\nwant %s", what, b, want)
	}
}

func TestMessageResponse(t *testing.T) {
	noMentions := `"allowed_mentions":{"parse":[],"replied_user":false}`
	tests := []struct {
		name string
		resp commands.Response
		want string
	}{
		{
			name: "message",
			resp: commands.Response{Kind: commands.Message, Content: "hi"},
			want: `{"type":4,"data":{"tts":false,"content":"hi","components":[],"embeds":[],` + noMentions + `}}`,
		},
		{
			name: "ephemeral message",
			resp: commands.Response{Kind: commands.Message, Ephemeral: true, Content: "nobody by that name"},
			want: `{"type":4,"data":{"tts":false,"content":"nobody by that name","components":[],"embeds":[],"flags":64,` + noMentions + `}}`,
		},
		{
			name: "update with an embed and buttons",
			resp: commands.Response{
				Kind: commands.Update,
				Embeds: []commands.Embed{{
					Title: "Cast", Description: "page 2", Color: 0x5865F2, Footer: "as of 2026-11-24",
					Fields: []commands.Field{{Name: "Kim Soo-hyun", Value: "Moon Gang-tae", Inline: true}},
				}},
				Rows: [][]commands.Button{{
					{Label: "Previous", Style: commands.Secondary, CustomID: "v1:cast:en:p:1"},
					{Label: "Next", Style: commands.Secondary, CustomID: "v1:cast:en:p:2", Disabled: true},
					{Label: "Source", Style: commands.Link, URL: "https://example.com/"},
				}},
			},
			want: `{"type":7,"data":{"tts":false,"content":"",` + noMentions + `,
				"embeds":[{"type":"rich","title":"Cast","description":"page 2","color":5793266,
					"footer":{"text":"as of 2026-11-24"},
					"fields":[{"name":"Kim Soo-hyun","value":"Moon Gang-tae","inline":true}]}],
				"components":[{"type":1,"components":[
					{"type":2,"label":"Previous","style":2,"custom_id":"v1:cast:en:p:1","disabled":false},
					{"type":2,"label":"Next","style":2,"custom_id":"v1:cast:en:p:2","disabled":true},
					{"type":2,"label":"Source","style":5,"url":"https://example.com/","disabled":false}]}]}}`,
		},
		{
			name: "update without buttons clears them",
			resp: commands.Response{Kind: commands.Update, Content: "done"},
			want: `{"type":7,"data":{"tts":false,"content":"done","components":[],"embeds":[],` + noMentions + `}}`,
		},
		{
			name: "image attached and shown in the embed",
			resp: commands.Response{
				Kind:   commands.Message,
				Embeds: []commands.Embed{{Title: "Ratings", Image: "attachment://ratings.png"}},
				Files:  []commands.File{{Name: "ratings.png", ContentType: "image/png", Data: []byte("\x89PNG")}},
			},
			want: `{"type":4,"data":{"tts":false,"content":"","components":[],` + noMentions + `,
				"embeds":[{"type":"rich","title":"Ratings","image":{"url":"attachment://ratings.png"}}]}}`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sameJSON(t, "messageResponse()", messageResponse(tt.resp), tt.want)
		})
	}
}

// The files travel outside the JSON: discordgo sends them as multipart
// parts after payload_json.
func TestMessageResponseFiles(t *testing.T) {
	png := []byte("\x89PNG\r\n\x1a\nchart")
	resp := messageResponse(commands.Response{
		Kind:   commands.Message,
		Embeds: []commands.Embed{{Title: "Ratings", Image: "attachment://ratings.png"}},
		Files:  []commands.File{{Name: "ratings.png", ContentType: "image/png", Data: png}},
	})
	if len(resp.Data.Files) != 1 {
		t.Fatalf("messageResponse().Data.Files = %d files, want 1", len(resp.Data.Files))
	}
	f := resp.Data.Files[0]
	if f.Name != "ratings.png" || f.ContentType != "image/png" {
		t.Errorf("file = %q (%s), want ratings.png (image/png)", f.Name, f.ContentType)
	}

	contentType, body, err := discordgo.MultipartBodyWithJSON(resp, resp.Data.Files)
	if err != nil {
		t.Fatal(err)
	}
	_, params, err := mime.ParseMediaType(contentType)
	if err != nil {
		t.Fatal(err)
	}
	mr := multipart.NewReader(bytes.NewReader(body), params["boundary"])
	var parts []string
	for {
		p, err := mr.NextPart()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		data, _ := io.ReadAll(p)
		parts = append(parts, p.FormName())
		switch p.FormName() {
		case "payload_json":
			if !strings.Contains(string(data), `"url":"attachment://ratings.png"`) {
				t.Errorf("payload_json = %s, want the embed image attachment://ratings.png", data)
			}
		case "files[0]":
			if p.FileName() != "ratings.png" || p.Header.Get("Content-Type") != "image/png" || !bytes.Equal(data, png) {
				t.Errorf("files[0] = %q %s %q, want ratings.png image/png %q", p.FileName(), p.Header.Get("Content-Type"), data, png)
			}
		}
	}
	if want := []string{"payload_json", "files[0]"}; !reflect.DeepEqual(parts, want) {
		t.Errorf("multipart parts = %q, want %q", parts, want)
	}
}

func TestApplicationCommands(t *testing.T) {
	one, sixteen := 1, 16
	defs := []commands.Definition{
		{Name: "season2", NameKO: "시즌2", Description: commands.Localized{EN: "Is there a Season 2?", KO: "시즌 2가 나오나요?"}},
		{
			Name:        "ratings",
			Description: commands.Localized{EN: "Nielsen Korea ratings"},
			Options: []commands.OptionDefinition{{
				Name: "episode", NameKO: "회차", Type: commands.Integer,
				Description: commands.Localized{EN: "Episode number", KO: "회차 번호"},
				MinValue:    &one, MaxValue: &sixteen, Autocomplete: true,
			}},
		},
		{
			Name:        "cast",
			Description: commands.Localized{EN: "Who plays whom"},
			Options: []commands.OptionDefinition{{
				Name: "name", Type: commands.String, Description: commands.Localized{EN: "Actor or character"},
				Required: true, MaxLength: 100,
			}},
		},
	}
	sameJSON(t, "ApplicationCommands(Guild)", ApplicationCommands(defs, Guild), `[
		{"type":1,"name":"season2","name_localizations":{"ko":"시즌2"},
		 "description":"Is there a Season 2?","description_localizations":{"ko":"시즌 2가 나오나요?"},"options":null},
		{"type":1,"name":"ratings","description":"Nielsen Korea ratings","options":[
			{"type":4,"name":"episode","name_localizations":{"ko":"회차"},
			 "description":"Episode number","description_localizations":{"ko":"회차 번호"},
			 "channel_types":null,"required":false,"options":null,"autocomplete":true,"choices":null,
			 "min_value":1,"max_value":16}]},
		{"type":1,"name":"cast","description":"Who plays whom","options":[
			{"type":3,"name":"name","description":"Actor or character",
			 "channel_types":null,"required":true,"options":null,"autocomplete":false,"choices":null,"max_length":100}]}
	]`)
	// Globally, every command is installable to servers and users and
	// usable in servers, bot DMs and other DMs.
	global := ApplicationCommands(defs[:1], Global)
	sameJSON(t, "ApplicationCommands(Global)", global, `[
		{"type":1,"name":"season2","name_localizations":{"ko":"시즌2"},
		 "description":"Is there a Season 2?","description_localizations":{"ko":"시즌 2가 나오나요?"},"options":null,
		 "integration_types":[0,1],"contexts":[0,1,2]}]`)
	// An empty list must encode as [] (an empty overwrite), never null.
	sameJSON(t, "ApplicationCommands(nil)", ApplicationCommands(nil, Global), `[]`)
}
