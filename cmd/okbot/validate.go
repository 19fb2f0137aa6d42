package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strings"

	"github.com/okbot/okbot/data"
	"github.com/okbot/okbot/internal/commands"
	"github.com/okbot/okbot/internal/facts"
)

// maxProblems is how many problems okbot prints before "and N more":
// enough to work through in one sitting, and a bound on the output
// however broken the facts are.
const maxProblems = 50

// prepare loads the facts from dir (the built-in ones when dir is empty)
// and prepares every answer from them. okbot validate, a reload and a
// start from OKBOT_DATA all take it, so whatever passes validate starts
// (registry has a shorter way for the built-in facts, which validate
// checks when okbot is built).
//
// Every stage runs even when an earlier one found problems, so that one
// run lists everything to fix: the loader's checks, then commands.New's
// (every prepared answer and autocomplete choice held to Discord's limits,
// and the ratings chart drawn). reg is nil when okbot cannot answer from
// the facts. A reg that answers without its chart comes with a problem
// saying so: the bot may start, but validate fails.
func prepare(dir string) (reg *commands.Registry, problems []string) {
	fsys, err := factsFS(dir)
	if err != nil {
		return nil, []string{err.Error()}
	}
	// Inspect returns the Store even when the facts have problems, so that
	// commands.New can look for its own in the same run.
	store, err := facts.Inspect(fsys)
	var verr *facts.ValidationError
	switch {
	case errors.As(err, &verr):
		for _, p := range verr.Problems {
			problems = append(problems, p.String())
		}
	case err != nil:
		return nil, []string{err.Error()}
	}
	reg, err = commands.New(store)
	problems = append(problems, each(err)...)
	if reg != nil {
		problems = append(problems, each(reg.Degraded())...)
	}
	if verr != nil {
		reg = nil // never answer from facts with problems
	}
	return reg, problems
}

// factsFS is the facts directory dir, or the built-in facts when dir is
// empty.
func factsFS(dir string) (fs.FS, error) {
	if dir == "" {
		return data.FS, nil
	}
	st, err := os.Stat(dir)
	if err != nil {
		return nil, fmt.Errorf("facts directory: %w", err)
	}
	if !st.IsDir() {
		return nil, fmt.Errorf("facts directory %s is not a directory", dir)
	}
	return os.DirFS(dir), nil
}

// each lists the problems in err, one per line: the errors it joins
// (commands.New joins one per problem), or err itself.
func each(err error) []string {
	if err == nil {
		return nil
	}
	var joined interface{ Unwrap() []error }
	if !errors.As(err, &joined) {
		return []string{err.Error()}
	}
	var lines []string
	for _, e := range joined.Unwrap() {
		lines = append(lines, each(e)...)
	}
	return lines
}

// writeProblems prints the first maxProblems problems, one per line, and
// then how many more there are.
func writeProblems(w io.Writer, problems []string) {
	for _, p := range problems[:min(len(problems), maxProblems)] {
		fmt.Fprintln(w, p)
	}
	if more := len(problems) - maxProblems; more > 0 {
		fmt.Fprintf(w, "and %d more\n", more)
	}
}

// countProblems is "1 problem" or "n problems".
func countProblems(n int) string {
	if n == 1 {
		return "1 problem"
	}
	return fmt.Sprintf("%d problems", n)
}

// registry loads the facts and prepares the commands, for the subcommands
// that answer; facts okbot cannot answer from are a startup error (exit 2)
// listing the problems. A server (serving) answering from the built-in
// facts takes the short way: they were checked when okbot was built (the
// tests and okbot validate prepare every answer from them), so it reads
// them unchecked (facts.LoadChecked) and prepares each command when it is
// first used (commands.NewDeferred), to answer sooner after it starts.
// Facts from OKBOT_DATA are new to this binary and always go through
// prepare, as okbot validate and a reload take them.
func registry(dir string, serving bool) (*commands.Registry, error) {
	if serving && dir == "" {
		store, err := facts.LoadChecked(data.FS)
		if err != nil {
			return nil, &startupError{fmt.Errorf("loading the built-in facts: %w", err)}
		}
		return commands.NewDeferred(store)
	}
	reg, problems := prepare(dir)
	if reg != nil {
		return reg, nil
	}
	where, validate := "built-in facts", "okbot validate"
	if dir != "" {
		where, validate = "facts in "+dir+" (OKBOT_DATA)", "okbot validate "+dir
	}
	var b strings.Builder
	writeProblems(&b, problems)
	return nil, &startupError{fmt.Errorf("loading %s: %s:\n%sRun '%s' to check them again without starting",
		where, countProblems(len(problems)), b.String(), validate)}
}

func (c *cli) validate(_ context.Context, args []string) error {
	fs := c.flags("validate", "[DIR]", fmt.Sprintf("Check a facts directory (default: the facts built into okbot) as okbot does before it starts,\n"+
		"preparing every answer and drawing the chart, and print the problems found at every stage\n"+
		"(the first %d, then how many more); exit 1 if there are any", maxProblems))
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 1 {
		return &usageError{fmt.Sprintf("validate takes at most one directory, got %q", pos)}
	}
	dir, name := "", "built-in facts"
	if len(pos) == 1 {
		dir, name = pos[0], pos[0]
	}
	if _, problems := prepare(dir); len(problems) > 0 {
		fmt.Fprintf(c.stdout, "%s: %s found:\n", name, countProblems(len(problems)))
		writeProblems(c.stdout, problems)
		return errProblems
	}
	fmt.Fprintf(c.stdout, "%s: ok\n", name)
	return nil
}
