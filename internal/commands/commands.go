// Package commands answers okbot's slash commands. A command is a definition
// plus a pure, synchronous function of (facts, request) -> response; nothing
// here knows whether the request came over the gateway, the HTTP endpoint or
// the offline `okbot ask`. The discord package converts to and from
// Discord's types.
package commands

// Kind is what the user did.
type Kind int

const (
	// Command: the user ran a slash command (interaction type 2).
	Command Kind = iota + 1
	// Autocomplete: the user is typing an option with autocomplete
	// (interaction type 4); exactly one option is Focused.
	Autocomplete
	// Component: the user clicked a button on one of okbot's messages
	// (interaction type 3); CustomID says which.
	Component
	// Unsupported: an interaction okbot never asks for, such as a modal
	// submit (type 5); it is answered as an unknown command.
	Unsupported
)

// Option is one option value as the user gave it. Values arrive as strings:
// integers in decimal, exactly as typed for a focused autocomplete option
// (which may be empty or not a number at all).
type Option struct {
	Name    string
	Value   string
	Focused bool
}

// Request is one interaction, reduced to what the commands need.
type Request struct {
	Kind Kind
	// Command is the command's default (unlocalized) name, for Command and
	// Autocomplete.
	Command string
	Options []Option
	// CustomID of the clicked component, for Component.
	CustomID string
	// UserID is the user who sent this interaction.
	UserID string
	// OwnerID is, for Component, the user who ran the command that made the
	// message; empty when Discord did not say.
	OwnerID string
	// Locale is the user's locale, or the guild's when the user's is
	// absent, e.g. "ko" or "en-US". Empty means English.
	Locale string
}

// Option returns the value of the named option and whether it was given.
func (r Request) Option(name string) (string, bool) {
	for _, o := range r.Options {
		if o.Name == name {
			return o.Value, true
		}
	}
	return "", false
}

// ResponseKind is how the response reaches the user.
type ResponseKind int

const (
	// Message: a new message in reply (callback type 4).
	Message ResponseKind = iota + 1
	// Update: edit the message the clicked component is on (callback type 7).
	Update
	// Choices: autocomplete suggestions (callback type 8).
	Choices
)

// Response is what okbot answers. Every Response a handler returns stays
// within Discord's limits (see Check).
type Response struct {
	Kind ResponseKind
	// Ephemeral replies are shown only to the user who asked.
	Ephemeral bool
	Content   string
	Embeds    []Embed
	// Rows are action rows of buttons, at most 5 rows of 5.
	Rows    [][]Button
	Choices []Choice
	// Files are attached to the message; an embed shows one through
	// Image "attachment://NAME".
	Files []File
}

// Embed is a rich embed.
type Embed struct {
	Title       string
	Description string
	URL         string
	Color       int
	Fields      []Field
	// Image is the URL of a large image, e.g. "attachment://ratings.png".
	Image  string
	Footer string
}

// Field is one embed field.
type Field struct {
	Name   string
	Value  string
	Inline bool
}

// ButtonStyle is Discord's button style.
type ButtonStyle int

const (
	Primary   ButtonStyle = 1
	Secondary ButtonStyle = 2
	Success   ButtonStyle = 3
	Danger    ButtonStyle = 4
	Link      ButtonStyle = 5
)

// Button is a message button. Non-link buttons carry a CustomID that holds
// all of their state (see customid.go), so they work after a restart and
// on any replica.
type Button struct {
	Label    string
	Style    ButtonStyle
	CustomID string
	// URL is set only for Link buttons.
	URL      string
	Disabled bool
}

// Choice is one autocomplete suggestion.
type Choice struct {
	// Name is shown to the user (1-100 chars).
	Name string
	// Value is what the option is set to (at most 100 chars).
	Value string
}

// File is an attachment.
type File struct {
	Name        string
	ContentType string
	Data        []byte
}

// Localized is a user-facing string in okbot's two languages. KO may be
// empty, in which case Korean users see EN.
type Localized struct {
	EN string
	KO string
}

// OptionType is the type of a command option.
type OptionType int

const (
	String  OptionType = 3
	Integer OptionType = 4
)

// Definition describes a slash command as registered with Discord.
type Definition struct {
	Name        string
	NameKO      string
	Description Localized
	Options     []OptionDefinition
}

// OptionDefinition describes one option of a command.
type OptionDefinition struct {
	Name         string
	NameKO       string
	Type         OptionType
	Description  Localized
	Required     bool
	Autocomplete bool
	// MinValue and MaxValue bound Integer options when non-nil.
	MinValue *int
	MaxValue *int
	// MaxLength bounds String options when non-zero.
	MaxLength int
}
