package discord

import (
	"bytes"
	"errors"
	"strconv"
	"unicode"
	"unicode/utf8"

	"github.com/bwmarrin/discordgo"
	"github.com/go-json-experiment/json"
	"github.com/go-json-experiment/json/jsontext"

	"github.com/okbot/okbot/internal/commands"
)

// interaction is the part of Discord's interaction object that okbot
// reads. Both transports decode with it: the HTTP endpoint a request's
// body, the gateway an INTERACTION_CREATE event's data. It reads every
// shape Discord sends: a guild member or a DM's user (or neither, in the
// minimal bodies of Discord's own tests), ids as strings or as bare JSON
// numbers, owner ids that are empty strings, option values of any JSON
// type, and data it does not need (nested subcommand options, modal
// components of any type) is skipped unread. okbot's commands have no
// subcommands, so nested options are ignored, and so are option types and
// the component type.
type interaction struct {
	Type  int       `json:"type"`
	ID    snowflake `json:"id"`
	Token string    `json:"token"`
	Data  struct {
		Name     string   `json:"name"`
		Options  []option `json:"options"`
		CustomID string   `json:"custom_id"`
	} `json:"data"`
	Locale      string `json:"locale"`
	GuildLocale string `json:"guild_locale"`
	// Context is where the interaction happened: 0 a server, 1 the bot's
	// DM, 2 another DM or a group DM; nil in bodies from before 2024.
	Context *int `json:"context"`
	// AppPermissions are okbot's permissions in the channel. For a
	// user-installed app in a server it is not a member of, they are at
	// most @everyone's EMBED_LINKS, ATTACH_FILES, MENTION_EVERYONE and
	// USE_EXTERNAL_EMOJIS there.
	AppPermissions permissions `json:"app_permissions"`
	Member         struct {
		User idOnly `json:"user"`
	} `json:"member"`
	User    idOnly `json:"user"`
	Message struct {
		InteractionMetadata struct {
			User idOnly `json:"user"`
			// UserID is how messages from before 2024's change named the
			// user who ran the command.
			UserID snowflake `json:"user_id"`
		} `json:"interaction_metadata"`
		Interaction struct {
			User idOnly `json:"user"`
		} `json:"interaction"`
	} `json:"message"`
}

// decode reads the members okbot needs from body, with the encoding/json
// v2 prototype (github.com/go-json-experiment/json) and exactly as
// json.Unmarshal(body, in, decodeOptions) would (FuzzDecodeAsUnmarshal
// holds it to that). It walks the body's tokens with jsontext: the
// members okbot reads are matched by name without reflection, their
// values in the shapes Discord sends are read in place, and every other
// member (channel, guild, the member's profile, the clicked message's
// content) is skipped unread. A value in any other shape (an escaped
// string, a number where an object belongs, null) is handed to
// json.Unmarshal, so it gets exactly the reflective decoder's result.
// This takes about half the time the reflective decoder takes on a
// whole body (BenchmarkDecode), which itself took a third of
// encoding/json's.
func (in *interaction) decode(body []byte) error {
	return json.Unmarshal(body, (*walked)(in), decodeOptions)
}

// decodeOptions make the v2 decoder accept what encoding/json accepted:
// a member named twice (the last wins), invalid UTF-8 in strings (replaced
// with U+FFFD) and member names in another case ("ID" for "id").
var decodeOptions = json.JoinOptions(
	jsontext.AllowDuplicateNames(true),
	jsontext.AllowInvalidUTF8(true),
	json.MatchCaseInsensitiveNames(true),
)

// walked is an interaction decoded by walking its tokens (see decode).
type walked interaction

func (w *walked) UnmarshalJSONFrom(dec *jsontext.Decoder) error {
	in := (*interaction)(w)
	if dec.PeekKind() != '{' {
		return unmarshalValue(dec, in)
	}
	return eachMember(dec, func(name []byte) error {
		switch memberName(name, interactionMembers) {
		case "type":
			return readInt(dec, &in.Type)
		case "id":
			return readSnowflake(dec, &in.ID)
		case "token":
			return readString(dec, &in.Token)
		case "data":
			return readData(dec, in)
		case "locale":
			return readLocale(dec, &in.Locale)
		case "guild_locale":
			return readLocale(dec, &in.GuildLocale)
		case "context":
			return readContext(dec, &in.Context)
		case "app_permissions":
			return readPermissions(dec, &in.AppPermissions)
		case "member":
			if dec.PeekKind() != '{' {
				return unmarshalValue(dec, &in.Member)
			}
			return eachMember(dec, func(name []byte) error {
				if memberName(name, memberMembers) == "user" {
					return readIDOnly(dec, &in.Member.User)
				}
				return dec.SkipValue()
			})
		case "user":
			return readIDOnly(dec, &in.User)
		case "message":
			return readMessage(dec, in)
		}
		return dec.SkipValue()
	})
}

func readData(dec *jsontext.Decoder, in *interaction) error {
	d := &in.Data
	if dec.PeekKind() != '{' {
		return unmarshalValue(dec, d)
	}
	return eachMember(dec, func(name []byte) error {
		switch memberName(name, dataMembers) {
		case "name":
			return readString(dec, &d.Name)
		case "options":
			return readOptions(dec, &d.Options)
		case "custom_id":
			return readString(dec, &d.CustomID)
		}
		return dec.SkipValue()
	})
}

// noOptions is what the reflective decoder makes of "options":[].
var noOptions = []option{}

func readOptions(dec *jsontext.Decoder, opts *[]option) error {
	if dec.PeekKind() != '[' {
		return unmarshalValue(dec, opts)
	}
	if _, err := dec.ReadToken(); err != nil {
		return err
	}
	// As the reflective decoder does, elements are appended to the
	// slice's start, each from zero.
	out := (*opts)[:0]
	for dec.PeekKind() != ']' {
		out = append(out, option{})
		o := &out[len(out)-1]
		if dec.PeekKind() != '{' {
			if err := unmarshalValue(dec, o); err != nil {
				return err
			}
			continue
		}
		err := eachMember(dec, func(name []byte) error {
			switch memberName(name, optionMembers) {
			case "name":
				return readString(dec, &o.Name)
			case "value":
				return readOptionValue(dec, &o.Value)
			case "focused":
				return readBool(dec, &o.Focused)
			}
			return dec.SkipValue()
		})
		if err != nil {
			return err
		}
	}
	if _, err := dec.ReadToken(); err != nil {
		return err
	}
	if len(out) == 0 {
		out = noOptions
	}
	*opts = out
	return nil
}

func readMessage(dec *jsontext.Decoder, in *interaction) error {
	m := &in.Message
	if dec.PeekKind() != '{' {
		return unmarshalValue(dec, m)
	}
	return eachMember(dec, func(name []byte) error {
		switch memberName(name, messageMembers) {
		case "interaction_metadata":
			meta := &m.InteractionMetadata
			if dec.PeekKind() != '{' {
				return unmarshalValue(dec, meta)
			}
			return eachMember(dec, func(name []byte) error {
				switch memberName(name, metadataMembers) {
				case "user":
					return readIDOnly(dec, &meta.User)
				case "user_id":
					return readSnowflake(dec, &meta.UserID)
				}
				return dec.SkipValue()
			})
		case "interaction":
			mi := &m.Interaction
			if dec.PeekKind() != '{' {
				return unmarshalValue(dec, mi)
			}
			return eachMember(dec, func(name []byte) error {
				if memberName(name, memberMembers) == "user" {
					return readIDOnly(dec, &mi.User)
				}
				return dec.SkipValue()
			})
		}
		return dec.SkipValue()
	})
}

func readIDOnly(dec *jsontext.Decoder, u *idOnly) error {
	if dec.PeekKind() != '{' {
		return unmarshalValue(dec, u)
	}
	return eachMember(dec, func(name []byte) error {
		if memberName(name, idMembers) == "id" {
			return readSnowflake(dec, &u.ID)
		}
		return dec.SkipValue()
	})
}

// members are the names of the members okbot reads from one JSON object,
// as the struct tags name them, and each folded as the reflective decoder
// matches names case-insensitively (see fold). initials has bit c-'A'
// set for every folded name's first letter c: most names Discord sends
// match no member, and most of those are rejected by their first letter.
type members struct {
	names, folded []string
	initials      uint32
}

func memberNames(names ...string) *members {
	m := &members{names: names}
	for _, n := range names {
		f := string(fold(nil, []byte(n)))
		m.folded = append(m.folded, f)
		m.initials |= 1 << (f[0] - 'A')
	}
	return m
}

var (
	interactionMembers = memberNames("type", "id", "token", "data", "locale", "guild_locale", "context", "app_permissions", "member", "user", "message")
	dataMembers        = memberNames("name", "options", "custom_id")
	optionMembers      = memberNames("name", "value", "focused")
	memberMembers      = memberNames("user")
	messageMembers     = memberNames("interaction_metadata", "interaction")
	metadataMembers    = memberNames("user", "user_id")
	idMembers          = memberNames("id")
)

// memberName is the member of m that name stands for, or "": the one
// named exactly so, else the one whose name folds the same, as the
// reflective decoder matches them with MatchCaseInsensitiveNames.
func memberName(name []byte, m *members) string {
	if len(name) == 0 {
		return ""
	}
	if c := name[0]; c < utf8.RuneSelf && c != '_' && c != '-' {
		if 'a' <= c && c <= 'z' {
			c -= 'a' - 'A'
		}
		if c < 'A' || c > 'Z' || m.initials&(1<<(c-'A')) == 0 {
			return ""
		}
	}
	for _, n := range m.names {
		if string(name) == n {
			return n
		}
	}
	for i, f := range m.folded {
		if foldsTo(name, f) {
			return m.names[i]
		}
	}
	return ""
}

// fold appends name folded as the reflective decoder folds names for
// MatchCaseInsensitiveNames: without '_' and '-', ASCII letters in upper
// case, other characters as the smallest of their case-folding set
// (KELVIN SIGN folds to 'K').
func fold(out, name []byte) []byte {
	for i := 0; i < len(name); {
		if c := name[i]; c < utf8.RuneSelf {
			if c != '_' && c != '-' {
				if 'a' <= c && c <= 'z' {
					c -= 'a' - 'A'
				}
				out = append(out, c)
			}
			i++
			continue
		}
		r, n := utf8.DecodeRune(name[i:])
		out = utf8.AppendRune(out, foldRune(r))
		i += n
	}
	return out
}

// foldsTo reports whether name folds (see fold) to folded, which is
// ASCII, without building the folded name.
func foldsTo(name []byte, folded string) bool {
	j := 0
	for i := 0; i < len(name); {
		c := name[i]
		if c >= utf8.RuneSelf {
			r, n := utf8.DecodeRune(name[i:])
			r = foldRune(r)
			if r >= utf8.RuneSelf {
				return false
			}
			c = byte(r)
			i += n
		} else {
			i++
			if c == '_' || c == '-' {
				continue
			}
			if 'a' <= c && c <= 'z' {
				c -= 'a' - 'A'
			}
		}
		if j == len(folded) || folded[j] != c {
			return false
		}
		j++
	}
	return j == len(folded)
}

// foldRune is the smallest character in r's case-folding set.
func foldRune(r rune) rune {
	for {
		r2 := unicode.SimpleFold(r)
		if r2 <= r {
			return r2
		}
		r = r2
	}
}

// eachMember reads the object that comes next in dec, calling member with
// each member's name, unquoted, and dec before the member's value, which
// member must read. The name is valid only during the call.
func eachMember(dec *jsontext.Decoder, member func(name []byte) error) error {
	if _, err := dec.ReadToken(); err != nil {
		return err
	}
	for {
		if dec.PeekKind() == '}' {
			_, err := dec.ReadToken()
			return err
		}
		raw, err := dec.ReadValue()
		if err != nil {
			return err
		}
		// A name without escapes is matched as it is sent: if it holds
		// invalid UTF-8, so does no member okbot reads.
		name := raw[1 : len(raw)-1]
		if bytes.IndexByte(name, '\\') >= 0 {
			// The decoder checked the string; AppendUnquote's only
			// complaint can be invalid UTF-8, which it replaced with
			// U+FFFD as the reflective decoder does. Discord escapes no
			// names, so this allocation is rare.
			name, _ = jsontext.AppendUnquote(nil, raw)
		}
		if err := member(name); err != nil {
			return err
		}
	}
}

// plain is the text of the JSON string raw when it reads as it is sent:
// no escapes and valid UTF-8.
func plain(raw jsontext.Value) ([]byte, bool) {
	if len(raw) < 2 || raw[0] != '"' {
		return nil, false
	}
	text := raw[1 : len(raw)-1]
	if bytes.IndexByte(text, '\\') >= 0 || !utf8.Valid(text) {
		return nil, false
	}
	return text, true
}

// digits is the value of the JSON number raw when it is a small
// non-negative integer.
func digits(raw jsontext.Value) (uint64, bool) {
	if len(raw) == 0 || len(raw) > 18 {
		return 0, false
	}
	var n uint64
	for _, c := range raw {
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + uint64(c-'0')
	}
	return n, true
}

// unmarshalValue decodes the value that comes next in dec into v with
// the reflective decoder: the shapes the walk does not read itself.
func unmarshalValue(dec *jsontext.Decoder, v any) error {
	return json.UnmarshalDecode(dec, v)
}

func readString(dec *jsontext.Decoder, s *string) error {
	if dec.PeekKind() != '"' {
		return unmarshalValue(dec, s)
	}
	raw, err := dec.ReadValue()
	if err != nil {
		return err
	}
	if text, ok := plain(raw); ok {
		*s = string(text)
		return nil
	}
	return json.Unmarshal(raw, s, decodeOptions)
}

// locales are Discord's locales, so that a locale read is not a new
// string each time.
var locales = func() map[string]string {
	m := make(map[string]string, len(discordgo.Locales))
	for l := range discordgo.Locales {
		m[string(l)] = string(l)
	}
	return m
}()

func readLocale(dec *jsontext.Decoder, s *string) error {
	if dec.PeekKind() == '"' {
		raw, err := dec.ReadValue()
		if err != nil {
			return err
		}
		if text, ok := plain(raw); ok {
			if l, ok := locales[string(text)]; ok {
				*s = l
			} else {
				*s = string(text)
			}
			return nil
		}
		return json.Unmarshal(raw, s, decodeOptions)
	}
	return readString(dec, s)
}

func readInt(dec *jsontext.Decoder, p *int) error {
	if dec.PeekKind() != '0' {
		return unmarshalValue(dec, p)
	}
	raw, err := dec.ReadValue()
	if err != nil {
		return err
	}
	if n, ok := digits(raw); ok {
		*p = int(n)
		return nil
	}
	return json.Unmarshal(raw, p, decodeOptions)
}

func readContext(dec *jsontext.Decoder, p **int) error {
	if dec.PeekKind() != '0' {
		return unmarshalValue(dec, p)
	}
	raw, err := dec.ReadValue()
	if err != nil {
		return err
	}
	if n, ok := digits(raw); ok {
		v := int(n)
		*p = &v
		return nil
	}
	return json.Unmarshal(raw, p, decodeOptions)
}

func readBool(dec *jsontext.Decoder, p *bool) error {
	switch dec.PeekKind() {
	case 't', 'f':
		tok, err := dec.ReadToken()
		if err != nil {
			return err
		}
		*p = tok.Bool()
		return nil
	}
	return unmarshalValue(dec, p)
}

func readSnowflake(dec *jsontext.Decoder, s *snowflake) error {
	switch dec.PeekKind() {
	case '"':
		raw, err := dec.ReadValue()
		if err != nil {
			return err
		}
		if text, ok := plain(raw); ok {
			*s = snowflake(text)
			return nil
		}
		return json.Unmarshal(raw, s, decodeOptions)
	case '0':
		raw, err := dec.ReadValue()
		if err != nil {
			return err
		}
		*s = snowflake(raw) // a number's text as sent, as UnmarshalJSONFrom reads it
		return nil
	}
	return unmarshalValue(dec, s)
}

func readPermissions(dec *jsontext.Decoder, p *permissions) error {
	if dec.PeekKind() != '"' {
		return unmarshalValue(dec, p)
	}
	raw, err := dec.ReadValue()
	if err != nil {
		return err
	}
	if text, ok := plain(raw); ok && len(text) > 0 {
		if bits, ok := digits(text); ok {
			*p = permissions{bits: bits, known: true}
			return nil
		}
	}
	return json.Unmarshal(raw, p, decodeOptions)
}

func readOptionValue(dec *jsontext.Decoder, v *any) error {
	switch dec.PeekKind() {
	case '"':
		raw, err := dec.ReadValue()
		if err != nil {
			return err
		}
		if text, ok := plain(raw); ok {
			*v = string(text)
			return nil
		}
		return json.Unmarshal(raw, v, decodeOptions)
	case '0':
		raw, err := dec.ReadValue()
		if err != nil {
			return err
		}
		if n, ok := digits(raw); ok {
			*v = float64(n)
			return nil
		}
		return json.Unmarshal(raw, v, decodeOptions)
	}
	return unmarshalValue(dec, v)
}

type option struct {
	Name    string `json:"name"`
	Value   any    `json:"value"`
	Focused bool   `json:"focused"`
}

type idOnly struct {
	ID snowflake `json:"id"`
}

// snowflake is a Discord id. Discord sends ids as strings; its first
// published example, and some libraries' fixtures, have bare numbers,
// which are read as the same decimal string.
type snowflake string

func (s *snowflake) UnmarshalJSONFrom(dec *jsontext.Decoder) error {
	tok, err := dec.ReadToken()
	if err != nil {
		return err
	}
	switch tok.Kind() {
	case '"':
		*s = snowflake(tok.String())
	case '0':
		// String of a number token is its text as sent.
		*s = snowflake(tok.String())
	case 'n':
	default:
		return errNotSnowflake
	}
	return nil
}

var errNotSnowflake = errors.New("an id is neither a string nor a number")

// permissions is a permission bit set, sent as a decimal string (or a
// number); known is false when the interaction carries none, as in
// bodies from before app_permissions existed.
type permissions struct {
	bits  uint64
	known bool
}

func (p *permissions) UnmarshalJSONFrom(dec *jsontext.Decoder) error {
	tok, err := dec.ReadToken()
	if err != nil {
		return err
	}
	var text string
	switch tok.Kind() {
	case 'n':
		return nil
	case '"', '0':
		text = tok.String()
	default:
		return errNotPermissions
	}
	if text == "" {
		return nil // redacted
	}
	bits, err := strconv.ParseUint(text, 10, 64)
	if err != nil {
		return err
	}
	*p = permissions{bits: bits, known: true}
	return nil
}

var errNotPermissions = errors.New("app_permissions is neither a string nor a number")

// has reports whether the bit set allows perm; an unknown set allows
// everything, as Discord's apps could do before it sent one.
func (p permissions) has(perm int64) bool {
	return !p.known || p.bits&uint64(perm) != 0
}

// can is what the channel lets okbot's answer carry.
func (in *interaction) can() channelRights {
	return channelRights{
		embeds: in.AppPermissions.has(discordgo.PermissionEmbedLinks),
		files:  in.AppPermissions.has(discordgo.PermissionAttachFiles),
	}
}

// locale is the invoker's locale, or the guild's when the invoker's is
// missing.
func (in *interaction) locale() string {
	if in.Locale != "" {
		return in.Locale
	}
	return in.GuildLocale
}

// where names the interaction's context for the log.
func (in *interaction) where() string {
	if in.Context == nil {
		return "unknown"
	}
	switch *in.Context {
	case int(discordgo.InteractionContextGuild):
		return "guild"
	case int(discordgo.InteractionContextBotDM):
		return "bot_dm"
	case int(discordgo.InteractionContextPrivateChannel):
		return "private_channel"
	}
	return strconv.Itoa(*in.Context)
}

// request is the command request in stands for; ok is false for
// interactions that carry none (PING, and types okbot does not know).
func (in *interaction) request() (req commands.Request, ok bool) {
	req = commands.Request{Locale: in.locale(), UserID: string(in.Member.User.ID)}
	if req.UserID == "" {
		req.UserID = string(in.User.ID)
	}
	switch discordgo.InteractionType(in.Type) {
	case discordgo.InteractionApplicationCommand, discordgo.InteractionApplicationCommandAutocomplete:
		req.Kind = commands.Command
		if discordgo.InteractionType(in.Type) == discordgo.InteractionApplicationCommandAutocomplete {
			req.Kind = commands.Autocomplete
		}
		req.Command = in.Data.Name
		if len(in.Data.Options) > 0 {
			req.Options = make([]commands.Option, len(in.Data.Options))
			for i, o := range in.Data.Options {
				req.Options[i] = commands.Option{Name: o.Name, Value: OptionValue(o.Value), Focused: o.Focused}
			}
		}
	case discordgo.InteractionMessageComponent:
		req.Kind = commands.Component
		req.CustomID = in.Data.CustomID
		// message.interaction is deprecated in favour of
		// interaction_metadata; it is read only when the latter names
		// nobody. Messages from before 2024 name the user by user_id.
		meta := in.Message.InteractionMetadata
		req.OwnerID = string(meta.User.ID)
		if req.OwnerID == "" {
			req.OwnerID = string(meta.UserID)
		}
		if req.OwnerID == "" {
			req.OwnerID = string(in.Message.Interaction.User.ID)
		}
	case discordgo.InteractionModalSubmit:
		// okbot opens no modals, so a submit cannot be for it.
		req.Kind = commands.Unsupported
	default:
		return req, false
	}
	return req, true
}
