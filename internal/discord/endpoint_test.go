package discord

import (
	"bytes"
	"crypto/ed25519"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"mime"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/okbot/okbot/data"
	"github.com/okbot/okbot/internal/commands"
	"github.com/okbot/okbot/internal/facts"
)

// The tests sign with a key made from a fixed seed, at a fixed clock.
var (
	testKey = ed25519.NewKeyFromSeed(bytes.Repeat([]byte("okbot-test-seed!"), 2))
	testNow = time.Unix(1_700_000_000, 0)
)

// testRegistry is the real registry over the shipped facts, loaded once.
var testRegistry = sync.OnceValues(func() (*commands.Registry, error) {
	store, err := facts.Load(data.FS)
	if err != nil {
		return nil, err
	}
	return commands.New(store)
})

func registry(tb testing.TB) *commands.Registry {
	tb.Helper()
	reg, err := testRegistry()
	if err != nil {
		tb.Fatalf("loading the registry: %v", err)
	}
	return reg
}

// newEndpoint returns an endpoint over responder (the real registry when
// nil) that trusts testKey and whose clock stands at testNow.
func newEndpoint(tb testing.TB, responder Responder, logger *slog.Logger) *Endpoint {
	tb.Helper()
	if responder == nil {
		responder = registry(tb)
	}
	e, err := NewEndpoint(ServeConfig{
		PublicKey: testKey.Public().(ed25519.PublicKey),
		Responder: responder,
		Logger:    logger,
		Now:       func() time.Time { return testNow },
	})
	if err != nil {
		tb.Fatalf("NewEndpoint: %v", err)
	}
	return e
}

func sign(key ed25519.PrivateKey, timestamp, body string) string {
	return hex.EncodeToString(ed25519.Sign(key, []byte(timestamp+body)))
}

var testTimestamp = strconv.FormatInt(testNow.Unix(), 10)

// signedRequest is POST /interactions with body, signed by testKey at
// testNow.
func signedRequest(body string) *http.Request {
	r := httptest.NewRequest(http.MethodPost, "/interactions", strings.NewReader(body))
	r.Header.Set("Content-Type", "application/json")
	r.Header.Set("X-Signature-Ed25519", sign(testKey, testTimestamp, body))
	r.Header.Set("X-Signature-Timestamp", testTimestamp)
	return r
}

// The ids of the users in the test interactions.
const (
	invoker = "222222222222222222"
	other   = "333333333333333333"
	token   = "aW50ZXJhY3Rpb246MTIzNDU2Nzg5MDEyMzQ1Njc4OnNlY3JldC10b2tlbi1kby1ub3QtbG9n"
)

// interactionJSON is an interaction as Discord sends it, with the fields
// okbot ignores as well: typ, data (a JSON object or "") and extra
// top-level members (e.g. `"message":{…},`) spliced in.
func interactionJSON(typ discordgo.InteractionType, locale, data, extra string) string {
	var b strings.Builder
	b.WriteString(`{"app_permissions":"562949953601536","application_id":"1090000000000000000",` +
		`"authorizing_integration_owners":{"0":"1100000000000000000"},` +
		`"channel":{"flags":0,"guild_id":"1100000000000000000","icon_emoji":{"id":null,"name":"👋"},"id":"1100000000000000001","last_message_id":"1200000000000000000","name":"general","nsfw":false,"parent_id":"1100000000000000002","permissions":"2251799813685247","position":0,"rate_limit_per_user":0,"theme_color":null,"topic":null,"type":0},` +
		`"channel_id":"1100000000000000001","context":0,`)
	if data != "" {
		b.WriteString(`"data":` + data + `,`)
	}
	b.WriteString(`"entitlement_sku_ids":[],"entitlements":[],` +
		`"guild":{"features":["NEWS","COMMUNITY"],"id":"1100000000000000000","locale":"en-US"},` +
		`"guild_id":"1100000000000000000","guild_locale":"en-US","id":"1300000000000000000",`)
	if locale != "" {
		b.WriteString(`"locale":"` + locale + `",`)
	}
	b.WriteString(`"member":{"avatar":null,"banner":null,"communication_disabled_until":null,"deaf":false,"flags":0,"joined_at":"2023-01-01T00:00:00.000000+00:00","mute":false,"nick":null,"pending":false,"permissions":"2251799813685247","premium_since":null,"roles":["1100000000000000003"],"unusual_dm_activity_until":null,` +
		`"user":{"avatar":"a_0123456789abcdef0123456789abcdef","avatar_decoration_data":null,"clan":null,"discriminator":"0","global_name":"Fan","id":"` + invoker + `","primary_guild":null,"public_flags":0,"username":"fan"}},`)
	b.WriteString(extra)
	b.WriteString(`"attachment_size_limit":10485760,"token":"` + token + `","type":` + strconv.Itoa(int(typ)) + `,"version":1}`)
	return b.String()
}

// slash is a slash command interaction; options are JSON objects.
func slash(name string, options ...string) string {
	return interactionJSON(discordgo.InteractionApplicationCommand, "en-US", commandData(name, options), "")
}

func commandData(name string, options []string) string {
	opts := ""
	if len(options) > 0 {
		opts = `,"options":[` + strings.Join(options, ",") + `]`
	}
	return `{"id":"1200000000000000001","name":"` + name + `"` + opts + `,"type":1}`
}

func stringOption(name, value string) string {
	v, _ := json.Marshal(value)
	return `{"name":"` + name + `","type":3,"value":` + string(v) + `}`
}

func intOption(name string, value int) string {
	return `{"name":"` + name + `","type":4,"value":` + strconv.Itoa(value) + `}`
}

func autocomplete(name, option, typed string) string {
	v, _ := json.Marshal(typed)
	opt := `{"focused":true,"name":"` + option + `","type":3,"value":` + string(v) + `}`
	return interactionJSON(discordgo.InteractionApplicationCommandAutocomplete, "en-US", commandData(name, []string{opt}), "")
}

// click is a button click by invoker on a message made by owner's command.
func click(customID, owner string) string {
	message := `"message":{"application_id":"1090000000000000000","attachments":[],"author":{"bot":true,"id":"1090000000000000000","username":"okbot"},"channel_id":"1100000000000000001","components":[],"content":"","embeds":[],"flags":0,"id":"1200000000000000002",` +
		`"interaction":{"id":"1300000000000000001","name":"cast","type":2,"user":{"id":"` + owner + `","username":"owner"}},` +
		`"interaction_metadata":{"authorizing_integration_owners":{"0":"1100000000000000000"},"id":"1300000000000000001","name":"cast","type":2,"user":{"id":"` + owner + `","username":"owner"}},` +
		`"timestamp":"2024-01-01T00:00:00.000000+00:00","type":20},`
	return interactionJSON(discordgo.InteractionMessageComponent, "en-US",
		`{"component_type":2,"custom_id":"`+customID+`","id":1}`, message)
}

// ping is PLATFORM.md §7's PING body.
const ping = `{"application_id":"123","id":"456","token":"tok","type":1,"version":1}`

// reply is a 200 answer decoded back into a commands.Response.
type reply struct {
	contentType string
	// callback is the interaction callback type, e.g. 4.
	callback discordgo.InteractionResponseType
	// payload is the JSON body, or the payload_json part.
	payload  []byte
	response commands.Response
}

// wireResponse is the JSON of discordgo.InteractionResponse, as far as
// okbot fills it.
type wireResponse struct {
	Type discordgo.InteractionResponseType `json:"type"`
	Data *struct {
		Content string `json:"content"`
		Flags   int    `json:"flags"`
		Embeds  []struct {
			Title       string `json:"title"`
			Description string `json:"description"`
			URL         string `json:"url"`
			Color       int    `json:"color"`
			Fields      []struct {
				Name   string `json:"name"`
				Value  string `json:"value"`
				Inline bool   `json:"inline"`
			} `json:"fields"`
			Image  *struct{ URL string }  `json:"image"`
			Footer *struct{ Text string } `json:"footer"`
		} `json:"embeds"`
		Components []struct {
			Type       int `json:"type"`
			Components []struct {
				Type     int    `json:"type"`
				Label    string `json:"label"`
				Style    int    `json:"style"`
				CustomID string `json:"custom_id"`
				URL      string `json:"url"`
				Disabled bool   `json:"disabled"`
			} `json:"components"`
		} `json:"components"`
		Choices []struct {
			Name  string `json:"name"`
			Value string `json:"value"`
		} `json:"choices"`
	} `json:"data"`
}

// decodeReply parses a 200 answer, JSON or multipart, back into a
// commands.Response.
func decodeReply(header http.Header, body []byte) (reply, error) {
	rep := reply{contentType: header.Get("Content-Type")}
	if cl := header.Get("Content-Length"); cl != "" && cl != strconv.Itoa(len(body)) {
		return rep, fmt.Errorf("Content-Length %s for %d bytes", cl, len(body))
	}
	mediaType, params, err := mime.ParseMediaType(rep.contentType)
	if err != nil {
		return rep, fmt.Errorf("Content-Type %q: %v", rep.contentType, err)
	}
	var files []commands.File
	switch mediaType {
	case "application/json":
		rep.payload = body
	case "multipart/form-data":
		mr := multipart.NewReader(bytes.NewReader(body), params["boundary"])
		for i := 0; ; i++ {
			p, err := mr.NextPart()
			if err == io.EOF {
				break
			}
			if err != nil {
				return rep, fmt.Errorf("multipart: %v", err)
			}
			b, err := io.ReadAll(p)
			if err != nil {
				return rep, fmt.Errorf("multipart part %d: %v", i, err)
			}
			switch want := fmt.Sprintf("files[%d]", i-1); {
			case i == 0 && p.FormName() == "payload_json":
				rep.payload = b
			case i > 0 && p.FormName() == want:
				files = append(files, commands.File{Name: p.FileName(), ContentType: p.Header.Get("Content-Type"), Data: b})
			default:
				return rep, fmt.Errorf("multipart part %d is %q", i, p.FormName())
			}
		}
		if rep.payload == nil {
			return rep, errors.New("multipart without payload_json")
		}
	default:
		return rep, fmt.Errorf("Content-Type %q", rep.contentType)
	}

	var w wireResponse
	dec := json.NewDecoder(bytes.NewReader(rep.payload))
	if err := dec.Decode(&w); err != nil {
		return rep, fmt.Errorf("decoding %s: %v", rep.payload, err)
	}
	rep.callback = w.Type
	resp := &rep.response
	switch w.Type {
	case discordgo.InteractionResponsePong:
		return rep, nil
	case discordgo.InteractionResponseChannelMessageWithSource:
		resp.Kind = commands.Message
	case discordgo.InteractionResponseUpdateMessage:
		resp.Kind = commands.Update
	case discordgo.InteractionApplicationCommandAutocompleteResult:
		resp.Kind = commands.Choices
	default:
		return rep, fmt.Errorf("callback type %d", w.Type)
	}
	if w.Data == nil {
		return rep, errors.New("no data")
	}
	resp.Content = w.Data.Content
	resp.Ephemeral = w.Data.Flags&int(discordgo.MessageFlagsEphemeral) != 0
	for _, e := range w.Data.Embeds {
		emb := commands.Embed{Title: e.Title, Description: e.Description, URL: e.URL, Color: e.Color}
		for _, f := range e.Fields {
			emb.Fields = append(emb.Fields, commands.Field{Name: f.Name, Value: f.Value, Inline: f.Inline})
		}
		if e.Image != nil {
			emb.Image = e.Image.URL
		}
		if e.Footer != nil {
			emb.Footer = e.Footer.Text
		}
		resp.Embeds = append(resp.Embeds, emb)
	}
	for _, row := range w.Data.Components {
		if row.Type != int(discordgo.ActionsRowComponent) {
			return rep, fmt.Errorf("component type %d at the top level", row.Type)
		}
		var buttons []commands.Button
		for _, b := range row.Components {
			if b.Type != int(discordgo.ButtonComponent) {
				return rep, fmt.Errorf("component type %d in a row", b.Type)
			}
			buttons = append(buttons, commands.Button{Label: b.Label, Style: commands.ButtonStyle(b.Style), CustomID: b.CustomID, URL: b.URL, Disabled: b.Disabled})
		}
		resp.Rows = append(resp.Rows, buttons)
	}
	for _, c := range w.Data.Choices {
		resp.Choices = append(resp.Choices, commands.Choice{Name: c.Name, Value: c.Value})
	}
	resp.Files = files
	if err := commands.Check(*resp); err != nil {
		return rep, fmt.Errorf("answer breaks Discord's limits: %v", err)
	}
	return rep, nil
}

// do serves r and returns the recorded answer.
func do(e http.Handler, r *http.Request) *httptest.ResponseRecorder {
	w := httptest.NewRecorder()
	e.ServeHTTP(w, r)
	return w
}

// mustReply checks that w is a 200 answer within Discord's limits.
func mustReply(t *testing.T, w *httptest.ResponseRecorder) reply {
	t.Helper()
	if w.Code != http.StatusOK {
		t.Fatalf("status = %d, want 200; body %q", w.Code, w.Body)
	}
	rep, err := decodeReply(w.Header(), w.Body.Bytes())
	if err != nil {
		t.Fatalf("answer: %v", err)
	}
	return rep
}

// reference is what gateway mode answers for body: discordgo's full
// decoding, Request, Handle and InteractionResponse.
func reference(t *testing.T, reg Responder, body string) []byte {
	t.Helper()
	req, _ := requestOf(t, body)
	b, err := json.Marshal(Callback(reg.Handle(req)))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func jsonEqual(a, b []byte) bool {
	var x, y any
	return json.Unmarshal(a, &x) == nil && json.Unmarshal(b, &y) == nil && reflect.DeepEqual(x, y)
}

func TestPlatformVector(t *testing.T) {
	// PLATFORM.md §7: RFC 8032 TEST 1 key, a fixed timestamp and body.
	seed, _ := hex.DecodeString("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60")
	key := ed25519.NewKeyFromSeed(seed)
	pub := key.Public().(ed25519.PublicKey)
	if got, want := hex.EncodeToString(pub), "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a"; got != want {
		t.Fatalf("public key = %s, want %s", got, want)
	}
	e, err := NewEndpoint(ServeConfig{PublicKey: pub, Responder: registry(t), Now: func() time.Time { return time.Unix(1700000000, 0) }})
	if err != nil {
		t.Fatal(err)
	}
	const sig = "5fdf21a033bcd024300c20d59f11ef96074e797f734b4daa0e2f2e5c21baa1951f200b6fedccc59667ca810fd2abd414c1bae54511febadffe497060413d2605"
	for _, tc := range []struct {
		name, body, sig string
		want            int
	}{
		{"valid", ping, sig, http.StatusOK},
		{"upper-case hex", ping, strings.ToUpper(sig), http.StatusOK},
		{"body with a trailing space", ping + " ", sig, http.StatusUnauthorized},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := httptest.NewRequest(http.MethodPost, "/interactions", strings.NewReader(tc.body))
			r.Header.Set("X-Signature-Ed25519", tc.sig)
			r.Header.Set("X-Signature-Timestamp", "1700000000")
			w := do(e, r)
			if w.Code != tc.want {
				t.Fatalf("status = %d, want %d", w.Code, tc.want)
			}
			if tc.want == http.StatusOK {
				if got := w.Body.String(); got != `{"type":1}` {
					t.Errorf("body = %s, want {\"type\":1}", got)
				}
				if got := w.Header().Get("Content-Type"); got != "application/json" {
					t.Errorf("Content-Type = %q, want application/json", got)
				}
			}
		})
	}
}

func TestInteractions(t *testing.T) {
	reg := registry(t)
	for _, tc := range []struct {
		name string
		body string
		want discordgo.InteractionResponseType
		// check looks at the decoded answer beyond its type.
		check func(t *testing.T, rep reply)
	}{
		{name: "ping", body: ping, want: discordgo.InteractionResponsePong},
		{name: "/season2", body: slash("season2"), want: discordgo.InteractionResponseChannelMessageWithSource},
		{name: "/cast", body: slash("cast"), want: discordgo.InteractionResponseChannelMessageWithSource},
		{
			name: `/cast name:"Seo Ye-ji"`, body: slash("cast", stringOption("name", "Seo Ye-ji")),
			want: discordgo.InteractionResponseChannelMessageWithSource,
			check: func(t *testing.T, rep reply) {
				if !bytes.Contains(rep.payload, []byte("Seo Yea-ji")) {
					t.Errorf("answer does not name Seo Yea-ji: %s", rep.payload)
				}
			},
		},
		{
			name: "/ratings", body: slash("ratings"), want: discordgo.InteractionResponseChannelMessageWithSource,
			check: func(t *testing.T, rep reply) {
				if !strings.HasPrefix(rep.contentType, "multipart/form-data") {
					t.Fatalf("Content-Type = %q, want multipart/form-data", rep.contentType)
				}
				if len(rep.response.Files) != 1 {
					t.Fatalf("%d files, want the chart", len(rep.response.Files))
				}
				f := rep.response.Files[0]
				if f.ContentType != "image/png" || !bytes.HasPrefix(f.Data, []byte("\x89PNG\r\n\x1a\n")) {
					t.Errorf("file %q (%s) is not a PNG", f.Name, f.ContentType)
				}
			},
		},
		{name: "/ratings episode:16", body: slash("ratings", intOption("episode", 16)), want: discordgo.InteractionResponseChannelMessageWithSource},
		{name: "/ratings episode:99", body: slash("ratings", intOption("episode", 99)), want: discordgo.InteractionResponseChannelMessageWithSource},
		{
			name: "/cast in Korean", body: interactionJSON(discordgo.InteractionApplicationCommand, "ko", commandData("cast", nil), ""),
			want: discordgo.InteractionResponseChannelMessageWithSource,
		},
		{
			name: "autocomplete", body: autocomplete("cast", "name", "seo"),
			want: discordgo.InteractionApplicationCommandAutocompleteResult,
			check: func(t *testing.T, rep reply) {
				if len(rep.response.Choices) == 0 {
					t.Errorf("no choices for %q", "seo")
				}
			},
		},
		{
			name: "button clicked by its owner", body: click("v1:cast:en:p:2", invoker),
			want: discordgo.InteractionResponseUpdateMessage,
		},
		{
			name: "button clicked by someone else", body: click("v1:cast:en:p:2", other),
			want: discordgo.InteractionResponseChannelMessageWithSource,
			check: func(t *testing.T, rep reply) {
				if !rep.response.Ephemeral {
					t.Error("refusal is not ephemeral")
				}
			},
		},
		{
			name: "stale button", body: click("v0:gone", invoker),
			want: discordgo.InteractionResponseChannelMessageWithSource,
		},
		{
			name: "unknown command", body: slash("nope"),
			want: discordgo.InteractionResponseChannelMessageWithSource,
			check: func(t *testing.T, rep reply) {
				if !rep.response.Ephemeral {
					t.Error("reply to an unknown command is not ephemeral")
				}
			},
		},
		{
			// okbot opens no modals: a submit is answered as any
			// interaction okbot does not know, not with "try again".
			name: "modal submit", body: interactionJSON(discordgo.InteractionModalSubmit, "en-US", `{"custom_id":"x","components":[]}`, ""),
			want: discordgo.InteractionResponseChannelMessageWithSource,
			check: func(t *testing.T, rep reply) {
				unknown := registry(t).Handle(commands.Request{Kind: commands.Command, Command: "no-such-command"})
				if !rep.response.Ephemeral || !reflect.DeepEqual(rep.response.Embeds, unknown.Embeds) {
					t.Errorf("modal submit answered %+v, want the unknown-command notice %+v", rep.response.Embeds, unknown.Embeds)
				}
			},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := newEndpoint(t, reg, nil)
			// The second round is answered from the cache and must not
			// differ.
			var first []byte
			for round := range 2 {
				rep := mustReply(t, do(e, signedRequest(tc.body)))
				if rep.callback != tc.want {
					t.Fatalf("round %d: callback type = %d, want %d; %s", round, rep.callback, tc.want, rep.payload)
				}
				if tc.check != nil {
					tc.check(t, rep)
				}
				if round == 0 {
					first = rep.payload
				} else if !jsonEqual(first, rep.payload) {
					t.Errorf("cached answer differs:\n%s\nfirst:\n%s", rep.payload, first)
				}
			}
			// The endpoint answers as the registry does for the decoded
			// request, which is what gateway mode sends too.
			if tc.want != discordgo.InteractionResponsePong {
				if want := reference(t, reg, tc.body); !jsonEqual(first, want) {
					t.Errorf("answer differs from gateway mode's:\n%s\nwant:\n%s", first, want)
				}
			}
		})
	}
}

func TestRejections(t *testing.T) {
	e := newEndpoint(t, nil, nil)
	body := slash("season2")
	other := ed25519.NewKeyFromSeed(bytes.Repeat([]byte{9}, ed25519.SeedSize))
	old := strconv.FormatInt(testNow.Add(-ReplayWindow-time.Second).Unix(), 10)
	future := strconv.FormatInt(testNow.Add(ReplayWindow+time.Second).Unix(), 10)
	good := sign(testKey, testTimestamp, body)
	big := `{"type":2,"padding":"` + strings.Repeat("x", MaxBodyBytes) + `"}`

	// signed is POST /interactions with body and the given headers ("-"
	// leaves one out).
	signed := func(sig, ts, body string) *http.Request {
		r := httptest.NewRequest(http.MethodPost, "/interactions", strings.NewReader(body))
		if sig != "-" {
			r.Header.Set("X-Signature-Ed25519", sig)
		}
		if ts != "-" {
			r.Header.Set("X-Signature-Timestamp", ts)
		}
		return r
	}
	for _, tc := range []struct {
		name string
		r    *http.Request
		want int
	}{
		{"no signature headers", signed("-", "-", body), http.StatusUnauthorized},
		{"no signature", signed("-", testTimestamp, body), http.StatusUnauthorized},
		{"no timestamp", signed(good, "-", body), http.StatusUnauthorized},
		{"empty timestamp", signed(sign(testKey, "", body), "", body), http.StatusUnauthorized},
		{"signed with another key", signed(sign(other, testTimestamp, body), testTimestamp, body), http.StatusUnauthorized},
		{"signature over another timestamp", signed(sign(testKey, old, body), testTimestamp, body), http.StatusUnauthorized},
		{"signature over another body", signed(good, testTimestamp, slash("cast")), http.StatusUnauthorized},
		{"replayed old timestamp", signed(sign(testKey, old, body), old, body), http.StatusUnauthorized},
		{"future timestamp", signed(sign(testKey, future, body), future, body), http.StatusUnauthorized},
		{"non-decimal timestamp", signed(sign(testKey, "0x6553F100", body), "0x6553F100", body), http.StatusUnauthorized},
		{"truncated signature", signed(good[:len(good)-2], testTimestamp, body), http.StatusUnauthorized},
		{"signature too long", signed(good+"00", testTimestamp, body), http.StatusUnauthorized},
		{"non-hex signature", signed(strings.Repeat("zz", ed25519.SignatureSize), testTimestamp, body), http.StatusUnauthorized},
		{"oversized body", signed(sign(testKey, testTimestamp, big), testTimestamp, big), http.StatusRequestEntityTooLarge},
		{"GET /interactions", httptest.NewRequest(http.MethodGet, "/interactions", nil), http.StatusMethodNotAllowed},
		{"POST /nope", signed(good, testTimestamp, body), http.StatusNotFound},
		{"invalid JSON", signed(sign(testKey, testTimestamp, "{"), testTimestamp, "{"), http.StatusBadRequest},
		{"JSON array", signed(sign(testKey, testTimestamp, "[]"), testTimestamp, "[]"), http.StatusBadRequest},
		{"JSON with trailing data", signed(sign(testKey, testTimestamp, ping+"{}"), testTimestamp, ping+"{}"), http.StatusBadRequest},
		{"unknown type", signed(sign(testKey, testTimestamp, `{"id":"1","type":99}`), testTimestamp, `{"id":"1","type":99}`), http.StatusBadRequest},
		{"no type", signed(sign(testKey, testTimestamp, `{"id":"1"}`), testTimestamp, `{"id":"1"}`), http.StatusBadRequest},
		{"type as a string", signed(sign(testKey, testTimestamp, `{"type":"1"}`), testTimestamp, `{"type":"1"}`), http.StatusBadRequest},
		{"command without data", signed(sign(testKey, testTimestamp, `{"type":2}`), testTimestamp, `{"type":2}`), http.StatusBadRequest},
		{"click without custom_id", signed(sign(testKey, testTimestamp, `{"type":3,"data":{}}`), testTimestamp, `{"type":3,"data":{}}`), http.StatusBadRequest},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if tc.name == "POST /nope" {
				tc.r.URL.Path = "/nope"
			}
			w := do(e, tc.r)
			if w.Code != tc.want {
				t.Fatalf("status = %d, want %d; body %q", w.Code, tc.want, w.Body)
			}
			// No detail: just the status, in net/http's words.
			if got := w.Body.String(); len(got) > 40 {
				t.Errorf("body = %q, want just the status", got)
			}
			if tc.want == http.StatusMethodNotAllowed {
				if got := w.Header().Get("Allow"); got != http.MethodPost {
					t.Errorf("Allow = %q, want POST", got)
				}
			}
		})
	}
}

func TestReplayWindowEdges(t *testing.T) {
	e := newEndpoint(t, nil, nil)
	for _, tc := range []struct {
		offset time.Duration
		want   int
	}{
		{-ReplayWindow, http.StatusOK},
		{ReplayWindow, http.StatusOK},
		{-ReplayWindow - time.Second, http.StatusUnauthorized},
		{ReplayWindow + time.Second, http.StatusUnauthorized},
	} {
		ts := strconv.FormatInt(testNow.Add(tc.offset).Unix(), 10)
		r := httptest.NewRequest(http.MethodPost, "/interactions", strings.NewReader(ping))
		r.Header.Set("X-Signature-Ed25519", sign(testKey, ts, ping))
		r.Header.Set("X-Signature-Timestamp", ts)
		if got := do(e, r).Code; got != tc.want {
			t.Errorf("timestamp now%+v: status = %d, want %d", tc.offset, got, tc.want)
		}
	}
}

// endless is a body that never ends; it counts what was read from it.
type endless struct{ read atomic.Int64 }

func (r *endless) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = ' '
	}
	r.read.Add(int64(len(p)))
	return len(p), nil
}

func TestOversizedBodyIsNotReadWhole(t *testing.T) {
	e := newEndpoint(t, nil, nil)
	for _, tc := range []struct {
		name          string
		contentLength int64
	}{
		{"no Content-Length", -1},
		{"Content-Length that lies", 100},
		{"honest Content-Length", 1 << 30},
	} {
		t.Run(tc.name, func(t *testing.T) {
			body := new(endless)
			r := httptest.NewRequest(http.MethodPost, "/interactions", io.NopCloser(body))
			r.ContentLength = tc.contentLength
			r.Header.Set("X-Signature-Ed25519", sign(testKey, testTimestamp, "whatever"))
			r.Header.Set("X-Signature-Timestamp", testTimestamp)
			if w := do(e, r); w.Code != http.StatusRequestEntityTooLarge {
				t.Fatalf("status = %d, want 413", w.Code)
			}
			if n := body.read.Load(); n > 2*MaxBodyBytes {
				t.Errorf("read %d bytes of an endless body, want at most about %d", n, MaxBodyBytes)
			}
		})
	}
}

func TestHealth(t *testing.T) {
	e := newEndpoint(t, nil, nil)
	for _, tc := range []struct {
		method, path string
		want         int
	}{
		{http.MethodGet, "/healthz", http.StatusOK},
		{http.MethodHead, "/healthz", http.StatusOK},
		{http.MethodGet, "/readyz", http.StatusOK},
		{http.MethodPost, "/healthz", http.StatusMethodNotAllowed},
		{http.MethodGet, "/", http.StatusNotFound},
	} {
		if got := do(e, httptest.NewRequest(tc.method, tc.path, nil)).Code; got != tc.want {
			t.Errorf("%s %s: status = %d, want %d", tc.method, tc.path, got, tc.want)
		}
	}
}

// panicky panics on every request.
type panicky struct{}

func (panicky) Handle(commands.Request) commands.Response { panic("handler bug") }

// overLimit answers with a message Discord would refuse.
type overLimit struct{}

func (overLimit) Handle(commands.Request) commands.Response {
	return commands.Response{Kind: commands.Message, Content: strings.Repeat("x", 2001)}
}

func TestFailingHandlerGetsApology(t *testing.T) {
	for _, tc := range []struct {
		name      string
		responder Responder
		body      string
		want      discordgo.InteractionResponseType
		// kind and command are what the error's line names: "other", as
		// these responders name no commands.
		kind, command string
	}{
		{"panic in a command", panicky{}, slash("season2"), discordgo.InteractionResponseChannelMessageWithSource, "command", "other"},
		{"panic in a click", panicky{}, click("v1:cast:en:p:2", invoker), discordgo.InteractionResponseChannelMessageWithSource, "button", "other"},
		{"panic in autocomplete", panicky{}, autocomplete("cast", "name", "k"), discordgo.InteractionApplicationCommandAutocompleteResult, "autocomplete", "other"},
		{"answer over Discord's limits", overLimit{}, slash("season2"), discordgo.InteractionResponseChannelMessageWithSource, "command", "other"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var logs bytes.Buffer
			e := newEndpoint(t, tc.responder, slog.New(slog.NewJSONHandler(&logs, nil)))
			for range 2 { // the apology is not cached: the handler runs again
				rep := mustReply(t, do(e, signedRequest(tc.body)))
				if rep.callback != tc.want {
					t.Fatalf("callback type = %d, want %d", rep.callback, tc.want)
				}
				if tc.want == discordgo.InteractionResponseChannelMessageWithSource && !rep.response.Ephemeral {
					t.Error("apology is not ephemeral")
				}
			}
			if n := bytes.Count(logs.Bytes(), []byte(`"level":"ERROR"`)); n != 2 {
				t.Errorf("%d errors logged, want 2:\n%s", n, logs.Bytes())
			}
			for _, line := range strings.Split(logs.String(), "\n") {
				if strings.Contains(line, `"level":"ERROR"`) && !strings.Contains(line, `"kind":"`+tc.kind+`","command":"`+tc.command+`"`) {
					t.Errorf("error line does not name kind %s and command %s: %.300s", tc.kind, tc.command, line)
				}
			}
		})
	}
}

func TestLogs(t *testing.T) {
	var logs bytes.Buffer
	e := newEndpoint(t, nil, slog.New(slog.NewJSONHandler(&logs, nil)))
	r := signedRequest(slash("cast", stringOption("name", "Seo Ye-ji")))
	sig := r.Header.Get("X-Signature-Ed25519")
	mustReply(t, do(e, r))
	bad := signedRequest(slash("season2"))
	bad.Header.Set("X-Signature-Timestamp", "1700000001")
	do(e, bad)

	lines := strings.Split(strings.TrimSpace(logs.String()), "\n")
	if len(lines) != 2 {
		t.Fatalf("%d log lines, want 2:\n%s", len(lines), logs.String())
	}
	var ok struct {
		Msg, Level, ID, Command string
		Status, Type            int
		Latency                 int64
	}
	if err := json.Unmarshal([]byte(lines[0]), &ok); err != nil {
		t.Fatal(err)
	}
	want := struct {
		Msg, Level, ID, Command string
		Status, Type            int
	}{"interaction", "INFO", "1300000000000000000", "cast", 200, 2}
	if got := (struct {
		Msg, Level, ID, Command string
		Status, Type            int
	}{ok.Msg, ok.Level, ok.ID, ok.Command, ok.Status, ok.Type}); got != want {
		t.Errorf("log line = %+v, want %+v", got, want)
	}
	if ok.Latency <= 0 {
		t.Errorf("latency = %d, want > 0", ok.Latency)
	}
	if !strings.Contains(lines[1], `"status":401`) {
		t.Errorf("refusal logged as %s, want status 401", lines[1])
	}
	for _, secret := range []string{token, sig, "Seo Ye-ji"} {
		if strings.Contains(logs.String(), secret) {
			t.Errorf("logs contain %q:\n%s", secret, logs.String())
		}
	}
}

func TestNewEndpointErrors(t *testing.T) {
	pub := testKey.Public().(ed25519.PublicKey)
	for _, tc := range []struct {
		name string
		cfg  ServeConfig
	}{
		{"no public key", ServeConfig{Responder: panicky{}}},
		{"short public key", ServeConfig{PublicKey: pub[:31], Responder: panicky{}}},
		{"no responder", ServeConfig{PublicKey: pub}},
	} {
		if _, err := NewEndpoint(tc.cfg); err == nil {
			t.Errorf("NewEndpoint(%s) = nil error, want one", tc.name)
		}
	}
}

// TestEndpointForgetsThePreviousInteraction: the interaction each request
// is decoded into is reused, and nothing of one request may carry over to
// the next: a body that names no locale, after one in Korean, is answered
// as by an endpoint that never saw the Korean one. The pool hands back
// the interaction just put in most of the time, not always (under -race
// it drops a quarter of them), hence the rounds.
func TestEndpointForgetsThePreviousInteraction(t *testing.T) {
	bare := `{"type":2,"id":"1","data":{"name":"season2"},"user":{"id":"7"}}`
	fresh := do(newEndpoint(t, nil, nil), signedRequest(bare))
	e := newEndpoint(t, nil, nil)
	for range 20 {
		korean := interactionJSON(discordgo.InteractionApplicationCommand, "ko", commandData("season2", nil), "")
		mustReply(t, do(e, signedRequest(withGuildLocale(korean, "ko"))))
		w := do(e, signedRequest(bare))
		mustReply(t, w)
		if w.Body.String() != fresh.Body.String() {
			t.Fatalf("after a Korean interaction, %s got\n%s\nwant, as from a fresh endpoint,\n%s", bare, w.Body, fresh.Body)
		}
	}
}
