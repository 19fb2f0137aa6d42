package main

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"sync"

	"github.com/okbot/okbot/internal/commands"
	"github.com/okbot/okbot/internal/config"
	"github.com/okbot/okbot/internal/pages"
)

// newSite renders okbot's pages for cfg; served says they describe
// `okbot serve` (whose endpoint caches answers) rather than gateway mode.
func newSite(cfg config.Config, reg *commands.Registry, served bool) (*pages.Site, error) {
	return pages.New(pages.Config{
		Public:   cfg.Public,
		Commands: reg.Definitions(),
		Served:   served,
		// Global commands are installable to a user's account; a
		// guild-scoped registration cannot offer that.
		UserInstall: cfg.GuildID == "",
		Cooldown:    cfg.Cooldown,
	})
}

// siteRoutes adds the pages' routes (those of pages.Site.Register) to a
// mux, rendering the pages for the first request of one: a server starts
// without that work, and pages are seldom asked for. Pages that cannot be
// rendered (the templates are built in and tested) answer 500, logged.
func siteRoutes(render func() (*pages.Site, error), log *slog.Logger) func(*http.ServeMux) {
	site := sync.OnceValue(func() http.Handler {
		s, err := render()
		if err != nil {
			log.Error("rendering the pages", "err", err)
			return http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
				http.Error(w, http.StatusText(http.StatusInternalServerError), http.StatusInternalServerError)
			})
		}
		mux := http.NewServeMux()
		s.Register(mux)
		return mux
	})
	return func(mux *http.ServeMux) {
		h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { site().ServeHTTP(w, r) })
		for _, pattern := range pages.Patterns() {
			mux.Handle(pattern, h)
		}
	}
}

// pages writes the pages `okbot serve` answers on /, /privacy and /terms
// as static files, for operators of gateway mode, who have no public
// port to serve them from.
func (c *cli) pages(_ context.Context, args []string) error {
	fs := c.flags("pages", "[-serve] DIR", "Write okbot's home, privacy and terms pages to DIR as static HTML (English at the top, Korean under ko/), from DISCORD_APPLICATION_ID, OKBOT_OPERATOR and OKBOT_CONTACT, and DISCORD_GUILD_ID and OKBOT_COOLDOWN as the bot runs with them")
	served := fs.Bool("serve", false, "describe okbot serve (whose answer cache holds typed option text) instead of gateway mode")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return &usageError{fmt.Sprintf("pages takes one directory, got %q", pos)}
	}
	cfg, err := config.Load(c.getenv, config.Offline)
	if err != nil {
		return err
	}
	reg, err := registry(cfg.DataDir, false)
	if err != nil {
		return err
	}
	site, err := newSite(cfg, reg, *served)
	if err != nil {
		return err
	}
	if err := site.WriteDir(pos[0]); err != nil {
		return err
	}
	for _, lang := range pages.Langs {
		for _, p := range pages.All {
			fmt.Fprintf(c.stdout, "wrote %s/%s\n", pos[0], pages.FileName(p, lang))
		}
	}
	return nil
}
