package main

import (
	"bytes"
	"encoding/json"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// okbot runs the command line as main would, without .env.
func okbot(t *testing.T, env map[string]string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	var out, errOut bytes.Buffer
	err := run(t.Context(), args, func(k string) string { return env[k] }, &out, &errOut)
	code = exitCode(err, &errOut)
	return out.String(), errOut.String(), code
}

func TestAsk(t *testing.T) {
	tests := []struct {
		args []string
		want []string // substrings of stdout
	}{
		{[]string{"ask", "season2"}, []string{"28 Nov 2025"}},
		{[]string{"ask", "cast", "name=Nam Ju-ri"}, []string{"Park Gyu-young", "박규영", "남주리"}},
		{[]string{"ask", "cast", "name=Ko Mun-yeong"}, []string{"Seo Yea-ji"}},
		{[]string{"ask", "ratings", "episode=16"}, []string{"7.3%", "7.6%", "2020"}},
		{[]string{"ask", "ratings", "-locale", "ko", "episode=16"}, []string{"7.3%", "2020년 8월 9일"}},
		{[]string{"ask", "ratings"}, []string{"5.4%", "[attached: ratings.png, image/png"}},
		{[]string{"ask", "-complete", "cast", "name=ju"}, []string{"Nam Ju-ri"}},
		{[]string{"ask", "about"}, []string{"tvN", "Park Shin-woo", "Jo Yong"}},
		{[]string{"ask", "help"}, []string{"/season2", "/cast", "/ratings"}},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			out, errOut, code := okbot(t, nil, tt.args...)
			if code != exitOK {
				t.Fatalf("okbot %q exit code = %d, want 0; stderr:\n%s", tt.args, code, errOut)
			}
			for _, w := range tt.want {
				if !strings.Contains(out, w) {
					t.Errorf("okbot %q = \n%s\nwant it to contain %q", tt.args, out, w)
				}
			}
		})
	}
}

func TestAskJSON(t *testing.T) {
	out, errOut, code := okbot(t, nil, "ask", "-json", "cast", "name=nobody-at-all")
	if code != exitOK {
		t.Fatalf("exit code = %d, stderr %s", code, errOut)
	}
	var resp struct {
		Type int `json:"type"`
		Data struct {
			Flags int `json:"flags"`
		} `json:"data"`
	}
	if err := json.Unmarshal([]byte(out), &resp); err != nil {
		t.Fatalf("okbot ask -json printed invalid JSON: %v\n%s", err, out)
	}
	if resp.Type != 4 || resp.Data.Flags&64 == 0 {
		t.Errorf("unknown name reply = type %d flags %d, want type 4 with the ephemeral flag 64", resp.Type, resp.Data.Flags)
	}
}

func TestAskPNG(t *testing.T) {
	file := filepath.Join(t.TempDir(), "ratings.png")
	if _, errOut, code := okbot(t, nil, "ask", "ratings", "-png", file); code != exitOK {
		t.Fatalf("exit code = %d, stderr %s", code, errOut)
	}
	f, err := os.Open(file)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := png.Decode(f); err != nil {
		t.Errorf("-png wrote an invalid PNG: %v", err)
	}
}

func TestCommands(t *testing.T) {
	out, errOut, code := okbot(t, nil, "commands")
	if code != exitOK {
		t.Fatalf("exit code = %d, stderr %s", code, errOut)
	}
	var cmds []struct {
		Name string `json:"name"`
	}
	if err := json.Unmarshal([]byte(out), &cmds); err != nil {
		t.Fatalf("okbot commands printed invalid JSON: %v", err)
	}
	var names []string
	for _, c := range cmds {
		names = append(names, c.Name)
	}
	for _, want := range []string{"season2", "cast", "ratings"} {
		if !strings.Contains(strings.Join(names, " "), want) {
			t.Errorf("okbot commands = %v, want %s among them", names, want)
		}
	}
}

func TestUsageErrors(t *testing.T) {
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"frobnicate"}, `unknown command "frobnicate"`},
		{[]string{"ask"}, "ask needs a command"},
		{[]string{"ask", "season3"}, `unknown command "season3"`},
		{[]string{"ask", "cast", "actor=x"}, `has no option "actor"`},
		{[]string{"ask", "cast", "Nam"}, "is not OPTION=VALUE"},
		{[]string{"ask", "-nope", "cast"}, "flag provided but not defined"},
		{[]string{"ask", "-png", "x.png", "season2"}, "has no image"},
		{[]string{"validate", "a", "b"}, "at most one directory"},
		{[]string{"commands", "extra"}, "takes no arguments"},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			_, errOut, code := okbot(t, nil, tt.args...)
			if code != exitUsage || !strings.Contains(errOut, tt.want) {
				t.Errorf("okbot %q = exit %d, stderr %q; want exit 2 with %q", tt.args, code, errOut, tt.want)
			}
		})
	}
}

func TestConfigErrorsExit2(t *testing.T) {
	for _, args := range [][]string{{}, {"run"}, {"register"}, {"serve"}} {
		_, errOut, code := okbot(t, nil, args...)
		if code != exitUsage || !strings.Contains(errOut, "DISCORD_") {
			t.Errorf("okbot %q without configuration = exit %d, stderr %q; want exit 2 naming the variable", args, code, errOut)
		}
	}
}

func TestHelp(t *testing.T) {
	for _, args := range [][]string{{"-h"}, {"ask", "-h"}, {"serve", "-h"}, {"validate", "-h"}} {
		out, _, code := okbot(t, nil, args...)
		if code != exitOK || !strings.Contains(out, "Usage") {
			t.Errorf("okbot %q = exit %d, %q; want 0 and usage", args, code, out)
		}
	}
}
