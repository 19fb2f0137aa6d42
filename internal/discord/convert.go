// Package discord is okbot's only contact with Discord: it converts between
// discordgo's types and the transport-neutral commands package, runs the
// gateway connection, serves the HTTP interactions endpoint and registers
// the command definitions.
package discord

import (
	"bytes"
	"fmt"
	"slices"
	"strconv"

	"github.com/bwmarrin/discordgo"

	"github.com/okbot/okbot/internal/commands"
)

// Scope is where commands are registered: globally, or in one guild
// (DISCORD_GUILD_ID), where changes show at once.
type Scope int

const (
	Global Scope = iota
	Guild
)

// Every okbot command can be installed to a server and to a user's own
// account, and used in a server, in a DM with the bot and in other DMs
// and group DMs. Discord accepts these only on global commands.
var (
	everyInstall = []discordgo.ApplicationIntegrationType{
		discordgo.ApplicationIntegrationGuildInstall,
		discordgo.ApplicationIntegrationUserInstall,
	}
	everyContext = []discordgo.InteractionContextType{
		discordgo.InteractionContextGuild,
		discordgo.InteractionContextBotDM,
		discordgo.InteractionContextPrivateChannel,
	}
)

// ApplicationCommands converts okbot's command definitions into the array
// that is bulk-overwritten to Discord in scope. Global commands declare
// every install type and context (integration_types [0,1], contexts
// [0,1,2]); guild commands leave both out, as Discord refuses them there.
func ApplicationCommands(defs []commands.Definition, scope Scope) []*discordgo.ApplicationCommand {
	out := make([]*discordgo.ApplicationCommand, 0, len(defs))
	for _, d := range defs {
		cmd := &discordgo.ApplicationCommand{
			Type:        discordgo.ChatApplicationCommand,
			Name:        d.Name,
			Description: d.Description.EN,
		}
		if scope == Global {
			installs, contexts := slices.Clone(everyInstall), slices.Clone(everyContext)
			cmd.IntegrationTypes, cmd.Contexts = &installs, &contexts
		}
		if d.NameKO != "" {
			cmd.NameLocalizations = &map[discordgo.Locale]string{discordgo.Korean: d.NameKO}
		}
		if d.Description.KO != "" {
			cmd.DescriptionLocalizations = &map[discordgo.Locale]string{discordgo.Korean: d.Description.KO}
		}
		for _, o := range d.Options {
			cmd.Options = append(cmd.Options, applicationCommandOption(o))
		}
		out = append(out, cmd)
	}
	return out
}

func applicationCommandOption(o commands.OptionDefinition) *discordgo.ApplicationCommandOption {
	opt := &discordgo.ApplicationCommandOption{
		Type:         discordgo.ApplicationCommandOptionType(o.Type),
		Name:         o.Name,
		Description:  o.Description.EN,
		Required:     o.Required,
		Autocomplete: o.Autocomplete,
		MaxLength:    o.MaxLength,
	}
	if o.NameKO != "" {
		opt.NameLocalizations = map[discordgo.Locale]string{discordgo.Korean: o.NameKO}
	}
	if o.Description.KO != "" {
		opt.DescriptionLocalizations = map[discordgo.Locale]string{discordgo.Korean: o.Description.KO}
	}
	if o.MinValue != nil {
		v := float64(*o.MinValue)
		opt.MinValue = &v
	}
	if o.MaxValue != nil {
		opt.MaxValue = float64(*o.MaxValue)
	}
	return opt
}

// Callback is the body of Discord's interaction callback that answers
// with r, as okbot sends it: messageResponse for messages, and for
// autocomplete exactly what Discord documents, type 8 and the choices (an
// empty list when nothing matches: discordgo's omitempty would drop it,
// and clients have been seen to show "Loading options failed" then),
// without the message fields discordgo adds (tts, content).
func Callback(r commands.Response) any {
	if r.Kind != commands.Choices {
		return messageResponse(r)
	}
	var a autocompleteResult
	a.Type = discordgo.InteractionApplicationCommandAutocompleteResult
	a.Data.Choices = make([]*discordgo.ApplicationCommandOptionChoice, len(r.Choices))
	for i, c := range r.Choices {
		a.Data.Choices[i] = &discordgo.ApplicationCommandOptionChoice{Name: c.Name, Value: c.Value}
	}
	return a
}

type autocompleteResult struct {
	Type discordgo.InteractionResponseType `json:"type"`
	Data struct {
		Choices []*discordgo.ApplicationCommandOptionChoice `json:"choices"`
	} `json:"data"`
}

// messageResponse converts a command's message response (a new
// message or an update) into discordgo's interaction response. Files
// become discordgo Files, which discordgo sends as multipart/form-data.
// Autocomplete choices are not messages: Callback, what okbot sends,
// converts them itself, as discordgo's type would drop an empty list.
func messageResponse(r commands.Response) *discordgo.InteractionResponse {
	switch r.Kind {
	case commands.Update:
		return &discordgo.InteractionResponse{Type: discordgo.InteractionResponseUpdateMessage, Data: messageData(r)}
	default:
		return &discordgo.InteractionResponse{Type: discordgo.InteractionResponseChannelMessageWithSource, Data: messageData(r)}
	}
}

func messageData(r commands.Response) *discordgo.InteractionResponseData {
	d := &discordgo.InteractionResponseData{
		Content: r.Content,
		// Replies can quote what the user typed (an unknown name); never let
		// that ping anyone.
		AllowedMentions: &discordgo.MessageAllowedMentions{Parse: []discordgo.AllowedMentionType{}},
		// An update with no rows must clear the old buttons, so send an
		// empty array rather than null.
		Components: []discordgo.MessageComponent{},
		Embeds:     []*discordgo.MessageEmbed{},
	}
	if r.Ephemeral {
		d.Flags = discordgo.MessageFlagsEphemeral
	}
	for _, e := range r.Embeds {
		d.Embeds = append(d.Embeds, messageEmbed(e))
	}
	for _, row := range r.Rows {
		buttons := make([]discordgo.MessageComponent, len(row))
		for i, b := range row {
			buttons[i] = discordgo.Button{
				Label:    b.Label,
				Style:    discordgo.ButtonStyle(b.Style),
				CustomID: b.CustomID,
				URL:      b.URL,
				Disabled: b.Disabled,
			}
		}
		d.Components = append(d.Components, discordgo.ActionsRow{Components: buttons})
	}
	for _, f := range r.Files {
		d.Files = append(d.Files, &discordgo.File{Name: f.Name, ContentType: f.ContentType, Reader: bytes.NewReader(f.Data)})
	}
	return d
}

func messageEmbed(e commands.Embed) *discordgo.MessageEmbed {
	m := &discordgo.MessageEmbed{
		Type:        discordgo.EmbedTypeRich,
		Title:       e.Title,
		Description: e.Description,
		URL:         e.URL,
		Color:       e.Color,
	}
	for _, f := range e.Fields {
		m.Fields = append(m.Fields, &discordgo.MessageEmbedField{Name: f.Name, Value: f.Value, Inline: f.Inline})
	}
	if e.Image != "" {
		m.Image = &discordgo.MessageEmbedImage{URL: e.Image}
	}
	if e.Footer != "" {
		m.Footer = &discordgo.MessageEmbedFooter{Text: e.Footer}
	}
	return m
}

// OptionValue renders an option value as the commands package expects it:
// strings as they are, numbers in decimal. A focused INTEGER option may
// arrive as a string, even an empty one, so the type is not trusted.
func OptionValue(v any) string {
	switch v := v.(type) {
	case string:
		return v
	case float64:
		return strconv.FormatFloat(v, 'f', -1, 64)
	case bool:
		return strconv.FormatBool(v)
	case nil:
		return ""
	default:
		return fmt.Sprint(v)
	}
}

// channelRights is what a channel lets okbot's answer carry, from the
// interaction's app_permissions.
type channelRights struct {
	// embeds: Embed Links; without it Discord shows no embed.
	embeds bool
	// files: Attach Files; without it an answer with a file fails.
	files bool
}

// fit is resp as a channel with rights c can show it: the chart left out
// without Attach Files, plain content instead of embeds without Embed
// Links (see commands.WithoutFiles and commands.Plain).
func (c channelRights) fit(resp commands.Response, locale string) commands.Response {
	if !c.files {
		resp = commands.WithoutFiles(resp, locale)
	}
	if !c.embeds {
		resp = commands.Plain(resp, locale)
	}
	return resp
}
