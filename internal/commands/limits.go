package commands

import (
	"errors"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Discord's documented limits (discord-api-docs: resources/message.mdx
// "Embed Limits", components/reference.mdx, interactions/
// application-commands.mdx; summarized in ../shared/discord/PLATFORM.md
// §3-§4). A payload over any of them is rejected with 400 Bad Request and
// the user sees "This interaction failed".
const (
	maxContent       = 2000
	maxEmbeds        = 10
	maxTitle         = 256
	maxDescription   = 4096
	maxFields        = 25
	maxFieldName     = 256
	maxFieldValue    = 1024
	maxFooter        = 2048
	maxEmbedsTotal   = 6000 // title, description, field names and values, footer, over all embeds
	maxRows          = 5
	maxButtonsPerRow = 5
	maxCustomID      = 100
	maxLabel         = 80
	maxChoices       = 25
	maxChoiceName    = 100
	maxChoiceValue   = 100

	maxCommands           = 100 // global CHAT_INPUT commands per application
	maxCommandDescription = 100
	maxOptions            = 25
	maxOptionLength       = 6000 // max_length of a String option
	maxCommandTotal       = 8000 // names and descriptions of one command, longest localization of each
)

// commandNamePattern is Discord's pattern for CHAT_INPUT command and
// option names (also lowercase, checked separately).
const commandNamePattern = `^[-_'\p{L}\p{N}\p{Devanagari}\p{Thai}]{1,32}$`

// isCommandName reports whether name matches commandNamePattern. It is
// the pattern spelt out rather than compiled: compiling its Unicode
// classes allocates over a megabyte, at every start.
func isCommandName(name string) bool {
	n := 0
	for _, r := range name {
		n++
		if r != '-' && r != '_' && r != '\'' && !unicode.IsLetter(r) && !unicode.IsNumber(r) && !unicode.In(r, unicode.Devanagari, unicode.Thai) {
			return false
		}
	}
	return n >= 1 && n <= 32
}

// length counts s as Discord does: in characters (code points), after
// trimming leading and trailing white space.
func length(s string) int { return utf8.RuneCountInString(strings.TrimSpace(s)) }

// maxFirstView is the most visible characters a command's first view may
// show: about what a phone shows in two or three screens. The rest of an
// answer is one click away. The tests hold every first view to it
// (visibleLen); /ask's answers are cut to it as they are prepared.
const maxFirstView = 2500

// problems collects every limit a payload breaks, each with where. A nil
// *problems checks nothing: it is what answers are prepared with when
// their facts were checked before (NewDeferred).
type problems []error

func (p *problems) add(where, format string, args ...any) {
	if p == nil {
		return
	}
	*p = append(*p, fmt.Errorf("%s: %s", where, fmt.Sprintf(format, args...)))
}

// atMost reports s if it is longer than limit.
func (p *problems) atMost(where, s string, limit int) {
	if p == nil {
		return
	}
	if n := length(s); n > limit {
		p.add(where, "%d characters, more than %d", n, limit)
	}
}

// filled reports s if it is empty or longer than limit.
func (p *problems) filled(where, s string, limit int) {
	if p == nil {
		return
	}
	if length(s) == 0 {
		p.add(where, "empty")
	}
	p.atMost(where, s, limit)
}

// within adds found to p, each problem after prefix, which says what it
// is a problem of and how to fix it.
func (p *problems) within(prefix string, found problems) {
	if p == nil {
		return
	}
	for _, e := range found {
		*p = append(*p, fmt.Errorf("%s: %w", prefix, e))
	}
}

// err is every problem joined into one error, whose Unwrap() []error lists
// them, or nil.
func (p problems) err() error { return errors.Join(p...) }

// Check reports every way resp breaks Discord's documented limits for an
// interaction response, one error per problem, or nil when Discord would
// accept it. Lengths are counted in characters after trimming.
func Check(resp Response) error { return check(resp).err() }

func check(resp Response) problems {
	var p problems
	switch resp.Kind {
	case Message, Update:
		checkMessage(&p, resp)
	case Choices:
		checkChoices(&p, resp)
	default:
		p.add("kind", "%d is not a response kind", resp.Kind)
	}
	return p
}

func checkMessage(p *problems, resp Response) {
	if length(resp.Content) == 0 && len(resp.Embeds) == 0 && len(resp.Files) == 0 {
		p.add("message", "no content, embeds or files (Discord: cannot send an empty message)")
	}
	p.atMost("content", resp.Content, maxContent)
	if len(resp.Choices) > 0 {
		p.add("choices", "only autocomplete responses carry choices")
	}
	if len(resp.Embeds) > maxEmbeds {
		p.add("embeds", "%d embeds, more than %d", len(resp.Embeds), maxEmbeds)
	}
	files := map[string]bool{}
	for i, f := range resp.Files {
		where := fmt.Sprintf("files[%d]", i)
		switch {
		case f.Name == "" || strings.ContainsAny(f.Name, "/\\"):
			p.add(where, "name %q is not a plain file name", f.Name)
		case files[f.Name]:
			p.add(where, "name %q attached twice", f.Name)
		}
		if len(f.Data) == 0 {
			p.add(where, "no data")
		}
		files[f.Name] = true
	}
	total := 0
	for i, e := range resp.Embeds {
		checkEmbed(p, fmt.Sprintf("embeds[%d]", i), e, files)
		total += embedLength(e)
	}
	if total > maxEmbedsTotal {
		p.add("embeds", "%d characters in all, more than %d", total, maxEmbedsTotal)
	}
	checkRows(p, resp.Rows)
}

func checkEmbed(p *problems, where string, e Embed, files map[string]bool) {
	if length(e.Title) == 0 && length(e.Description) == 0 && len(e.Fields) == 0 && e.Image == "" && length(e.Footer) == 0 {
		p.add(where, "empty embed")
	}
	p.atMost(where+".title", e.Title, maxTitle)
	p.atMost(where+".description", e.Description, maxDescription)
	p.atMost(where+".footer", e.Footer, maxFooter)
	if e.Color < 0 || e.Color > 0xFFFFFF {
		p.add(where+".color", "%#x is not a 24-bit colour", e.Color)
	}
	if e.URL != "" && !isWebURL(e.URL) {
		p.add(where+".url", "%q is not an http(s) URL", e.URL)
	}
	if name, ok := strings.CutPrefix(e.Image, "attachment://"); ok {
		if !files[name] {
			p.add(where+".image", "%q names no attached file", e.Image)
		}
	} else if e.Image != "" && !isWebURL(e.Image) {
		p.add(where+".image", "%q is neither attachment:// nor an http(s) URL", e.Image)
	}
	if len(e.Fields) > maxFields {
		p.add(where+".fields", "%d fields, more than %d", len(e.Fields), maxFields)
	}
	for i, f := range e.Fields {
		fw := fmt.Sprintf("%s.fields[%d]", where, i)
		p.filled(fw+".name", f.Name, maxFieldName)
		p.filled(fw+".value", f.Value, maxFieldValue)
	}
}

// embedLength is what an embed counts towards the 6000-character total.
func embedLength(e Embed) int {
	n := length(e.Title) + length(e.Description) + length(e.Footer)
	for _, f := range e.Fields {
		n += length(f.Name) + length(f.Value)
	}
	return n
}

func checkRows(p *problems, rows [][]Button) {
	if len(rows) > maxRows {
		p.add("rows", "%d action rows, more than %d", len(rows), maxRows)
	}
	ids := map[string]bool{}
	for i, row := range rows {
		if len(row) == 0 || len(row) > maxButtonsPerRow {
			p.add(fmt.Sprintf("rows[%d]", i), "%d buttons; a row holds 1 to %d", len(row), maxButtonsPerRow)
		}
		for j, b := range row {
			where := fmt.Sprintf("rows[%d][%d]", i, j)
			p.filled(where+".label", b.Label, maxLabel)
			switch {
			case b.Style == Link:
				if !isWebURL(b.URL) {
					p.add(where+".url", "link button needs an http(s) URL, got %q", b.URL)
				}
				if b.CustomID != "" {
					p.add(where+".custom_id", "link buttons carry no custom_id")
				}
			case b.Style >= Primary && b.Style <= Danger:
				if n := utf8.RuneCountInString(b.CustomID); n == 0 || n > maxCustomID {
					p.add(where+".custom_id", "%d characters; must be 1 to %d", n, maxCustomID)
				}
				if ids[b.CustomID] {
					p.add(where+".custom_id", "%q used twice in one message", b.CustomID)
				}
				ids[b.CustomID] = true
				if b.URL != "" {
					p.add(where+".url", "only link buttons carry a URL")
				}
			default:
				p.add(where+".style", "%d is not a button style", b.Style)
			}
		}
	}
}

func checkChoices(p *problems, resp Response) {
	if length(resp.Content) > 0 || len(resp.Embeds) > 0 || len(resp.Rows) > 0 || len(resp.Files) > 0 || resp.Ephemeral {
		p.add("choices", "an autocomplete response carries only choices")
	}
	if len(resp.Choices) > maxChoices {
		p.add("choices", "%d choices, more than %d", len(resp.Choices), maxChoices)
	}
	for i, c := range resp.Choices {
		where := fmt.Sprintf("choices[%d]", i)
		p.filled(where+".name", c.Name, maxChoiceName)
		p.atMost(where+".value", c.Value, maxChoiceValue)
	}
}

func isWebURL(s string) bool {
	return strings.HasPrefix(s, "https://") || strings.HasPrefix(s, "http://")
}

// CheckDefinitions reports every way defs break Discord's rules for
// CHAT_INPUT commands, one error per problem, or nil: names, descriptions
// and their Korean localizations, option order and bounds, and the
// 8000-character total per command.
func CheckDefinitions(defs []Definition) error { return checkDefinitions(defs).err() }

func checkDefinitions(defs []Definition) problems {
	var p problems
	if len(defs) > maxCommands {
		p.add("commands", "%d commands, more than %d", len(defs), maxCommands)
	}
	names := map[string]bool{}
	for i, d := range defs {
		where := fmt.Sprintf("commands[%d] (/%s)", i, d.Name)
		if names[d.Name] {
			p.add(where, "name %q used twice", d.Name)
		}
		names[d.Name] = true
		checkDefinition(&p, where, d)
	}
	return p
}

func checkDefinition(p *problems, where string, d Definition) {
	checkName(p, where+".name", d.Name, true)
	checkName(p, where+".name_ko", d.NameKO, false)
	checkDescription(p, where+".description", d.Description)
	if len(d.Options) > maxOptions {
		p.add(where+".options", "%d options, more than %d", len(d.Options), maxOptions)
	}
	total := longest(d.Name, d.NameKO) + longest(d.Description.EN, d.Description.KO)
	names := map[string]bool{}
	optional := false
	for i, o := range d.Options {
		ow := fmt.Sprintf("%s.options[%d] (%s)", where, i, o.Name)
		checkName(p, ow+".name", o.Name, true)
		checkName(p, ow+".name_ko", o.NameKO, false)
		checkDescription(p, ow+".description", o.Description)
		for _, n := range []string{o.Name, o.NameKO} {
			if n != "" && names[n] {
				p.add(ow+".name", "%q used twice", n)
			}
			names[n] = true
		}
		if o.Required && optional {
			p.add(ow+".required", "required options must come before optional ones")
		}
		optional = optional || !o.Required
		switch o.Type {
		case String:
			if o.MinValue != nil || o.MaxValue != nil {
				p.add(ow, "min/max value on a String option")
			}
			if o.MaxLength < 0 || o.MaxLength > maxOptionLength {
				p.add(ow+".max_length", "%d is outside 1-%d", o.MaxLength, maxOptionLength)
			}
		case Integer:
			if o.MaxLength != 0 {
				p.add(ow+".max_length", "max length on an Integer option")
			}
			if o.MinValue != nil && o.MaxValue != nil && *o.MinValue > *o.MaxValue {
				p.add(ow, "min value %d above max value %d", *o.MinValue, *o.MaxValue)
			}
		default:
			p.add(ow+".type", "%d is not an option type okbot uses", o.Type)
		}
		total += longest(o.Name, o.NameKO) + longest(o.Description.EN, o.Description.KO)
	}
	if total > maxCommandTotal {
		p.add(where, "%d characters of names and descriptions, more than %d", total, maxCommandTotal)
	}
}

// checkName checks a command or option name; an optional one (a
// localization) may be empty.
func checkName(p *problems, where, name string, required bool) {
	if name == "" && !required {
		return
	}
	if !isCommandName(name) {
		p.add(where, "%q does not match %s", name, commandNamePattern)
	}
	if lower := strings.ToLower(name); lower != name {
		p.add(where, "%q has upper-case letters; Discord wants %q", name, lower)
	}
}

func checkDescription(p *problems, where string, d Localized) {
	p.filled(where, d.EN, maxCommandDescription)
	if d.KO != "" {
		p.filled(where+"_ko", d.KO, maxCommandDescription)
	}
}

// longest is the length a localized field counts towards the 8000-character
// total: only its longest variant.
func longest(s ...string) int {
	n := 0
	for _, v := range s {
		n = max(n, length(v))
	}
	return n
}
