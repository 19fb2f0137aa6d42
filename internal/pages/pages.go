// Package pages renders okbot's public pages, the ones Discord's app
// verification and App Directory ask for: what okbot is and how to add it
// (/), its privacy policy (/privacy) and its terms (/terms), in English
// and Korean. They are static HTML with no script, rendered once from the
// configuration, so that what they say about data follows what this copy
// of okbot actually does.
//
// `okbot serve` serves them (Site.Register) next to its interactions
// endpoint; `okbot pages DIR` writes them as files (Site.WriteDir) for
// gateway-mode operators, who have no public port.
package pages

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"net/url"
	"time"

	"github.com/okbot/okbot/internal/commands"
	"github.com/okbot/okbot/internal/config"
)

// Config is what the pages are rendered from.
type Config struct {
	// Public names the operator, how to reach them and the application
	// id the install links are built from. Each may be empty; the pages
	// then say it was not given.
	Public config.Public
	// Commands are the slash commands, as registered with Discord.
	Commands []commands.Definition
	// Served says okbot answers over HTTP (`okbot serve`), whose
	// endpoint caches encoded answers keyed by the request, typed option
	// text included. False is gateway mode, which caches nothing and
	// learns the ids of its servers when it connects.
	Served bool
	// UserInstall says the commands can be used from a user's account
	// (Discord's user install), so the home page offers that link too.
	UserInstall bool
	// Cooldown is the per-user limit, if one is on: the pages then say
	// okbot holds user ids for its window. The zero Cooldown is off.
	Cooldown config.Cooldown
}

// Page is one of the pages.
type Page string

const (
	Home    Page = "index"
	Privacy Page = "privacy"
	Terms   Page = "terms"
)

// All lists every page, in the order the footer links them.
var All = []Page{Home, Privacy, Terms}

// Lang is a language the pages are written in.
type Lang string

const (
	English Lang = "en"
	Korean  Lang = "ko"
)

// Langs lists the languages; the first is the default.
var Langs = []Lang{English, Korean}

//go:embed templates/*.html
var templateFiles embed.FS

// Site holds every page rendered, for serving and for files.
type Site struct {
	// served and static hold the bytes of each page by language; their
	// links differ (/privacy?lang=ko against privacy.html).
	served, static map[key][]byte
}

type key struct {
	page Page
	lang Lang
}

// New renders every page in every language from cfg.
func New(cfg Config) (*Site, error) {
	s := &Site{served: map[key][]byte{}, static: map[key][]byte{}}
	for _, lang := range Langs {
		for _, page := range All {
			t, err := template.New("layout.html").Funcs(funcs(lang)).ParseFS(templateFiles,
				"templates/layout.html", "templates/common."+string(lang)+".html", "templates/"+string(page)+"."+string(lang)+".html")
			if err != nil {
				return nil, fmt.Errorf("parsing the %s %s page: %w", lang, page, err)
			}
			for _, style := range []linkStyle{servedLinks, staticLinks} {
				var b bytes.Buffer
				if err := t.ExecuteTemplate(&b, "layout.html", newView(cfg, page, lang, style)); err != nil {
					return nil, fmt.Errorf("rendering the %s %s page: %w", lang, page, err)
				}
				if style == servedLinks {
					s.served[key{page, lang}] = b.Bytes()
				} else {
					s.static[key{page, lang}] = b.Bytes()
				}
			}
		}
	}
	return s, nil
}

// view is what a page template sees.
type view struct {
	Lang     Lang
	Commands []command
	// ServerInstall and UserInstall are the install links; empty when
	// there is no application id (or, for UserInstall, no user install).
	ServerInstall, UserInstall string
	Operator, Contact          string
	// ContactURL is Contact as a link: a mailto: URL for an address.
	ContactURL string
	Served     bool
	Cooldown   config.Cooldown
	// Links are the hrefs of each page in this language and of this page
	// in the other language.
	Links     links
	OtherLink string
}

type links struct{ Home, Privacy, Terms string }

type command struct {
	Name, LocalName, Description string
}

func newView(cfg Config, page Page, lang Lang, style linkStyle) view {
	other := Korean
	if lang == Korean {
		other = English
	}
	v := view{
		Lang:     lang,
		Operator: cfg.Public.Operator, Contact: cfg.Public.Contact,
		Served:    cfg.Served,
		Cooldown:  cfg.Cooldown,
		OtherLink: style.href(lang, page, other),
		Links: links{
			Home:    style.href(lang, Home, lang),
			Privacy: style.href(lang, Privacy, lang),
			Terms:   style.href(lang, Terms, lang),
		},
	}
	switch {
	case cfg.Public.Contact == "":
	case cfg.Public.ContactIsEmail():
		v.ContactURL = (&url.URL{Scheme: "mailto", Opaque: cfg.Public.Contact}).String()
	default:
		v.ContactURL = cfg.Public.Contact
	}
	if id := cfg.Public.ApplicationID; id != "" {
		v.ServerInstall = InstallURL(id, false)
		if cfg.UserInstall {
			v.UserInstall = InstallURL(id, true)
		}
	}
	for _, d := range cfg.Commands {
		c := command{Name: d.Name, LocalName: d.Name, Description: d.Description.EN}
		if lang == Korean {
			if d.NameKO != "" {
				c.LocalName = d.NameKO
			}
			if d.Description.KO != "" {
				c.Description = d.Description.KO
			}
		}
		v.Commands = append(v.Commands, c)
	}
	return v
}

// InstallURL is Discord's link that adds the application to a server
// (with the bot, which needs no permissions: okbot only answers
// interactions) or, for user, to the user's own account.
func InstallURL(applicationID string, user bool) string {
	q := url.Values{"client_id": {applicationID}}
	if user {
		q.Set("integration_type", "1")
		q.Set("scope", "applications.commands")
	} else {
		q.Set("integration_type", "0")
		q.Set("scope", "bot applications.commands")
	}
	return "https://discord.com/oauth2/authorize?" + q.Encode()
}

// linkStyle is how pages link to each other: by path with an explicit
// language when served, by relative file name when written to a
// directory (English at its top, Korean under ko/).
type linkStyle int

const (
	servedLinks linkStyle = iota
	staticLinks
)

func (s linkStyle) href(from Lang, to Page, lang Lang) string {
	if s == servedLinks {
		path := "/" + string(to)
		if to == Home {
			path = "/"
		}
		return path + "?lang=" + string(lang)
	}
	file := string(to) + ".html"
	switch {
	case from == lang:
		return file
	case lang == English: // from ko/ up to the English pages
		return "../" + file
	default:
		return string(lang) + "/" + file
	}
}

// FileName is where WriteDir puts page in lang, relative to the
// directory.
func FileName(page Page, lang Lang) string {
	if lang == English {
		return string(page) + ".html"
	}
	return string(lang) + "/" + string(page) + ".html"
}

// funcs are the template helpers for lang.
func funcs(lang Lang) template.FuncMap {
	return template.FuncMap{
		// The cooldown notice spells the window the same way.
		"duration": func(d time.Duration) string { return commands.SpellDuration(string(lang), d) },
	}
}
