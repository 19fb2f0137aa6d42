package discordtest

import (
	"bytes"
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"testing"
	"time"
)

// Interaction types (the "type" of an incoming interaction).
const (
	TypePing         = 1
	TypeCommand      = 2
	TypeComponent    = 3
	TypeAutocomplete = 4
	TypeModalSubmit  = 5
)

// Callback types (the "type" of an interaction response).
const (
	CallbackPong           = 1
	CallbackMessage        = 4
	CallbackDeferred       = 5
	CallbackDeferredUpdate = 6
	CallbackUpdate         = 7
	CallbackChoices        = 8
	CallbackModal          = 9
)

// Option types used by Command and Autocomplete.
const (
	OptionString  = 3
	OptionInteger = 4
)

// FlagEphemeral is the message flag for replies only their user sees.
const FlagEphemeral = 1 << 6

// User is a Discord user as an interaction carries it.
type User struct {
	ID         string `json:"id"`
	Username   string `json:"username"`
	GlobalName string `json:"global_name,omitempty"`
	Bot        bool   `json:"bot,omitempty"`
}

// Member is the invoking guild member of an interaction in a guild.
type Member struct {
	User        *User    `json:"user"`
	Roles       []string `json:"roles"`
	JoinedAt    string   `json:"joined_at"`
	Permissions string   `json:"permissions"`
}

// Interaction is an INTERACTION_CREATE payload as Discord sends it.
// Dispatch fills what is left empty: ID, Token, ApplicationID, Version,
// ChannelID, Locale ("en-US"), the invoker (Server.User as a member of
// Server.GuildID unless Member or User is set) and the id of a registered
// command.
type Interaction struct {
	ID            string          `json:"id"`
	ApplicationID string          `json:"application_id"`
	Type          int             `json:"type"`
	Data          any             `json:"data,omitempty"`
	GuildID       string          `json:"guild_id,omitempty"`
	ChannelID     string          `json:"channel_id,omitempty"`
	Member        *Member         `json:"member,omitempty"`
	User          *User           `json:"user,omitempty"`
	Token         string          `json:"token"`
	Version       int             `json:"version"`
	Message       json.RawMessage `json:"message,omitempty"`
	Locale        string          `json:"locale,omitempty"`
	GuildLocale   string          `json:"guild_locale,omitempty"`
	// Context is where it happened: ContextGuild, ContextBotDM or
	// ContextPrivateChannel; nil leaves it out, as bodies from before 2024.
	Context *int `json:"context,omitempty"`
	// AuthorizingIntegrationOwners maps how the app is installed ("0"
	// a server, "1" a user) to the server's or the user's id.
	AuthorizingIntegrationOwners map[string]string `json:"authorizing_integration_owners,omitempty"`
	// AppPermissions are the app's permissions in the channel, a decimal
	// bit set; empty leaves them out.
	AppPermissions string `json:"app_permissions,omitempty"`
	// Guild is the partial guild a user-installed app gets in a server
	// it is not a member of.
	Guild map[string]any `json:"guild,omitempty"`
}

// Interaction contexts (the "context" of an interaction).
const (
	ContextGuild          = 0
	ContextBotDM          = 1
	ContextPrivateChannel = 2
)

// Permissions a user-installed app may have in a server it is not a
// member of: at most @everyone's EMBED_LINKS, ATTACH_FILES,
// MENTION_EVERYONE and USE_EXTERNAL_EMOJIS there.
const (
	PermEmbedLinks  = 1 << 14
	PermAttachFiles = 1 << 15
	// PermUserAppMost is all four.
	PermUserAppMost = 1<<14 | 1<<15 | 1<<17 | 1<<18
)

// InBotDM is i sent from the user's DM with the bot: a user and no
// member, context 1, authorized by the user's install.
func (s *Server) InBotDM(i Interaction) Interaction {
	return s.inDM(i, ContextBotDM, "1300000000000000101")
}

// InGroupDM is i sent from a group DM (or a DM between two people) by a
// user who installed the app: a user and no member, context 2.
func (s *Server) InGroupDM(i Interaction) Interaction {
	return s.inDM(i, ContextPrivateChannel, "1300000000000000102")
}

func (s *Server) inDM(i Interaction, context int, channel string) Interaction {
	u := s.User
	i.User, i.Member, i.GuildID, i.Guild, i.GuildLocale = &u, nil, "", nil, ""
	i.ChannelID = channel
	i.Context = &context
	i.AuthorizingIntegrationOwners = map[string]string{"1": u.ID}
	i.AppPermissions = "562949953863680"
	return i
}

// UserInstalledInGuild is i sent from a server the bot is not a member
// of, by a user who installed the app on their own account: a member and
// a partial guild, context 0, authorized by the user's install only, and
// the app's permissions there (perm, e.g. PermUserAppMost, or 0 when
// @everyone may not even embed links).
func (s *Server) UserInstalledInGuild(i Interaction, perm int) Interaction {
	u := s.User
	guild := "1300000000000000200"
	context := ContextGuild
	i.User, i.Member = nil, &Member{User: &u, Permissions: "2248473465835073"}
	i.GuildID, i.ChannelID = guild, "1300000000000000201"
	i.Guild = map[string]any{"id": guild, "locale": "en-US", "features": []string{}}
	i.Context = &context
	i.AuthorizingIntegrationOwners = map[string]string{"1": u.ID}
	i.AppPermissions = strconv.Itoa(perm)
	return i
}

// CommandData is the data of a command or autocomplete interaction.
type CommandData struct {
	ID      string   `json:"id"`
	Name    string   `json:"name"`
	Type    int      `json:"type"`
	Options []Option `json:"options,omitempty"`
}

// Option is one option value of a command interaction.
type Option struct {
	Name    string `json:"name"`
	Type    int    `json:"type"`
	Value   any    `json:"value,omitempty"`
	Focused bool   `json:"focused,omitempty"`
}

// ComponentData is the data of a component interaction.
type ComponentData struct {
	CustomID      string   `json:"custom_id"`
	ComponentType int      `json:"component_type"`
	Values        []string `json:"values,omitempty"`
}

// Command is the interaction for running /name with options.
func Command(name string, options ...Option) Interaction {
	return Interaction{Type: TypeCommand, Data: CommandData{Name: name, Type: 1, Options: options}}
}

// Autocomplete is the interaction Discord sends while the user types the
// Focused option of /name.
func Autocomplete(name string, options ...Option) Interaction {
	return Interaction{Type: TypeAutocomplete, Data: CommandData{Name: name, Type: 1, Options: options}}
}

// String is a STRING option.
func String(name, value string) Option { return Option{Name: name, Type: OptionString, Value: value} }

// Integer is an INTEGER option.
func Integer(name string, value int) Option {
	return Option{Name: name, Type: OptionInteger, Value: value}
}

// Focused is the option being typed in an autocomplete interaction.
// Discord sends the partial input as a string whatever the option's type,
// so an INTEGER option may arrive as "" or "1".
func Focused(name string, optionType int, partial string) Option {
	return Option{Name: name, Type: optionType, Value: partial, Focused: true}
}

// File is one file uploaded with a multipart callback.
type File struct {
	// Field is the form field, e.g. "files[0]".
	Field       string
	Name        string
	ContentType string
	Data        []byte
}

// Choice is one autocomplete choice of a type-8 callback.
type Choice struct {
	Name  string
	Value any
}

// Callback is one interaction callback
// (POST /interactions/{id}/{token}/callback) as the fake received it.
type Callback struct {
	InteractionID string
	Token         string
	// Interaction is the interaction this callback answers, as dispatched.
	Interaction Interaction
	ContentType string
	// Multipart is true for a multipart/form-data body.
	Multipart bool
	// Payload is the callback body, {"type":N,"data":{...}}: the request
	// body, or the payload_json part of a multipart body.
	Payload json.RawMessage
	// Files are the uploaded files, in order.
	Files []File
	// Status is what the fake answered: 204, or 400 or 404 with Problems
	// saying why, as Discord would have refused it.
	Status   int
	Problems []string

	// Type, Content, Flags, the buttons' CustomIDs (row by row) and the
	// Choices are read from Payload.
	Type      int
	Content   string
	Flags     int
	CustomIDs []string
	Choices   []Choice

	payload map[string]any
	message json.RawMessage
}

// Ephemeral reports whether the reply is shown only to its user.
func (c Callback) Ephemeral() bool { return c.Flags&FlagEphemeral != 0 }

// Message is the message Discord made from this callback (type 4) or
// updated with it (type 7), as a component interaction on it carries it;
// nil for other callbacks and refused ones.
func (c Callback) Message() json.RawMessage { return c.message }

func (c *Callback) parse() error {
	if err := json.Unmarshal(c.Payload, &c.payload); err != nil {
		return err
	}
	t, ok := c.payload["type"].(float64)
	if !ok {
		return errors.New("type: required")
	}
	c.Type = int(t)
	data := object(c.payload["data"])
	c.Content, _ = data["content"].(string)
	if f, ok := data["flags"].(float64); ok {
		c.Flags = int(f)
	}
	for _, b := range buttons(data) {
		if id, ok := b["custom_id"].(string); ok {
			c.CustomIDs = append(c.CustomIDs, id)
		}
	}
	for _, v := range list(data["choices"]) {
		ch := object(v)
		name, _ := ch["name"].(string)
		c.Choices = append(c.Choices, Choice{Name: name, Value: ch["value"]})
	}
	return nil
}

// Dispatch sends i to the bot as an INTERACTION_CREATE event on the ready
// gateway session (waiting for one) and returns i as sent, with the fields
// Dispatch fills.
func (s *Server) Dispatch(t testing.TB, i Interaction) Interaction {
	t.Helper()
	c, shard := s.waitShardFor(t, s.guildOf(i))
	s.mu.Lock()
	s.fillLocked(&i)
	s.interactions[i.ID] = &pending{interaction: i, dispatchedAt: time.Now(), shard: shard}
	s.mu.Unlock()
	if err := c.dispatch(s, "INTERACTION_CREATE", i); err != nil {
		t.Fatalf("discordtest: dispatching interaction %s: %v", i.ID, err)
	}
	return i
}

// DispatchUnanswerable sends i as Dispatch does, filled in, except for
// its id and token, which are sent as they are, even empty: an
// interaction Discord never sends, for a test that the bot does not try
// to answer it. The fake keeps no record of it, so a callback to it gets
// 404 Unknown interaction.
func (s *Server) DispatchUnanswerable(t testing.TB, i Interaction) {
	t.Helper()
	c, _ := s.waitShardFor(t, s.guildOf(i))
	id, token := i.ID, i.Token
	s.mu.Lock()
	s.fillLocked(&i)
	s.mu.Unlock()
	i.ID, i.Token = id, token
	if err := c.dispatch(s, "INTERACTION_CREATE", i); err != nil {
		t.Fatalf("discordtest: dispatching an unanswerable interaction: %v", err)
	}
}

// DispatchRaw sends body, an interaction as Discord or another source
// wrote it, as an INTERACTION_CREATE event on the ready gateway session.
// It is sent unchanged, except that an id, token or application_id it
// lacks or has empty (documentation samples and redacted captures) is
// filled in, as Discord always sends them, and an id already dispatched
// (samples share ids) is replaced, with the token, as Discord never sends
// one interaction twice. It returns the interaction's id, for
// WaitCallback.
func (s *Server) DispatchRaw(t testing.TB, body []byte) string {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	var m map[string]any
	if err := dec.Decode(&m); err != nil {
		t.Fatalf("discordtest: DispatchRaw: %v", err)
	}
	guild, _ := m["guild_id"].(string)
	c, shard := s.waitShardFor(t, guild)
	s.mu.Lock()
	if _, seen := s.interactions[fmt.Sprint(m["id"])]; seen {
		m["id"], m["token"] = s.newIDLocked(), ""
	}
	for _, k := range []string{"id", "token", "application_id"} {
		if v, _ := m[k].(string); v == "" {
			if _, isNumber := m[k].(json.Number); isNumber {
				continue
			}
			switch k {
			case "id":
				m[k] = s.newIDLocked()
			case "token":
				m[k] = interactionToken(fmt.Sprint(m["id"]))
			default:
				m[k] = s.ApplicationID
			}
		}
	}
	raw, err := json.Marshal(m)
	if err != nil {
		s.mu.Unlock()
		t.Fatalf("discordtest: DispatchRaw: %v", err)
	}
	// What the fake needs to check the answer: the type, id and token.
	var i Interaction
	json.Unmarshal(raw, &i) // partly, where the shape is not the fake's
	n, _ := m["type"].(json.Number)
	typ, _ := n.Int64()
	i.Type, i.ID, i.Token = int(typ), fmt.Sprint(m["id"]), fmt.Sprint(m["token"])
	s.interactions[i.ID] = &pending{interaction: i, dispatchedAt: time.Now(), shard: shard}
	s.mu.Unlock()
	if err := c.dispatch(s, "INTERACTION_CREATE", json.RawMessage(raw)); err != nil {
		t.Fatalf("discordtest: dispatching interaction %s: %v", i.ID, err)
	}
	return i.ID
}

// WaitCallback waits for the callback to the interaction with the given id
// and returns the first one received, accepted or not.
func (s *Server) WaitCallback(t testing.TB, interactionID string) Callback {
	t.Helper()
	var cb Callback
	s.waitFor(t, "callback to interaction "+interactionID, func() bool {
		for _, c := range s.callbacks {
			if c.InteractionID == interactionID {
				cb = c
				return true
			}
		}
		return false
	})
	return cb
}

// Interact dispatches i and waits for its callback.
func (s *Server) Interact(t testing.TB, i Interaction) Callback {
	t.Helper()
	return s.WaitCallback(t, s.Dispatch(t, i).ID)
}

// Click returns the component interaction Discord sends when the user who
// caused cb clicks the button customID on the message cb made or updated.
// It fails the test if there is no such enabled button, since a user could
// not click it. Change Member or User of the result for another clicker.
func (s *Server) Click(t testing.TB, cb Callback, customID string) Interaction {
	t.Helper()
	if cb.message == nil {
		t.Fatalf("discordtest: callback to interaction %s (status %d, type %d) made no message to click on", cb.InteractionID, cb.Status, cb.Type)
	}
	var msg map[string]any
	if err := json.Unmarshal(cb.message, &msg); err != nil {
		t.Fatalf("discordtest: %v", err)
	}
	var ids []string
	for _, b := range buttons(msg) {
		id, _ := b["custom_id"].(string)
		ids = append(ids, id)
		if id != customID {
			continue
		}
		if disabled, _ := b["disabled"].(bool); disabled {
			t.Fatalf("discordtest: button %q is disabled; Discord sends no click for it", customID)
		}
		from := cb.Interaction
		click := Interaction{
			Type:        TypeComponent,
			Data:        ComponentData{CustomID: customID, ComponentType: 2},
			Message:     cb.message,
			GuildID:     from.GuildID,
			ChannelID:   from.ChannelID,
			Locale:      from.Locale,
			GuildLocale: from.GuildLocale,
			Context:     from.Context,
			Guild:       from.Guild,

			AuthorizingIntegrationOwners: from.AuthorizingIntegrationOwners,
			AppPermissions:               from.AppPermissions,
		}
		if from.Member != nil {
			m, u := *from.Member, *from.Member.User
			m.User = &u
			click.Member = &m
		}
		if from.User != nil {
			u := *from.User
			click.User = &u
		}
		return click
	}
	t.Fatalf("discordtest: no button %q on the message; its buttons are %q", customID, ids)
	return Interaction{}
}

// fillLocked completes i as Discord would send it; s.mu must be held.
func (s *Server) fillLocked(i *Interaction) {
	if i.ID == "" {
		i.ID = s.newIDLocked()
	}
	if i.Token == "" {
		i.Token = interactionToken(i.ID)
	}
	if i.ApplicationID == "" {
		i.ApplicationID = s.ApplicationID
	}
	if i.Version == 0 {
		i.Version = 1
	}
	if i.ChannelID == "" {
		i.ChannelID = s.ChannelID
	}
	i.GuildID = s.guildOf(*i)
	if i.Member == nil && i.User == nil {
		u := s.User
		i.Member = &Member{User: &u}
	}
	if m := i.Member; m != nil {
		// Discord always sends these, and discordgo fails to decode a
		// member without joined_at.
		if m.Roles == nil {
			m.Roles = []string{}
		}
		if m.JoinedAt == "" {
			m.JoinedAt = "2020-06-20T12:00:00.000000+00:00"
		}
		if m.Permissions == "" {
			m.Permissions = "2248473465835073"
		}
	}
	if i.Locale == "" && i.Type != TypePing {
		i.Locale = "en-US"
	}
	if d, ok := i.Data.(CommandData); ok && d.ID == "" {
		d.ID = s.commandIDLocked(d.Name)
		i.Data = d
	}
}

// guildOf is the guild i happens in once filled: its own, or for a
// member (the default invoker) Server.GuildID; "" for a DM.
func (s *Server) guildOf(i Interaction) string {
	if i.GuildID == "" && (i.Member != nil || i.User == nil) {
		return s.GuildID
	}
	return i.GuildID
}

// interactionToken returns a fresh token for interaction id with the shape
// of Discord's: 216 characters of unpadded base64url encoding
// "interaction:<id>:<secret>", so it starts with "aW50ZXJhY3Rpb246". It is
// long and random so that a test can search logs for it.
func interactionToken(id string) string {
	secret := rand.Text() + rand.Text() + rand.Text() + rand.Text() + rand.Text() // 130 characters
	return base64.RawURLEncoding.EncodeToString([]byte("interaction:" + id + ":" + secret))
}

// commandIDLocked is the id of the registered command name, or a fresh id
// if there is none (Discord would send no such interaction, but a test may
// want to see the bot's answer to it).
func (s *Server) commandIDLocked(name string) string {
	for _, cmds := range s.registered {
		for _, c := range cmds {
			if c["name"] == name {
				return c["id"].(string)
			}
		}
	}
	return s.newIDLocked()
}

// messageLocked is the message Discord makes from an accepted callback,
// as later component interactions on it carry it; s.mu must be held.
func (s *Server) messageLocked(i Interaction, cb *Callback) json.RawMessage {
	// A fresh copy of the data: the message must not share maps with the
	// callback.
	var payload struct{ Data map[string]any }
	json.Unmarshal(cb.Payload, &payload)
	data := payload.Data
	var msg map[string]any
	now := time.Now().UTC().Format(time.RFC3339Nano)
	switch cb.Type {
	case CallbackMessage:
		invoker := i.User
		if i.Member != nil {
			invoker = i.Member.User
		}
		meta := map[string]any{"id": i.ID, "type": i.Type, "user": invoker}
		old := map[string]any{"id": i.ID, "type": i.Type, "user": invoker}
		msgType := 0
		switch d := i.Data.(type) {
		case CommandData:
			msgType, old["name"] = 20, d.Name // CHAT_INPUT_COMMAND
		case ComponentData:
			var clicked struct{ ID string }
			json.Unmarshal(i.Message, &clicked)
			meta["interacted_message_id"] = clicked.ID
		}
		if i.GuildID != "" {
			meta["authorizing_integration_owners"] = map[string]string{"0": i.GuildID}
		} else if invoker != nil {
			meta["authorizing_integration_owners"] = map[string]string{"1": invoker.ID}
		}
		msg = map[string]any{
			"id": s.newIDLocked(), "type": msgType, "channel_id": i.ChannelID,
			"author": s.botUser(), "application_id": s.ApplicationID, "webhook_id": s.ApplicationID,
			"timestamp": now, "edited_timestamp": nil, "tts": false, "pinned": false,
			"mention_everyone": false, "mentions": []any{}, "mention_roles": []any{},
			"content": "", "embeds": []any{}, "components": []any{}, "attachments": []any{}, "flags": 0,
			"interaction_metadata": meta,
			// Deprecated by Discord, still sent, and read by discordgo.
			"interaction": old,
		}
		if f, ok := data["flags"]; ok {
			msg["flags"] = f
		}
	case CallbackUpdate:
		if err := json.Unmarshal(i.Message, &msg); err != nil || msg == nil {
			return nil
		}
		msg["edited_timestamp"] = now
	default:
		return nil
	}

	for _, k := range []string{"content", "embeds", "components"} {
		if v, ok := data[k]; ok && v != nil {
			msg[k] = v
		}
	}
	attachments := list(msg["attachments"])
	urls := map[string]string{}
	for _, f := range cb.Files {
		id := s.newIDLocked()
		url := "https://cdn.discordapp.com/attachments/" + i.ChannelID + "/" + id + "/" + f.Name
		urls["attachment://"+f.Name] = url
		attachments = append(attachments, map[string]any{
			"id": id, "filename": f.Name, "size": len(f.Data), "content_type": f.ContentType, "url": url, "proxy_url": url,
		})
	}
	msg["attachments"] = attachments
	// Discord replaces attachment:// references with the uploaded file.
	for _, e := range list(msg["embeds"]) {
		for _, k := range []string{"image", "thumbnail"} {
			img := object(object(e)[k])
			if u, ok := urls[str(img["url"])]; ok {
				img["url"], img["proxy_url"] = u, u
			}
		}
	}
	b, err := json.Marshal(msg)
	if err != nil {
		return nil
	}
	return b
}

// buttons returns the buttons in the action rows of a message or callback
// data, row by row.
func buttons(message map[string]any) []map[string]any {
	var out []map[string]any
	for _, row := range list(message["components"]) {
		for _, c := range list(object(row)["components"]) {
			if b := object(c); b["type"] == float64(2) {
				out = append(out, b)
			}
		}
	}
	return out
}

func object(v any) map[string]any {
	m, _ := v.(map[string]any)
	return m
}

func list(v any) []any {
	l, _ := v.([]any)
	return l
}

func str(v any) string {
	s, _ := v.(string)
	return s
}
