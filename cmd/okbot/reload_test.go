package main

import (
	"log/slog"
	"path/filepath"
	"strings"
	"testing"

	"github.com/okbot/okbot/internal/config"
	"github.com/okbot/okbot/internal/metrics"
)

// TestReloadWarnsWhenDefinitionsChange: a reload whose facts change the
// command definitions (here /ratings' episode range, 1-16 to 1-3) warns
// that Discord shows the old ones until okbot register runs; a reload
// that changes none does not.
func TestReloadWarnsWhenDefinitionsChange(t *testing.T) {
	const warning = "run 'okbot register'"
	dir := factsDir(t)
	reg, problems := prepare(dir)
	if reg == nil {
		t.Fatal(problems)
	}
	var log syncBuffer
	r := newReloader(config.Config{DataDir: dir}, reg, metrics.New(commandNames(reg)), slog.New(slog.NewTextHandler(&log, nil)))
	if err := r.reload(); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(log.String(), warning) {
		t.Errorf("a reload of the same facts warned:\n%s", log.String())
	}

	copyFacts(t, filepath.Join("..", "..", "internal", "facts", "testdata", "valid"), dir)
	if err := r.reload(); err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(log.String(), warning); n != 1 {
		t.Errorf("a reload from 16 episodes to 3 warned %d times, want once:\n%s", n, log.String())
	}
	if err := r.reload(); err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(log.String(), warning); n != 1 {
		t.Errorf("reloading the same three episodes again warned again (%d in all)", n)
	}
}
