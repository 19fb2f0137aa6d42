package discordtest_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"mime/multipart"
	"net/http"
	"net/textproto"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/gorilla/websocket"

	"github.com/okbot/okbot/internal/discordtest"
)

const api = "https://discord.com/api/v9"

// call sends a request through the fake's client and decodes a JSON
// answer into out (when not nil).
func call(t *testing.T, fake *discordtest.Server, method, path, auth, contentType string, body []byte, out any) int {
	t.Helper()
	req, err := http.NewRequestWithContext(t.Context(), method, api+path, bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if auth != "" {
		req.Header.Set("Authorization", auth)
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	resp, err := fake.Client().Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	if out != nil && len(b) > 0 {
		if err := json.Unmarshal(b, out); err != nil {
			t.Fatalf("%s %s answered %d %q: %v", method, path, resp.StatusCode, b, err)
		}
	}
	return resp.StatusCode
}

// apiError is the body of Discord's error answers.
type apiError struct {
	Code     int      `json:"code"`
	Message  string   `json:"message"`
	Problems []string `json:"problems"`
}

func TestClientReachesTheFake(t *testing.T) {
	fake := discordtest.New(t)
	var gw struct{ URL string }
	if status := call(t, fake, "GET", "/gateway", "", "", nil, &gw); status != 200 || gw.URL != fake.GatewayURL() {
		t.Errorf("GET /gateway = %d %q, want 200 %q", status, gw.URL, fake.GatewayURL())
	}
	want := []discordtest.Request{{Method: "GET", Path: "/api/v9/gateway", Host: "discord.com", Status: 200}}
	if got := fake.Requests(); len(got) != 1 || got[0] != want[0] {
		t.Errorf("Requests() = %+v, want %+v", got, want)
	}
}

func TestAuthorization(t *testing.T) {
	fake := discordtest.New(t)
	for _, path := range []string{"/applications/@me", "/oauth2/applications/@me", "/gateway/bot"} {
		for _, auth := range []string{"", fake.Token, "Bot MTIz.wrong.token"} {
			var e apiError
			if status := call(t, fake, "GET", path, auth, "", nil, &e); status != 401 || e.Code != 0 || e.Message != "401: Unauthorized" {
				t.Errorf("GET %s with Authorization %q = %d %+v, want 401 code 0 401: Unauthorized", path, auth, status, e)
			}
		}
	}
	var app struct{ ID string }
	if status := call(t, fake, "GET", "/applications/@me", "Bot "+fake.Token, "", nil, &app); status != 200 || app.ID != fake.ApplicationID {
		t.Errorf("GET /applications/@me = %d id %q, want 200 id %s", status, app.ID, fake.ApplicationID)
	}
	fake.RevokeToken()
	if status := call(t, fake, "GET", "/applications/@me", "Bot "+fake.Token, "", nil, nil); status != 401 {
		t.Errorf("GET /applications/@me after RevokeToken = %d, want 401", status)
	}
}

func TestPutCommands(t *testing.T) {
	fake := discordtest.New(t)
	auth := "Bot " + fake.Token
	global := "/applications/" + fake.ApplicationID + "/commands"
	guild := "/applications/" + fake.ApplicationID + "/guilds/" + fake.GuildID + "/commands"
	body := []byte(`[{"name":"season2","description":"Is there a Season 2?","description_localizations":{"ko":"시즌 2?"}},
		{"name":"cast","description":"Who's who","options":[{"type":3,"name":"name","description":"Actor","autocomplete":true,"choices":null}]}]`)

	var first, again []map[string]any
	if status := call(t, fake, "PUT", global, auth, "application/json", body, &first); status != 200 || len(first) != 2 {
		t.Fatalf("PUT %s = %d %v, want 200 with 2 commands", global, status, first)
	}
	if first[0]["id"] == nil || first[0]["application_id"] != fake.ApplicationID || first[0]["type"] != float64(1) {
		t.Errorf("registered command = %v, want an id, the application id and type 1", first[0])
	}
	call(t, fake, "PUT", global, auth, "application/json", body, &again)
	if again[0]["id"] != first[0]["id"] {
		t.Errorf("overwriting kept no id: %v then %v", first[0]["id"], again[0]["id"])
	}
	var inGuild []map[string]any
	if status := call(t, fake, "PUT", guild, auth, "application/json", body, &inGuild); status != 200 || inGuild[0]["guild_id"] != fake.GuildID {
		t.Errorf("PUT %s = %d %v, want 200 with guild_id %s", guild, status, inGuild, fake.GuildID)
	}
	var listed []map[string]any
	if call(t, fake, "GET", guild, auth, "", nil, &listed); len(listed) != 2 {
		t.Errorf("GET %s = %v, want the 2 commands", guild, listed)
	}
	if n := len(fake.CommandPuts()); n != 3 {
		t.Errorf("CommandPuts() = %d, want 3", n)
	}

	// Installation and interaction contexts are for global commands.
	everywhere := []byte(`[{"name":"season2","description":"d","integration_types":[0,1],"contexts":[0,1,2]}]`)
	if status := call(t, fake, "PUT", global, auth, "application/json", everywhere, &again); status != 200 {
		t.Errorf("global PUT with integration_types and contexts = %d, want 200", status)
	}

	var e apiError
	other := "/applications/" + fake.ApplicationID + "/guilds/1299999999999999999/commands"
	if status := call(t, fake, "PUT", other, auth, "application/json", body, &e); status != 403 || e.Code != 50001 {
		t.Errorf("PUT to a guild the bot is not in = %d %+v, want 403 code 50001", status, e)
	}
}

func TestPutCommandsRefused(t *testing.T) {
	tests := []struct {
		name string
		body string
		want string // a problem's path
	}{
		{"upper case", `[{"name":"Season2","description":"d"}]`, "/0/name"},
		{"space in name", `[{"name":"season 2","description":"d"}]`, "/0/name"},
		{"no description", `[{"name":"season2","description":""}]`, "/0/description"},
		{"long description", `[{"name":"season2","description":"` + strings.Repeat("x", 101) + `"}]`, "/0/description"},
		{"unknown locale", `[{"name":"season2","description":"d","name_localizations":{"kr":"시즌2"}}]`, "/0/name_localizations/kr"},
		{"same name twice", `[{"name":"cast","description":"d"},{"name":"cast","description":"e"}]`, "/1/name"},
		{"required after optional", `[{"name":"cast","description":"d","options":[
			{"type":3,"name":"a","description":"d"},{"type":3,"name":"b","description":"d","required":true}]}]`, "/0/options/1/required"},
		{"autocomplete with choices", `[{"name":"cast","description":"d","options":[
			{"type":3,"name":"a","description":"d","autocomplete":true,"choices":[{"name":"x","value":"x"}]}]}]`, "/0/options/0/autocomplete"},
		{"null", `null`, "(root)"},
		{"guild command with integration_types", `[{"name":"cast","description":"d","integration_types":[0,1]}]`, "/0/integration_types"},
		{"guild command with contexts", `[{"name":"cast","description":"d","contexts":[0,1,2]}]`, "/0/contexts"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fake := discordtest.New(t)
			var e apiError
			path := "/applications/" + fake.ApplicationID + "/commands"
			if strings.HasPrefix(tt.name, "guild ") {
				path = "/applications/" + fake.ApplicationID + "/guilds/" + fake.GuildID + "/commands"
			}
			status := call(t, fake, "PUT", path, "Bot "+fake.Token, "application/json", []byte(tt.body), &e)
			if status != 400 || e.Code != 50035 || !strings.Contains(strings.Join(e.Problems, "\n"), tt.want+": ") {
				t.Errorf("PUT %s = %d %+v, want 400 code 50035 with a problem at %s", tt.body, status, e, tt.want)
			}
			if puts := fake.CommandPuts(); len(puts) != 1 || puts[0].Status != 400 {
				t.Errorf("CommandPuts() = %+v, want one refused", puts)
			}
		})
	}
}

// bot is a hand-driven gateway client.
type bot struct {
	t  *testing.T
	ws *websocket.Conn
}

type event struct {
	Op int             `json:"op"`
	T  string          `json:"t"`
	S  int64           `json:"s"`
	D  json.RawMessage `json:"d"`
}

func dial(t *testing.T, fake *discordtest.Server, query string) *bot {
	t.Helper()
	ws, _, err := (&websocket.Dialer{TLSClientConfig: fake.TLSConfig()}).Dial(fake.GatewayURL()+"/"+query, nil)
	if err != nil {
		t.Fatalf("dialling the gateway: %v", err)
	}
	t.Cleanup(func() { ws.Close() })
	return &bot{t: t, ws: ws}
}

func (b *bot) read() (event, error) {
	b.ws.SetReadDeadline(time.Now().Add(discordtest.WaitTimeout))
	var e event
	_, msg, err := b.ws.ReadMessage()
	if err == nil {
		err = json.Unmarshal(msg, &e)
	}
	return e, err
}

func (b *bot) expect(op int, typ string) event {
	b.t.Helper()
	e, err := b.read()
	if err != nil || e.Op != op || e.T != typ {
		b.t.Fatalf("gateway sent op %d %q (%v), want op %d %q", e.Op, e.T, err, op, typ)
	}
	return e
}

func (b *bot) expectClose(code int) {
	b.t.Helper()
	_, err := b.read()
	var ce *websocket.CloseError
	if !errors.As(err, &ce) || ce.Code != code {
		b.t.Fatalf("gateway: %v, want close %d", err, code)
	}
}

func (b *bot) send(op int, d any) {
	b.t.Helper()
	if err := b.ws.WriteJSON(map[string]any{"op": op, "d": d}); err != nil {
		b.t.Fatal(err)
	}
}

// connect dials and identifies as discordgo does, returning the session id.
func connect(t *testing.T, fake *discordtest.Server, intents int) (*bot, string) {
	t.Helper()
	b := dial(t, fake, "?v=9&encoding=json")
	b.expect(10, "")
	b.send(2, map[string]any{"token": "Bot " + fake.Token, "intents": intents, "compress": true, "properties": map[string]string{"os": "linux"}})
	var ready struct {
		SessionID        string `json:"session_id"`
		ResumeGatewayURL string `json:"resume_gateway_url"`
		Application      struct{ ID string }
	}
	if err := json.Unmarshal(b.expect(0, "READY").D, &ready); err != nil {
		t.Fatal(err)
	}
	if ready.SessionID == "" || ready.Application.ID != fake.ApplicationID || ready.ResumeGatewayURL != fake.GatewayURL() {
		t.Errorf("READY = %+v, want a session, application %s and resume URL %s", ready, fake.ApplicationID, fake.GatewayURL())
	}
	return b, ready.SessionID
}

func TestGateway(t *testing.T) {
	fake := discordtest.New(t)
	b, _ := connect(t, fake, 0)
	fake.WaitReady(t)
	if id := fake.WaitIdentify(t); id.Intents != 0 || id.Token != "Bot "+fake.Token {
		t.Errorf("Identify = %+v, want intents 0 and the token", id)
	}
	b.send(1, 1)
	b.expect(11, "")

	sent := fake.Dispatch(t, discordtest.Command("cast", discordtest.String("name", "Seo Yea-ji")))
	e := b.expect(0, "INTERACTION_CREATE")
	if e.S != 2 {
		t.Errorf("INTERACTION_CREATE s = %d, want 2 (after READY)", e.S)
	}
	var got struct {
		ID, Token, Locale string
		Type              int
		Member            struct{ User struct{ ID string } }
		Data              struct{ Name string }
	}
	if err := json.Unmarshal(e.D, &got); err != nil {
		t.Fatal(err)
	}
	if got.ID != sent.ID || got.Type != 2 || got.Data.Name != "cast" || got.Member.User.ID != fake.User.ID || got.Locale != "en-US" {
		t.Errorf("INTERACTION_CREATE = %+v, want interaction %s for /cast by %s", got, sent.ID, fake.User.ID)
	}

	reply := []byte(`{"type":4,"data":{"content":"Seo Yea-ji plays Ko Moon-young","components":[{"type":1,"components":[
		{"type":2,"style":2,"label":"Next","custom_id":"v1:cast:en:p:2"},{"type":2,"style":2,"label":"Prev","custom_id":"v1:cast:en:p:1","disabled":true}]}]}}`)
	path := "/interactions/" + got.ID + "/" + got.Token + "/callback"
	if status := call(t, fake, "POST", path, "", "application/json", reply, nil); status != 204 {
		t.Fatalf("callback = %d, want 204", status)
	}
	cb := fake.WaitCallback(t, got.ID)
	if cb.Status != 204 || cb.Type != 4 || cb.Content != "Seo Yea-ji plays Ko Moon-young" || len(cb.CustomIDs) != 2 || cb.Ephemeral() {
		t.Errorf("callback = %+v, want the accepted reply", cb)
	}

	var e40060, e10062 apiError
	if status := call(t, fake, "POST", path, "", "application/json", reply, &e40060); status != 400 || e40060.Code != 40060 {
		t.Errorf("second callback = %d %+v, want 400 code 40060", status, e40060)
	}
	if status := call(t, fake, "POST", "/interactions/1/nope/callback", "", "application/json", reply, &e10062); status != 404 || e10062.Code != 10062 {
		t.Errorf("callback to an unknown interaction = %d %+v, want 404 code 10062", status, e10062)
	}

	// A click carries the message and who made it.
	click := fake.Click(t, cb, "v1:cast:en:p:2")
	var msg struct {
		Content             string
		InteractionMetadata struct {
			ID   string
			User struct{ ID string }
		} `json:"interaction_metadata"`
	}
	if err := json.Unmarshal(click.Message, &msg); err != nil {
		t.Fatal(err)
	}
	if click.Type != 3 || msg.Content != "Seo Yea-ji plays Ko Moon-young" || msg.InteractionMetadata.ID != got.ID || msg.InteractionMetadata.User.ID != fake.User.ID {
		t.Errorf("click = type %d on message %+v, want type 3 on the reply to %s by %s", click.Type, msg, got.ID, fake.User.ID)
	}
}

func TestGatewayCloses(t *testing.T) {
	tests := []struct {
		name    string
		query   string
		token   string
		intents int
		reject  int
		want    int
	}{
		{name: "wrong token", token: "Bot MTIz.wrong.token", want: 4004},
		{name: "privileged intent", intents: 1 << 15, want: 4014},
		{name: "rejected", reject: 4011, want: 4011},
		{name: "old API version", query: "?v=6&encoding=json", want: 4012},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fake := discordtest.New(t)
			if tt.reject != 0 {
				fake.RejectIdentify(tt.reject, "Sharding required.")
			}
			if tt.query == "" {
				tt.query = "?v=9&encoding=json"
			}
			if tt.token == "" {
				tt.token = "Bot " + fake.Token
			}
			b := dial(t, fake, tt.query)
			if tt.want != 4012 {
				b.expect(10, "")
				b.send(2, map[string]any{"token": tt.token, "intents": tt.intents})
			}
			b.expectClose(tt.want)
			b.ws.Close()
			fake.WaitGatewayClosed(t)
		})
	}
}

func TestGatewayResume(t *testing.T) {
	fake := discordtest.New(t)
	b, session := connect(t, fake, 0)
	fake.WaitReady(t)

	fake.CloseGateway(4000, "Unknown error.")
	b.expectClose(4000)
	b.ws.Close()
	fake.WaitGatewayClosed(t) // the bot's answer, 4000, is recorded

	resumed := dial(t, fake, "?v=9&encoding=json")
	resumed.expect(10, "")
	resumed.send(6, map[string]any{"token": "Bot " + fake.Token, "session_id": session, "seq": 1})
	resumed.expect(0, "RESUMED")
	fake.WaitReady(t)

	// Closing with 1000 ends the session.
	resumed.ws.WriteMessage(websocket.CloseMessage, websocket.FormatCloseMessage(1000, ""))
	if code := fake.WaitGatewayClosed(t); code != 1000 {
		t.Errorf("WaitGatewayClosed() = %d, want 1000", code)
	}
	again := dial(t, fake, "?v=9&encoding=json")
	again.expect(10, "")
	again.send(6, map[string]any{"token": "Bot " + fake.Token, "session_id": session, "seq": 2})
	again.expect(9, "") // Invalid Session
	want := []discordtest.Resume{{SessionID: session, Seq: 1, Resumed: true}, {SessionID: session, Seq: 2, Resumed: false}}
	if got := fake.Resumes(); !slices.Equal(got, want) {
		t.Errorf("Resumes() = %+v, want %+v", got, want)
	}
}

func TestCallbackRefusals(t *testing.T) {
	long := strings.Repeat("x", 2001)
	row := `{"type":1,"components":[{"type":2,"style":1,"label":"a","custom_id":"a"}]}`
	choices := make([]map[string]any, 26)
	for i := range choices {
		choices[i] = map[string]any{"name": "n", "value": "v"}
	}
	many, _ := json.Marshal(map[string]any{"type": 8, "data": map[string]any{"choices": choices}})
	tests := []struct {
		name        string
		interaction discordtest.Interaction
		payload     string
		code        int
		want        string // a problem's path
	}{
		{"update answering a command", discordtest.Command("cast"), `{"type":7,"data":{"content":"x"}}`, 50035, "/type"},
		{"choices answering a command", discordtest.Command("cast"), `{"type":8,"data":{"choices":[]}}`, 50035, "/type"},
		{"empty message", discordtest.Command("cast"), `{"type":4,"data":{"content":"  "}}`, 50006, "/data"},
		{"long content", discordtest.Command("cast"), `{"type":4,"data":{"content":"` + long + `"}}`, 50035, "/data/content"},
		{"six rows", discordtest.Command("cast"), `{"type":4,"data":{"content":"x","components":[` + strings.Repeat(row+",", 5) + row + `]}}`, 50035, "/data/components"},
		{"custom_id twice", discordtest.Command("cast"), `{"type":4,"data":{"content":"x","components":[` + row + "," + row + `]}}`, 50035, "/data/components/1/components/0/custom_id"},
		{"image not uploaded", discordtest.Command("ratings"), `{"type":4,"data":{"embeds":[{"title":"t","image":{"url":"attachment://ratings.png"}}]}}`, 50035, "/data/embeds/0/image/url"},
		{"long field", discordtest.Command("cast"), `{"type":4,"data":{"embeds":[{"fields":[{"name":"n","value":"` + strings.Repeat("v", 1025) + `"}]}]}}`, 50035, "/data/embeds/0/fields/0/value"},
		{"26 choices", discordtest.Autocomplete("cast", discordtest.Focused("name", discordtest.OptionString, "k")), string(many), 50035, "/data/choices"},
		{"message answering autocomplete", discordtest.Autocomplete("cast"), `{"type":4,"data":{"content":"x"}}`, 50035, "/type"},
		{"not JSON", discordtest.Command("cast"), `{"type":4,`, 50035, ""},
	}
	fake := discordtest.New(t)
	b, _ := connect(t, fake, 0)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sent := fake.Dispatch(t, tt.interaction)
			b.expect(0, "INTERACTION_CREATE")
			var e apiError
			path := "/interactions/" + sent.ID + "/" + sent.Token + "/callback"
			status := call(t, fake, "POST", path, "", "application/json", []byte(tt.payload), &e)
			if status != 400 || e.Code != tt.code || !strings.Contains(strings.Join(e.Problems, "\n"), tt.want) {
				t.Errorf("callback %s = %d %+v, want 400 code %d with a problem at %q", tt.payload, status, e, tt.code, tt.want)
			}
			if cb := fake.WaitCallback(t, sent.ID); cb.Status != 400 || len(cb.Problems) == 0 {
				t.Errorf("recorded callback = %d %q, want 400 with problems", cb.Status, cb.Problems)
			}
		})
	}
}

func TestCallbackMultipart(t *testing.T) {
	fake := discordtest.New(t)
	b, _ := connect(t, fake, 0)
	sent := fake.Dispatch(t, discordtest.Command("ratings"))
	b.expect(0, "INTERACTION_CREATE")

	// The body discordgo's MultipartBodyWithJSON builds.
	payload := `{"type":4,"data":{"embeds":[{"title":"Ratings","image":{"url":"attachment://ratings.png"}}]}}`
	png := []byte("\x89PNG\r\n\x1a\nchart")
	var body bytes.Buffer
	w := multipart.NewWriter(&body)
	h := textproto.MIMEHeader{}
	h.Set("Content-Disposition", `form-data; name="payload_json"`)
	h.Set("Content-Type", "application/json")
	p, _ := w.CreatePart(h)
	p.Write([]byte(payload))
	h = textproto.MIMEHeader{}
	h.Set("Content-Disposition", `form-data; name="files[0]"; filename="ratings.png"`)
	h.Set("Content-Type", "image/png")
	p, _ = w.CreatePart(h)
	p.Write(png)
	w.Close()

	path := "/interactions/" + sent.ID + "/" + sent.Token + "/callback"
	if status := call(t, fake, "POST", path, "", w.FormDataContentType(), body.Bytes(), nil); status != 204 {
		t.Fatalf("multipart callback = %d, want 204", status)
	}
	cb := fake.WaitCallback(t, sent.ID)
	if !cb.Multipart || string(cb.Payload) != payload || len(cb.Files) != 1 {
		t.Fatalf("callback = multipart %v payload %s with %d files, want the payload_json and one file", cb.Multipart, cb.Payload, len(cb.Files))
	}
	if f := cb.Files[0]; f.Field != "files[0]" || f.Name != "ratings.png" || f.ContentType != "image/png" || !bytes.Equal(f.Data, png) {
		t.Errorf("file = %s %q %s %q, want files[0] ratings.png image/png %q", f.Field, f.Name, f.ContentType, f.Data, png)
	}
	var msg struct {
		Attachments []struct{ Filename, URL string }
		Embeds      []struct{ Image struct{ URL string } }
	}
	if err := json.Unmarshal(cb.Message(), &msg); err != nil {
		t.Fatal(err)
	}
	if len(msg.Attachments) != 1 || msg.Attachments[0].Filename != "ratings.png" || msg.Embeds[0].Image.URL != msg.Attachments[0].URL {
		t.Errorf("message = %+v, want the file attached and shown in the embed", msg)
	}
}

// DispatchRaw sends others' bodies as they are, filling only the id,
// token and application id Discord always sends, and a fresh id for one
// already used; the callback to it is checked like any other.
func TestDispatchRaw(t *testing.T) {
	fake := discordtest.New(t)
	b, _ := connect(t, fake, 0)
	fake.WaitReady(t)
	body := []byte(`{"id":"1","type":2,"data":{"name":"cast","options":[{"name":"n","value":123.456}]},"member":{"user":{"id":53908232506183680}},"token":""}`)
	var ids []string
	for range 2 {
		id := fake.DispatchRaw(t, body)
		var got map[string]any
		dec := json.NewDecoder(bytes.NewReader(b.expect(0, "INTERACTION_CREATE").D))
		dec.UseNumber()
		if err := dec.Decode(&got); err != nil {
			t.Fatal(err)
		}
		user := got["member"].(map[string]any)["user"].(map[string]any)["id"]
		value := got["data"].(map[string]any)["options"].([]any)[0].(map[string]any)["value"]
		if got["id"] != id || got["token"] == "" || got["application_id"] != fake.ApplicationID || user != json.Number("53908232506183680") || value != json.Number("123.456") {
			t.Errorf("dispatched %v, want the body as sent with id %s, a token and the application id", got, id)
		}
		path := "/interactions/" + id + "/" + got["token"].(string) + "/callback"
		if status := call(t, fake, "POST", path, "", "application/json", []byte(`{"type":4,"data":{"content":"hi"}}`), nil); status != 204 {
			t.Errorf("callback = %d, want 204", status)
		}
		ids = append(ids, id)
	}
	if ids[0] == ids[1] {
		t.Errorf("the same body dispatched twice had one id %s", ids[0])
	}
}
