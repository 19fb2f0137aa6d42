package discord

import (
	"encoding/json"

	"github.com/bwmarrin/discordgo"

	"github.com/okbot/okbot/internal/commands"
)

// interaction is the part of Discord's interaction object that okbot
// reads (see decode). It yields the same commands.Request as Request does
// for a whole discordgo.Interaction; okbot's commands have no
// subcommands, so nested options are ignored there as here, and so are
// option types and the component type.
type interaction struct {
	Type int    `json:"type"`
	ID   string `json:"id"`
	Data struct {
		Name     string   `json:"name"`
		Options  []option `json:"options"`
		CustomID string   `json:"custom_id"`
	} `json:"data"`
	Locale      string `json:"locale"`
	GuildLocale string `json:"guild_locale"`
	Member      struct {
		User idOnly `json:"user"`
	} `json:"member"`
	User    idOnly `json:"user"`
	Message struct {
		InteractionMetadata struct {
			User idOnly `json:"user"`
		} `json:"interaction_metadata"`
		Interaction struct {
			User idOnly `json:"user"`
		} `json:"interaction"`
	} `json:"message"`
}

// decode reads the members okbot needs from body. encoding/json still
// scans the members it skips (channel, guild, the member's profile, the
// clicked message), but into this small struct it costs well under half of
// decoding a whole discordgo.Interaction (BenchmarkDecode).
func (in *interaction) decode(body []byte) error {
	return json.Unmarshal(body, in)
}

type option struct {
	Name    string `json:"name"`
	Value   any    `json:"value"`
	Focused bool   `json:"focused"`
}

type idOnly struct {
	ID string `json:"id"`
}

// locale is the invoker's locale, or the guild's when the invoker's is
// missing, as Request reads it.
func (in *interaction) locale() string {
	if in.Locale != "" {
		return in.Locale
	}
	return in.GuildLocale
}

// request is the command request in stands for, the same as Request's
// for the whole interaction.
func (in *interaction) request() commands.Request {
	req := commands.Request{Locale: in.locale(), UserID: in.Member.User.ID}
	if req.UserID == "" {
		req.UserID = in.User.ID
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
		// interaction_metadata; it is read only when the latter is absent,
		// as Request does.
		req.OwnerID = in.Message.InteractionMetadata.User.ID
		if req.OwnerID == "" {
			req.OwnerID = in.Message.Interaction.User.ID
		}
	}
	return req
}
