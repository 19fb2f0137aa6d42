package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"time"
)

// factsEdit is the harmless edit a soak makes to its copy of the facts
// before each reload, so that every reload swaps in facts that differ
// from the ones answering: show.json's "checked" date (when the fact
// sheet was checked, shown as "as of" in answers) goes back one day, then
// forward again.
type factsEdit struct {
	path             string
	original, edited []byte
	// dates are the original and the edited "checked" dates.
	dates [2]time.Time
	next  int
}

func newFactsEdit(dir string) (*factsEdit, error) {
	path := filepath.Join(dir, "show.json")
	original, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var show map[string]json.RawMessage
	if err := json.Unmarshal(original, &show); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	var checked string
	if err := json.Unmarshal(show["checked"], &checked); err != nil {
		return nil, fmt.Errorf("%s: checked: %w", path, err)
	}
	day, err := time.Parse(time.DateOnly, checked)
	if err != nil {
		return nil, fmt.Errorf("%s: checked: %w", path, err)
	}
	show["checked"], _ = json.Marshal(day.AddDate(0, 0, -1).Format(time.DateOnly))
	edited, err := json.MarshalIndent(show, "", "  ")
	if err != nil {
		return nil, err
	}
	return &factsEdit{path: path, original: original, edited: edited, dates: [2]time.Time{day, day.AddDate(0, 0, -1)}}, nil
}

// shown is how English answers show the "checked" date that the last
// apply wrote ("24 Nov 2026").
func (e *factsEdit) shown() string {
	return e.dates[e.next%2].Format("2 Jan 2006")
}

// apply writes the next version of show.json: edited, original, edited…
func (e *factsEdit) apply() error {
	b := e.edited
	if e.next%2 == 1 {
		b = e.original
	}
	e.next++
	// Written whole and renamed, so okbot never reads half a file.
	tmp := e.path + ".tmp"
	if err := os.WriteFile(tmp, b, 0o644); err != nil {
		return err
	}
	return os.Rename(tmp, e.path)
}
