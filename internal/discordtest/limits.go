package discordtest

import (
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"
)

// The fake refuses what Discord refuses, so a test sees the bot's payloads
// as Discord would. The limits are Discord's documented ones
// (discord-api-docs resources/message.mdx "Embed Limits",
// components/reference.mdx, interactions/application-commands.mdx,
// receiving-and-responding.mdx), checked on the JSON as sent. Lengths are
// counted in characters after trimming, as Discord counts them.

// commandName is Discord's pattern for CHAT_INPUT command and option names,
// which must also be lower-case.
var commandName = regexp.MustCompile(`^[-_'\p{L}\p{N}\p{Devanagari}\p{Thai}]{1,32}$`)

// locales are the 32 locale codes Discord documents for localizations.
var locales = func() map[string]bool {
	m := map[string]bool{}
	for _, l := range strings.Fields("id da de en-GB en-US es-ES es-419 fr hr it lt hu nl no pl pt-BR ro fi sv-SE vi tr cs el bg ru uk hi th zh-CN ja zh-TW ko") {
		m[l] = true
	}
	return m
}()

// problems collects what Discord would refuse, each as "path: message".
type problems []string

func (p *problems) add(path, format string, args ...any) {
	*p = append(*p, path+": "+fmt.Sprintf(format, args...))
}

func length(v any) int { return utf8.RuneCountInString(strings.TrimSpace(str(v))) }

// atMost reports a string longer than limit.
func (p *problems) atMost(path string, v any, limit int) {
	if n := length(v); n > limit {
		p.add(path, "%d characters, more than %d", n, limit)
	}
}

// between reports a string shorter than lo or longer than hi.
func (p *problems) between(path string, v any, lo, hi int) {
	if n := length(v); n < lo || n > hi {
		p.add(path, "%d characters, want %d to %d", n, lo, hi)
	}
}

func number(v any) (int, bool) {
	f, ok := v.(float64)
	return int(f), ok
}

// checkCommands returns what Discord would refuse in a bulk overwrite of
// CHAT_INPUT commands, globally or (inGuild) in one guild.
func checkCommands(cmds []map[string]any, inGuild bool) []string {
	var p problems
	if len(cmds) > 100 {
		p.add("(root)", "%d commands, more than 100", len(cmds))
	}
	seen := map[string]bool{}
	for i, c := range cmds {
		path := fmt.Sprintf("/%d", i)
		if t, ok := number(c["type"]); c["type"] != nil && (!ok || t != 1) {
			p.add(path+"/type", "%v: the fake knows only CHAT_INPUT (1) commands", c["type"])
			continue
		}
		if name := str(c["name"]); seen[name] {
			p.add(path+"/name", "%q used twice", name)
		} else {
			seen[name] = true
		}
		checkNamed(&p, path, c)
		// Installation and interaction contexts apply to global commands
		// only; Discord's docs say so for both fields.
		for _, f := range []string{"integration_types", "contexts"} {
			if _, ok := c[f]; ok && inGuild {
				p.add(path+"/"+f, "only global commands have %s; a guild command cannot be user-installed or used in DMs", f)
			}
		}
		opts := list(c["options"])
		if len(opts) > 25 {
			p.add(path+"/options", "%d options, more than 25", len(opts))
		}
		total := length(c["name"]) + length(c["description"])
		names := map[string]bool{}
		optional := false
		for j, o := range opts {
			o, opath := object(o), fmt.Sprintf("%s/options/%d", path, j)
			checkNamed(&p, opath, o)
			if names[str(o["name"])] {
				p.add(opath+"/name", "%q used twice", str(o["name"]))
			}
			names[str(o["name"])] = true
			if t, _ := number(o["type"]); t < 1 || t > 11 {
				p.add(opath+"/type", "%v is not an option type", o["type"])
			}
			required, _ := o["required"].(bool)
			if required && optional {
				p.add(opath+"/required", "required options must come before optional ones")
			}
			optional = optional || !required
			choices := list(o["choices"])
			if len(choices) > 25 {
				p.add(opath+"/choices", "%d choices, more than 25", len(choices))
			}
			if auto, _ := o["autocomplete"].(bool); auto && len(choices) > 0 {
				p.add(opath+"/autocomplete", "autocomplete may not be combined with choices")
			}
			total += length(o["name"]) + length(o["description"])
		}
		if total > 8000 {
			p.add(path, "%d characters of names and descriptions, more than 8000", total)
		}
	}
	return p
}

// checkNamed checks the name, description and their localizations of a
// command or option.
func checkNamed(p *problems, path string, v map[string]any) {
	checkName(p, path+"/name", v["name"])
	p.between(path+"/description", v["description"], 1, 100)
	for _, field := range []string{"name_localizations", "description_localizations"} {
		for locale, s := range object(v[field]) {
			lpath := path + "/" + field + "/" + locale
			if !locales[locale] {
				p.add(lpath, "%q is not a Discord locale", locale)
			}
			if field == "name_localizations" {
				checkName(p, lpath, s)
			} else {
				p.between(lpath, s, 1, 100)
			}
		}
	}
}

func checkName(p *problems, path string, v any) {
	name, ok := v.(string)
	if !ok || !commandName.MatchString(name) {
		p.add(path, "%q does not match %s", v, commandName)
	}
	if lower := strings.ToLower(name); lower != name {
		p.add(path, "%q has upper-case letters", name)
	}
}

// allowedCallbacks are the callback types Discord accepts per interaction
// type.
var allowedCallbacks = map[int][]int{
	TypeCommand:      {CallbackMessage, CallbackDeferred, CallbackModal},
	TypeComponent:    {CallbackMessage, CallbackDeferred, CallbackDeferredUpdate, CallbackUpdate, CallbackModal},
	TypeAutocomplete: {CallbackChoices},
	TypeModalSubmit:  {CallbackMessage, CallbackDeferred, CallbackDeferredUpdate, CallbackUpdate},
}

// checkCallback returns what Discord would refuse in the callback payload
// answering i, and Discord's error code: 50035 (Invalid Form Body), 50006
// (Cannot send an empty message) or 0.
func checkCallback(i Interaction, payload map[string]any, files []File) ([]string, int) {
	var p problems
	typ, _ := number(payload["type"])
	allowed := false
	for _, t := range allowedCallbacks[i.Type] {
		allowed = allowed || t == typ
	}
	if !allowed {
		p.add("/type", "callback type %d cannot answer an interaction of type %d", typ, i.Type)
		return p, 50035
	}
	data := object(payload["data"])
	switch typ {
	case CallbackMessage, CallbackUpdate:
		checkMessage(&p, data, files)
		if typ == CallbackMessage && len(p) == 0 && length(data["content"]) == 0 && len(list(data["embeds"])) == 0 && len(files) == 0 {
			p.add("/data", "no content, embeds or files")
			return p, 50006
		}
	case CallbackDeferred:
		if f, _ := number(data["flags"]); f&^FlagEphemeral != 0 {
			p.add("/data/flags", "%d: only EPHEMERAL (64) may be set when deferring", f)
		}
	case CallbackChoices:
		choices := list(data["choices"]) // optional in Discord's spec
		if len(choices) > 25 {
			p.add("/data/choices", "%d choices, more than 25", len(choices))
		}
		kinds := map[string]bool{}
		for j, c := range choices {
			c, path := object(c), fmt.Sprintf("/data/choices/%d", j)
			p.between(path+"/name", c["name"], 1, 100)
			switch v := c["value"].(type) {
			case string:
				kinds["string"] = true
				p.atMost(path+"/value", v, 100)
			case float64:
				kinds["number"] = true
			default:
				p.add(path+"/value", "%v is neither a string nor a number", v)
			}
		}
		if len(kinds) > 1 {
			p.add("/data/choices", "values mix strings and numbers")
		}
	}
	if len(p) > 0 {
		return p, 50035
	}
	return nil, 0
}

// Message flags an interaction reply may set: SUPPRESS_EMBEDS, EPHEMERAL,
// SUPPRESS_NOTIFICATIONS, IS_COMPONENTS_V2.
const replyFlags = 1<<2 | FlagEphemeral | 1<<12 | 1<<15

func checkMessage(p *problems, data map[string]any, files []File) {
	p.atMost("/data/content", data["content"], 2000)
	if f, _ := number(data["flags"]); f&^replyFlags != 0 {
		p.add("/data/flags", "%d sets flags a reply may not set", f)
	}
	if len(files) > 10 {
		p.add("(files)", "%d files, more than 10", len(files))
	}
	uploaded := map[string]bool{}
	for _, f := range files {
		if len(f.Data) > 10<<20 {
			p.add(f.Field, "%d bytes, more than 10 MiB", len(f.Data))
		}
		uploaded[f.Name] = true
	}
	embeds := list(data["embeds"])
	if len(embeds) > 10 {
		p.add("/data/embeds", "%d embeds, more than 10", len(embeds))
	}
	total := 0
	for j, e := range embeds {
		e, path := object(e), fmt.Sprintf("/data/embeds/%d", j)
		p.atMost(path+"/title", e["title"], 256)
		p.atMost(path+"/description", e["description"], 4096)
		p.atMost(path+"/footer/text", object(e["footer"])["text"], 2048)
		p.atMost(path+"/author/name", object(e["author"])["name"], 256)
		total += length(e["title"]) + length(e["description"]) + length(object(e["footer"])["text"]) + length(object(e["author"])["name"])
		if c, ok := number(e["color"]); ok && (c < 0 || c > 0xFFFFFF) {
			p.add(path+"/color", "%d is not a 24-bit colour", c)
		}
		fields := list(e["fields"])
		if len(fields) > 25 {
			p.add(path+"/fields", "%d fields, more than 25", len(fields))
		}
		for k, f := range fields {
			f, fpath := object(f), fmt.Sprintf("%s/fields/%d", path, k)
			p.between(fpath+"/name", f["name"], 1, 256)
			p.between(fpath+"/value", f["value"], 1, 1024)
			total += length(f["name"]) + length(f["value"])
		}
		// Discord does not refuse these, but the image stays empty.
		for _, k := range []string{"image", "thumbnail"} {
			if name, ok := strings.CutPrefix(str(object(e[k])["url"]), "attachment://"); ok && !uploaded[name] {
				p.add(path+"/"+k+"/url", "attachment://%s names no file uploaded with this reply", name)
			}
		}
	}
	if total > 6000 {
		p.add("/data/embeds", "%d characters in all embeds, more than 6000", total)
	}
	checkComponents(p, list(data["components"]))
}

func checkComponents(p *problems, rows []any) {
	if len(rows) > 5 {
		p.add("/data/components", "%d action rows, more than 5", len(rows))
	}
	ids := map[string]bool{}
	for j, r := range rows {
		r, path := object(r), fmt.Sprintf("/data/components/%d", j)
		if t, _ := number(r["type"]); t != 1 {
			p.add(path+"/type", "%v: top-level components must be action rows (1)", r["type"])
			continue
		}
		items := list(r["components"])
		if len(items) == 0 || len(items) > 5 {
			p.add(path+"/components", "%d components; a row holds 1 to 5 buttons", len(items))
		}
		for k, b := range items {
			b, bpath := object(b), fmt.Sprintf("%s/components/%d", path, k)
			if t, _ := number(b["type"]); t != 2 {
				if len(items) != 1 {
					p.add(bpath+"/type", "%v: a select menu must be alone in its row", b["type"])
				}
				continue
			}
			p.atMost(bpath+"/label", b["label"], 80)
			style, _ := number(b["style"])
			id := str(b["custom_id"])
			switch {
			case style == 5:
				if u := str(b["url"]); !strings.HasPrefix(u, "https://") && !strings.HasPrefix(u, "http://") || utf8.RuneCountInString(u) > 512 {
					p.add(bpath+"/url", "link buttons need an http(s) URL of at most 512 characters")
				}
				if id != "" {
					p.add(bpath+"/custom_id", "link buttons may not have a custom_id")
				}
			case style >= 1 && style <= 4:
				if n := utf8.RuneCountInString(id); n < 1 || n > 100 {
					p.add(bpath+"/custom_id", "%d characters, want 1 to 100", n)
				}
				if ids[id] {
					p.add(bpath+"/custom_id", "%q used twice in one message", id)
				}
				ids[id] = true
			default:
				p.add(bpath+"/style", "%v is not a button style the fake knows", b["style"])
			}
		}
	}
}
