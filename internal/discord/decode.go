package discord

import (
	"errors"
	"strconv"

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
// v2 prototype (github.com/go-json-experiment/json): it validates and
// decodes in one pass and skips the members okbot does not read (channel,
// guild, the member's profile, the clicked message) far faster than
// encoding/json, which scans the body twice (BenchmarkDecode: about a
// third of the time). decodeOptions keep encoding/json's leniencies that
// matter for a signed body.
func (in *interaction) decode(body []byte) error {
	return json.Unmarshal(body, in, decodeOptions)
}

// decodeOptions make the v2 decoder accept what encoding/json accepted:
// a member named twice (the last wins), invalid UTF-8 in strings (replaced
// with U+FFFD) and member names in another case ("ID" for "id").
var decodeOptions = json.JoinOptions(
	jsontext.AllowDuplicateNames(true),
	jsontext.AllowInvalidUTF8(true),
	json.MatchCaseInsensitiveNames(true),
)

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
