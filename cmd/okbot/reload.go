package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"os/signal"
	"strings"
	"sync"
	"syscall"

	"github.com/okbot/okbot/internal/commands"
	"github.com/okbot/okbot/internal/config"
	"github.com/okbot/okbot/internal/discord"
	"github.com/okbot/okbot/internal/metrics"
)

// errNothingToReload means okbot answers from its built-in facts, which
// cannot change while it runs.
var errNothingToReload = errors.New("nothing to reload: okbot answers from its built-in facts; set OKBOT_DATA to a facts directory to reload it")

// errReloadFailed means the new facts had problems (each already logged
// with its file) and the old ones keep answering.
var errReloadFailed = errors.New("the facts in OKBOT_DATA have problems, so the old facts keep answering")

// reloader reloads the facts from OKBOT_DATA while okbot runs, on SIGHUP
// and POST /admin/reload: it runs every check startup runs (prepare),
// and only when they pass swaps the new answers in, atomically and with
// an empty answer cache (see discord.Answers). Requests in flight finish
// on the old facts. One reload runs at a time.
type reloader struct {
	dir     string // empty: the built-in facts
	answers *discord.Answers
	metrics *metrics.Metrics
	log     *slog.Logger

	mu sync.Mutex
	// reg answers now; its command definitions are what a reload's are
	// compared with.
	reg *commands.Registry
}

func newReloader(cfg config.Config, reg *commands.Registry, m *metrics.Metrics, log *slog.Logger) *reloader {
	answers := discord.NewAnswers(reg)
	if cfg.Cooldown.On() {
		// Kept across reloads: it is about users, not facts.
		answers.LimitPerUser(discord.NewCooldown(cfg.Cooldown.Uses, cfg.Cooldown.Window))
	}
	return &reloader{dir: cfg.DataDir, answers: answers, metrics: m, log: log, reg: reg}
}

// reload loads the facts again and swaps them in, or says why not: the
// error of facts with problems lists them, as okbot validate does.
func (r *reloader) reload() error {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.dir == "" {
		r.metrics.Reload("nothing")
		r.log.Warn("reload: " + errNothingToReload.Error())
		return errNothingToReload
	}
	reg, problems := prepare(r.dir)
	if reg == nil {
		r.metrics.Reload("failed")
		for _, p := range problems {
			r.log.Error("reload: problem in the new facts", "dir", r.dir, "problem", p)
		}
		r.log.Error("reload: "+errReloadFailed.Error(), "dir", r.dir, "problems", len(problems))
		var b strings.Builder
		writeProblems(&b, problems)
		return fmt.Errorf("%w; %s:\n%s", errReloadFailed, countProblems(len(problems)), b.String())
	}
	// Problems with an answering registry are what it answers without
	// (the chart): worth a warning, not a refusal, as at startup.
	for _, p := range problems {
		r.log.Warn("reload: the new facts answer without something", "dir", r.dir, "problem", p)
	}
	r.answers.Swap(reg)
	r.metrics.Reload("ok")
	r.log.Info("reloaded the facts", "dir", r.dir)
	old := r.reg
	r.reg = reg
	if !bytes.Equal(definitions(reg), definitions(old)) {
		r.log.Warn("reload: the command definitions changed with the facts; run 'okbot register' so that Discord shows the new ones")
	}
	return nil
}

// definitions are reg's command definitions as registered globally.
func definitions(reg *commands.Registry) []byte {
	b, _ := json.Marshal(discord.ApplicationCommands(reg.Definitions(), discord.Global))
	return b
}

// reloadOnHangup reloads the facts on every SIGHUP (deps.hangup in
// tests) until stop is called. SIGHUP is caught from the moment it
// returns, since its default is to end the process.
func (c *cli) reloadOnHangup(r *reloader) (stop func()) {
	ch, release := c.deps.hangup, func() {}
	if ch == nil {
		sig := make(chan os.Signal, 1)
		signal.Notify(sig, syscall.SIGHUP)
		ch, release = sig, func() { signal.Stop(sig) }
	}
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Go(func() {
		for {
			select {
			case <-done:
				return
			case <-ch:
				_ = r.reload() // it logs what happened
			}
		}
	})
	return func() {
		release()
		close(done)
		wg.Wait()
	}
}
