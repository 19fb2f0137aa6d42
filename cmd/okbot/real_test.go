package main

import (
	"bytes"
	"crypto/ed25519"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/okbot/okbot/internal/discordtest"
)

// realInteractionsVar names the directory of the real interaction corpus:
// payloads that Discord's docs and libraries, and other bots' authors,
// published (../shared/discord/real-interactions beside the clone; see
// its MANIFEST.md). They are others' data, so they stay out of the
// project: .ci/run sets the variable and TestRealInteractions fails if it
// is set and the corpus cannot be read. A plain `go test ./...` skips it.
const realInteractionsVar = "OKBOT_REAL_INTERACTIONS"

// realCase is one line of the corpus's cases.tsv.
type realCase struct {
	name, expect string
	body         []byte
}

func readRealCases(t *testing.T, dir string) []realCase {
	t.Helper()
	tsv, err := os.ReadFile(filepath.Join(dir, "cases.tsv"))
	if err != nil {
		t.Fatalf("%s=%s: %v", realInteractionsVar, dir, err)
	}
	var cases []realCase
	for _, line := range strings.Split(string(tsv), "\n") {
		f := strings.Split(line, "\t")
		if len(f) < 2 || strings.HasPrefix(line, "#") {
			continue
		}
		body, err := os.ReadFile(filepath.Join(dir, "payloads", f[0]+".json"))
		if err != nil {
			t.Fatalf("case %s: %v", f[0], err)
		}
		cases = append(cases, realCase{name: f[0], expect: f[1], body: bytes.TrimSpace(body)})
	}
	if len(cases) == 0 {
		t.Fatalf("%s=%s: cases.tsv lists no cases", realInteractionsVar, dir)
	}
	return cases
}

// realAnswer is how okbot answered one case: the HTTP status (200 for an
// accepted gateway callback) and the callback body.
type realAnswer struct {
	status int
	body   []byte
}

// check says how answer misses what cases.tsv expects, or "".
func (c realCase) check(a realAnswer) string {
	if a.status >= 500 {
		return fmt.Sprintf("status %d", a.status)
	}
	if c.expect == "lenient" && a.status >= 400 {
		return ""
	}
	if a.status != http.StatusOK {
		return fmt.Sprintf("status %d, want 200", a.status)
	}
	if c.expect == "pong" {
		if string(a.body) != `{"type":1}` {
			return fmt.Sprintf("body %s, want exactly {\"type\":1}", a.body)
		}
		return ""
	}
	var cb struct {
		Type int `json:"type"`
		Data struct {
			Flags   int               `json:"flags"`
			Choices []json.RawMessage `json:"choices"`
			Embeds  []json.RawMessage `json:"embeds"`
			Content string            `json:"content"`
		} `json:"data"`
	}
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(a.body, &cb); err != nil || json.Unmarshal(a.body, &raw) != nil {
		return fmt.Sprintf("body is not a callback: %s", a.body)
	}
	ephemeral := cb.Data.Flags&discordtest.FlagEphemeral != 0
	answer := cb.Type == discordtest.CallbackMessage && (len(cb.Data.Embeds) > 0 || cb.Data.Content != "")
	ok := false
	switch c.expect {
	case "answer":
		ok = answer && !ephemeral
	case "answer-any", "lenient":
		ok = answer
	case "update":
		ok = cb.Type == discordtest.CallbackUpdate
	case "component":
		ok = cb.Type == discordtest.CallbackUpdate || answer && ephemeral
	case "ephemeral":
		ok = answer && ephemeral
	case "choices":
		var data map[string]json.RawMessage
		json.Unmarshal(raw["data"], &data)
		ok = cb.Type == discordtest.CallbackChoices && string(data["choices"]) != "" && string(data["choices"]) != "null" && len(cb.Data.Choices) <= 25
	default:
		return "unknown expectation " + c.expect
	}
	if !ok {
		return fmt.Sprintf("want %s, got %s", c.expect, a.body)
	}
	return ""
}

// TestRealInteractions answers every payload of the real corpus in both
// transports, as cases.tsv expects: signed with a test key and posted to
// `okbot serve`, and dispatched over the fake Discord's gateway to `okbot
// run` (PINGs only come to the HTTP endpoint). Neither may log a panic,
// and serve must still be alive after all of them.
func TestRealInteractions(t *testing.T) {
	dir := os.Getenv(realInteractionsVar)
	if dir == "" {
		t.Skip(realInteractionsVar + " is not set; .ci/run sets it to ../shared/discord/real-interactions")
	}
	cases := readRealCases(t, dir)

	t.Run("serve", func(t *testing.T) {
		srv := startServe(t, nil)
		base, priv, log, stop := srv.base, srv.priv, srv.log, srv.stop
		passed := 0
		for _, c := range cases {
			ts := strconv.FormatInt(time.Now().Unix(), 10)
			req, err := http.NewRequest("POST", base+"/interactions", bytes.NewReader(c.body))
			if err != nil {
				t.Fatal(err)
			}
			req.Header.Set("Content-Type", "application/json")
			req.Header.Set("X-Signature-Timestamp", ts)
			req.Header.Set("X-Signature-Ed25519", hex.EncodeToString(ed25519.Sign(priv, append([]byte(ts), c.body...))))
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatalf("%s: %v", c.name, err)
			}
			body, err := callbackBody(resp)
			resp.Body.Close()
			if err != nil {
				t.Errorf("%s: %v", c.name, err)
				continue
			}
			if miss := c.check(realAnswer{resp.StatusCode, body}); miss != "" {
				t.Errorf("%s (%s) over HTTP: %s", c.name, c.expect, miss)
				continue
			}
			passed++
		}
		if resp, err := http.Get(base + "/healthz"); err != nil || resp.StatusCode != http.StatusOK {
			t.Errorf("okbot serve after the corpus: GET /healthz = %v %v, want 200", resp, err)
		} else {
			resp.Body.Close()
		}
		if err := stop(); err != nil {
			t.Errorf("okbot serve after cancel = %v, want nil", err)
		}
		if strings.Contains(log.String(), "panic") {
			t.Errorf("okbot serve logged a panic:\n%s", log)
		}
		t.Logf("okbot serve: %d of %d real payloads answered as expected", passed, len(cases))
	})

	t.Run("run", func(t *testing.T) {
		fake := discordtest.New(t)
		env := map[string]string{"DISCORD_TOKEN": fake.Token}
		log, _, stop := start(t, env, deps{client: fake.Client(), tls: fake.TLSConfig()}, "run")
		fake.WaitReady(t)
		passed, sent := 0, 0
		for _, c := range cases {
			if c.expect == "pong" {
				continue // Discord sends PING only to the HTTP endpoint
			}
			sent++
			cb := fake.WaitCallback(t, fake.DispatchRaw(t, c.body))
			status := cb.Status
			if status == http.StatusNoContent {
				status = http.StatusOK
			}
			if miss := c.check(realAnswer{status, cb.Payload}); miss != "" {
				t.Errorf("%s (%s) over the gateway: %s (fake Discord: %v)", c.name, c.expect, miss, cb.Problems)
				continue
			}
			passed++
		}
		if err := stop(); err != nil {
			t.Errorf("okbot run after cancel = %v, want nil", err)
		}
		if strings.Contains(log.String(), "panic") {
			t.Errorf("okbot run logged a panic:\n%s", log)
		}
		t.Logf("okbot run: %d of %d real payloads answered as expected (the %d PINGs are HTTP-only)", passed, sent, len(cases)-sent)
	})
}

// callbackBody is the callback in an HTTP answer: the body, or the
// payload_json part of a multipart one.
func callbackBody(resp *http.Response) ([]byte, error) {
	mt, params, _ := mime.ParseMediaType(resp.Header.Get("Content-Type"))
	if mt != "multipart/form-data" {
		return io.ReadAll(resp.Body)
	}
	r := multipart.NewReader(resp.Body, params["boundary"])
	for {
		p, err := r.NextPart()
		if err != nil {
			return nil, fmt.Errorf("multipart answer without payload_json: %w", err)
		}
		if p.FormName() == "payload_json" {
			return io.ReadAll(p)
		}
	}
}
