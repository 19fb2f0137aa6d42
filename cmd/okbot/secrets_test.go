package main

import (
	"bytes"
	"crypto/ed25519"
	"encoding/hex"
	"io"
	"net"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/okbot/okbot/internal/discordtest"
)

// No secret reaches okbot's log or its exit message, in either transport,
// at debug level, whatever Discord does: the whole stack, redaction
// included, as main runs it.
func TestNoSecretsInLogs(t *testing.T) {
	t.Run("gateway", func(t *testing.T) {
		fake := discordtest.New(t)
		fake.SetHeartbeatInterval(time.Second) // short, for the zombie connection below
		env := map[string]string{"DISCORD_TOKEN": fake.Token, "OKBOT_LOG_LEVEL": "debug"}
		log, exited, stop := start(t, env, deps{client: fake.Client(), tls: fake.TLSConfig()}, "run")
		fake.WaitReady(t)

		var tokens []string
		for _, f := range []discordtest.Fault{
			{Status: 429, RetryAfter: time.Minute, Global: true},
			{Status: 429, RetryAfter: time.Second},
			{Status: 500}, {Status: 502}, {Status: 503}, {Drop: true},
		} {
			fake.FailREST(discordtest.RouteCallback, 1, f)
			tokens = append(tokens, fake.Dispatch(t, discordtest.Command("help")).Token)
			waitLog(t, log, "could not answer interaction", len(tokens))
		}
		// Each gateway fault, and what okbot does about it: resume (drop,
		// a zombie connection, op 7) or identify again (op 9).
		for _, f := range []struct {
			fault    func()
			identify bool
		}{
			// okbot's real reconnect delays double each time (1 s, 2 s,
			// 4 s): three reconnects fit the fake's waits.
			{fake.DropGateway, false},
			{fake.StopHeartbeatACKs, false},
			{fake.SendReconnect, false},
			{func() { fake.InvalidateSession(true) }, true},
			{func() { fake.InvalidateSession(false) }, true},
		} {
			ids, dials := len(fake.Identifies()), fake.Dials()
			f.fault()
			if f.identify {
				fake.WaitIdentifies(t, ids+1)
			} else {
				fake.WaitDials(t, dials+1)
				fake.ResumeHeartbeatACKs()
				fake.WaitResume(t)
			}
			fake.WaitReady(t)
			tokens = append(tokens, fake.Interact(t, discordtest.Command("cast")).Token)
		}
		fake.RevokeToken()
		fake.CloseGateway(4004, "Authentication failed.")
		<-exited
		err := stop()
		var stderr bytes.Buffer
		if code := exitCode(err, &stderr); code != exitUsage {
			t.Errorf("exit code after the token was revoked = %d, want 2", code)
		}
		noSecrets(t, log.String()+stderr.String(), append(tokens, fake.Token))
	})

	t.Run("serve", func(t *testing.T) {
		fake := discordtest.New(t)
		pub, priv, err := ed25519.GenerateKey(nil)
		if err != nil {
			t.Fatal(err)
		}
		// Registration meets a global rate limit longer than okbot waits.
		fake.FailREST(discordtest.RouteCommandsPut, -1, discordtest.Fault{Status: 429, RetryAfter: time.Minute, Global: true})
		env := map[string]string{
			"DISCORD_TOKEN": fake.Token, "DISCORD_PUBLIC_KEY": hex.EncodeToString(pub),
			"OKBOT_REGISTER": "true", "OKBOT_ADDR": "127.0.0.1:0", "OKBOT_DRAIN_DELAY": "0", "OKBOT_LOG_LEVEL": "debug",
		}
		var stderr bytes.Buffer
		err = runWith(t.Context(), []string{"serve"}, func(k string) string { return env[k] }, io.Discard, &stderr, deps{client: fake.Client(), tls: fake.TLSConfig()})
		if code := exitCode(err, &stderr); code != exitFailure {
			t.Errorf("okbot serve with registration rate limited: exit %d (%v), want 1", code, err)
		}
		if !strings.Contains(stderr.String(), "rate limiting") {
			t.Errorf("exit message does not explain the rate limit:\n%s", stderr.String())
		}
		secrets := []string{fake.Token}

		// Serving: signed, badly signed and replayed interactions.
		fake.ClearFaults()
		env["OKBOT_REGISTER"] = "false"
		addrc := make(chan net.Addr, 1)
		log, _, stop := start(t, env, deps{listening: func(a net.Addr) { addrc <- a }}, "serve")
		base := "http://" + (<-addrc).String()
		const token = "aW50ZXJhY3Rpb246MTMwMDAwMDAwMDAwMDAwMDAwOTpzZXJ2ZS1tb2RlLXRva2VuLXRoYXQtbXVzdC1uZXZlci1iZS1sb2dnZWQtYW55d2hlcmU"
		body := `{"id":"1300000000000000009","application_id":"2","token":"` + token + `","type":2,"locale":"en-US","data":{"id":"9","name":"season2","type":1},"member":{"user":{"id":"42"}}}`
		secrets = append(secrets, token)
		for _, tt := range []struct {
			ts  int64
			sig func(ts string) string
		}{
			{time.Now().Unix(), func(ts string) string { return hex.EncodeToString(ed25519.Sign(priv, []byte(ts+body))) }},
			{time.Now().Unix(), func(ts string) string { return hex.EncodeToString(ed25519.Sign(priv, []byte(ts+body+" "))) }},
			{time.Now().Add(-time.Hour).Unix(), func(ts string) string { return hex.EncodeToString(ed25519.Sign(priv, []byte(ts+body))) }},
		} {
			ts := strconv.FormatInt(tt.ts, 10)
			sig := tt.sig(ts)
			secrets = append(secrets, sig)
			req, _ := http.NewRequest("POST", base+"/interactions", strings.NewReader(body))
			req.Header.Set("X-Signature-Timestamp", ts)
			req.Header.Set("X-Signature-Ed25519", sig)
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
		}
		if err := stop(); err != nil {
			t.Errorf("okbot serve after cancel = %v", err)
		}
		noSecrets(t, stderr.String()+log.String(), secrets)
		if !strings.Contains(log.String(), "status=401") {
			t.Errorf("the refused requests are not logged:\n%s", log)
		}
	})
}

// waitLog waits until log holds want n times.
func waitLog(t *testing.T, log *syncBuffer, want string, n int) {
	t.Helper()
	deadline := time.Now().Add(discordtest.WaitTimeout)
	for strings.Count(log.String(), want) < n {
		if time.Now().After(deadline) {
			t.Fatalf("log lacks %d × %q:\n%s", n, want, log)
		}
		log.wait()
	}
}

func noSecrets(t *testing.T, out string, secrets []string) {
	t.Helper()
	for _, s := range secrets {
		if s == "" {
			t.Error("a secret to look for is empty")
			continue
		}
		if strings.Contains(out, s) || (len(s) > 40 && strings.Contains(out, s[len(s)-40:])) {
			t.Errorf("secret %.12s… appears in okbot's output:\n%s", s, out)
		}
	}
}
