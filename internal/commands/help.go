package commands

import (
	"strings"

	"github.com/okbot/okbot/internal/facts"
)

// help answers /help. It is written from the command definitions
// themselves, so it lists exactly what is registered with Discord.
type help struct {
	def   Definition
	views [langCount]view
}

func helpDefinition() Definition {
	return Definition{
		Name:        "help",
		NameKO:      "도움말",
		Description: msgHelpDescription.localized(),
	}
}

// newHelp prepares /help for defs, which must include /help's own
// definition.
func newHelp(store *facts.Store, defs []Definition, p *problems) *help {
	c := &help{def: helpDefinition()}
	for _, l := range langs {
		r := newReply(store, l)
		e := Embed{
			Title:       r.in(msgHelpTitle),
			Description: r.f(msgHelpIntro, r.name(store.Show().Title)),
			Color:       colorHelp,
		}
		for _, d := range defs {
			e.Fields = append(e.Fields, helpField(l, d))
		}
		e.Fields = append(e.Fields, Field{Name: r.in(msgHelpGoodToKnow), Value: r.in(msgHelpGoodToKnowText)})
		c.views[l] = view{embeds: []Embed{r.finish(e, store.Show().Checked)}}
		p.verify("/help ("+l.code()+")", c.views[l])
	}
	return c
}

func (c *help) command() command {
	return command{
		def: c.def,
		run: func(_ Request, l lang) Response { return c.views[l].response(Message) },
	}
}

// helpField explains one command as the user sees it in Discord: with
// Korean option names and descriptions for Korean users.
func helpField(l lang, d Definition) Field {
	usage := "/" + d.nameIn(l)
	lines := []string{localized(l, d.Description)}
	for _, o := range d.Options {
		name := o.Name
		if l == korean && o.NameKO != "" {
			name = o.NameKO
		}
		if o.Required {
			usage += " " + name
		} else {
			usage += " [" + name + "]"
		}
		need := msgOptional
		if o.Required {
			need = msgRequired
		}
		lines = append(lines, "• `"+name+"` "+need.in(l)+" — "+localized(l, o.Description))
	}
	return Field{Name: usage, Value: strings.Join(lines, "\n")}
}

// localized is s in the user's language, English when it has no Korean.
func localized(l lang, s Localized) string {
	if l == korean && s.KO != "" {
		return s.KO
	}
	return s.EN
}
