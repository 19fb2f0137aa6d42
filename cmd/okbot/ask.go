package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"

	"github.com/okbot/okbot/internal/commands"
	"github.com/okbot/okbot/internal/discord"
)

func (c *cli) ask(_ context.Context, args []string) error {
	fs := c.flags("ask", "[FLAGS] COMMAND [OPTION=VALUE ...]",
		"Answer one slash command offline, as okbot would on Discord, and print the reply as text.\n"+
			"COMMAND is season2, cast, ratings, about, ask or help; flags may also follow it.\n"+
			"Examples: okbot ask cast name=\"Nam Ju-ri\"; okbot ask -locale ko ratings episode=16;\n"+
			"okbot ask ask question=\"who plays the older brother?\"; okbot ask -locale ko ask question=\"시즌2 나와요?\";\n"+
			"okbot ask -complete cast name=ju; okbot ask -click v1:s2:en:hope")
	asJSON := fs.Bool("json", false, "print the exact interaction response JSON sent to Discord")
	complete := fs.Bool("complete", false, "print the autocomplete choices for the last OPTION=VALUE, as if it were being typed")
	locale := fs.String("locale", "", "the user's Discord locale, e.g. ko for Korean (default English)")
	click := fs.String("click", "", "answer a click on the button with this custom id (shown in a reply's Buttons line)")
	pngFile := fs.String("png", "", "write the reply's image (the /ratings chart) to this `file`")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	reg, err := c.offlineRegistry()
	if err != nil {
		return err
	}

	req := commands.Request{Locale: *locale, UserID: "0"}
	switch {
	case *click != "":
		if len(pos) > 1 {
			return &usageError{"-click takes at most the command name, no options"}
		}
		req.Kind, req.CustomID = commands.Component, *click
	case len(pos) == 0:
		return &usageError{"ask needs a command: " + strings.Join(commandNames(reg), ", ")}
	default:
		if req.Options, err = optionArgs(pos[1:], *complete); err != nil {
			return err
		}
		if err := checkCommand(reg, pos[0], req.Options); err != nil {
			return err
		}
		req.Kind, req.Command = commands.Command, pos[0]
		if *complete {
			if len(pos) < 2 {
				return &usageError{"-complete needs the option being typed, e.g. okbot ask -complete cast name=ju"}
			}
			req.Kind = commands.Autocomplete
		}
	}

	resp := reg.Handle(req)
	if *pngFile != "" {
		if err := writeImage(resp, *pngFile); err != nil {
			return err
		}
	}
	if *asJSON {
		return writeJSON(c.stdout, discord.Callback(resp))
	}
	printResponse(c.stdout, resp)
	if *pngFile != "" {
		fmt.Fprintf(c.stdout, "\n(image written to %s)\n", *pngFile)
	}
	return nil
}

func commandNames(reg *commands.Registry) []string {
	var names []string
	for _, d := range reg.Definitions() {
		names = append(names, d.Name)
	}
	return names
}

// checkCommand catches typos on the command line that Discord's client
// would have prevented.
func checkCommand(reg *commands.Registry, name string, opts []commands.Option) error {
	for _, d := range reg.Definitions() {
		if d.Name != name {
			continue
		}
		var known []string
		for _, o := range d.Options {
			known = append(known, o.Name)
		}
		for _, o := range opts {
			if !slices.Contains(known, o.Name) {
				if len(known) == 0 {
					return &usageError{fmt.Sprintf("%s takes no options, got %q", name, o.Name)}
				}
				return &usageError{fmt.Sprintf("%s has no option %q; its options: %s", name, o.Name, strings.Join(known, ", "))}
			}
		}
		return nil
	}
	return &usageError{fmt.Sprintf("unknown command %q; commands: %s", name, strings.Join(commandNames(reg), ", "))}
}

func writeImage(resp commands.Response, name string) error {
	for _, f := range resp.Files {
		if f.ContentType == "image/png" {
			if err := os.WriteFile(name, f.Data, 0o644); err != nil {
				return fmt.Errorf("writing image: %w", err)
			}
			return nil
		}
	}
	return &usageError{"this reply has no image; -png works with the /ratings overview: okbot ask -png ratings.png ratings"}
}

// printResponse writes every part of a reply as plain text: nothing the
// user would see on Discord is dropped.
func printResponse(w io.Writer, r commands.Response) {
	if r.Ephemeral {
		fmt.Fprintln(w, "(only the person who asked sees this reply)")
	}
	if r.Kind == commands.Update {
		fmt.Fprintln(w, "(updates the message the button is on)")
	}
	if r.Content != "" {
		fmt.Fprintln(w, r.Content)
	}
	for i, e := range r.Embeds {
		if i > 0 || r.Content != "" {
			fmt.Fprintln(w)
		}
		if e.Title != "" {
			fmt.Fprintf(w, "== %s ==\n", e.Title)
		}
		if e.URL != "" {
			fmt.Fprintln(w, e.URL)
		}
		if e.Description != "" {
			fmt.Fprintln(w, e.Description)
		}
		for _, f := range e.Fields {
			fmt.Fprintf(w, "\n-- %s --\n%s\n", f.Name, f.Value)
		}
		if e.Image != "" {
			fmt.Fprintf(w, "\n[image: %s]\n", e.Image)
		}
		if e.Footer != "" {
			fmt.Fprintf(w, "\n%s\n", e.Footer)
		}
	}
	for _, f := range r.Files {
		fmt.Fprintf(w, "\n[attached: %s, %s, %d bytes; write it with -png FILE]\n", f.Name, f.ContentType, len(f.Data))
	}
	for _, row := range r.Rows {
		var labels []string
		for _, b := range row {
			l := "[" + b.Label + "]"
			switch {
			case b.URL != "":
				l += " " + b.URL
			case b.Disabled:
				l += " (disabled)"
			default:
				l += " -click " + b.CustomID
			}
			labels = append(labels, l)
		}
		fmt.Fprintf(w, "\nButtons: %s\n", strings.Join(labels, "  "))
	}
	for _, ch := range r.Choices {
		fmt.Fprintf(w, "%s\t(value %s)\n", ch.Name, ch.Value)
	}
	if r.Kind == commands.Choices && len(r.Choices) == 0 {
		fmt.Fprintln(w, "(no suggestions)")
	}
}
