package main

import (
	"net"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/okbot/okbot/internal/discord"
	"github.com/okbot/okbot/internal/discordtest"
	"github.com/okbot/okbot/internal/metrics"
)

// series is one line of a scrape: a name, its labels and its value.
type series struct {
	name   string
	labels map[string]string
	value  string
}

var (
	seriesLine = regexp.MustCompile(`^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)`)
	labelPair  = regexp.MustCompile(`([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"`)
	// snowflakes are Discord ids: user, guild, interaction.
	snowflakeLike = regexp.MustCompile(`[0-9]{15,}`)
)

// scrape reads the admin listener's /metrics.
func scrape(t *testing.T, admin string) []series {
	t.Helper()
	status, body := httpDo(t, "GET", admin+"/metrics")
	if status != 200 {
		t.Fatalf("GET /metrics = %d", status)
	}
	var out []series
	for _, line := range strings.Split(body, "\n") {
		m := seriesLine.FindStringSubmatch(line)
		if m == nil || strings.HasPrefix(line, "#") {
			continue
		}
		s := series{name: m[1], labels: map[string]string{}, value: m[3]}
		for _, p := range labelPair.FindAllStringSubmatch(m[2], -1) {
			s.labels[p[1]] = p[2]
		}
		out = append(out, s)
	}
	return out
}

// value is the value of the series name with exactly labels, or "".
func value(all []series, name string, labels map[string]string) string {
	for _, s := range all {
		if s.name != name || len(s.labels) != len(labels) {
			continue
		}
		same := true
		for k, v := range labels {
			same = same && s.labels[k] == v
		}
		if same {
			return s.value
		}
	}
	return ""
}

type want struct {
	name   string
	labels map[string]string
	value  string // "" means any
}

func checkSeries(t *testing.T, all []series, wants []want) {
	t.Helper()
	for _, w := range wants {
		got := value(all, w.name, w.labels)
		if got == "" || (w.value != "" && got != w.value) {
			t.Errorf("%s%v = %q, want %q", w.name, w.labels, got, w.value)
		}
	}
}

// noPersonalLabels: no label value of okbot's is an id, a token or text
// someone typed, and every series is okbot_…, go_… or process_….
func noPersonalLabels(t *testing.T, all []series, typed ...string) {
	t.Helper()
	for _, s := range all {
		if !strings.HasPrefix(s.name, "okbot_") && !strings.HasPrefix(s.name, "go_") && !strings.HasPrefix(s.name, "process_") {
			t.Errorf("series %s is not okbot's", s.name)
		}
		for k, v := range s.labels {
			if snowflakeLike.MatchString(v) || strings.Contains(v, "aW50ZXJhY3Rpb24") || strings.Contains(v, "http") {
				t.Errorf("%s has label %s=%q: an id, a token or a URL", s.name, k, v)
			}
			for _, text := range typed {
				if strings.Contains(v, text) {
					t.Errorf("%s has label %s=%q: text a user typed", s.name, k, v)
				}
			}
		}
	}
}

// The metrics of `okbot serve`, scraped from the admin listener.
func TestServeMetrics(t *testing.T) {
	s := startServe(t, nil)
	const typed = "Nam Ju-ri typed"
	for _, body := range []string{
		season2Body, season2Body, // answered, then from the cache
		`{"id":"1300000000000000002","application_id":"2","token":"aW50ZXJhY3Rpb246MTMwMDAwMDAwMDAwMDAwMDAwOTpzZXJ2ZQ","type":2,"locale":"ko","data":{"id":"9","name":"1300000000000000077","type":1},"user":{"id":"1400000000000000042"}}`,
		`{"id":"1300000000000000003","application_id":"2","token":"t","type":4,"locale":"en-US","data":{"id":"9","name":"cast","type":1,"options":[{"name":"name","type":3,"value":"` + typed + `","focused":true}]},"member":{"user":{"id":"42"}}}`,
		`{"id":"1300000000000000004","application_id":"2","token":"t","type":3,"locale":"en-US","data":{"custom_id":"v1:s2:en:hope","component_type":2},"member":{"user":{"id":"42"}}}`,
	} {
		if status, _, err := s.interact(body); err != nil || status != 200 {
			t.Fatalf("interaction = %d %v", status, err)
		}
	}
	// A bad signature.
	req, _ := http.NewRequest("POST", s.base+"/interactions", strings.NewReader(season2Body))
	req.Header.Set("X-Signature-Timestamp", "1")
	req.Header.Set("X-Signature-Ed25519", strings.Repeat("00", 64))
	if resp, err := http.DefaultClient.Do(req); err == nil {
		resp.Body.Close()
	}
	httpDo(t, "POST", s.admin+"/admin/reload")

	all := scrape(t, s.admin)
	checkSeries(t, all, []want{
		{"okbot_interactions_total", map[string]string{"command": "season2", "kind": "command", "outcome": "answered"}, "1"},
		{"okbot_interactions_total", map[string]string{"command": "season2", "kind": "command", "outcome": "cached"}, "1"},
		{"okbot_interactions_total", map[string]string{"command": "other", "kind": "command", "outcome": "answered"}, "1"},
		{"okbot_interactions_total", map[string]string{"command": "cast", "kind": "autocomplete", "outcome": "answered"}, "1"},
		{"okbot_interactions_total", map[string]string{"command": "season2", "kind": "button", "outcome": "answered"}, "1"},
		{"okbot_answer_seconds_count", map[string]string{"kind": "command"}, "3"},
		{"okbot_answer_seconds_bucket", map[string]string{"kind": "button", "le": "3"}, "1"},
		{"okbot_signature_rejections_total", map[string]string{"reason": "replay_window"}, "1"},
		{"okbot_reloads_total", map[string]string{"result": "nothing"}, "1"},
		{"go_goroutines", map[string]string{}, ""},
		{"process_resident_memory_bytes", map[string]string{}, ""},
	})
	noPersonalLabels(t, all, typed, "Nam Ju-ri")
}

// The metrics and readiness of `okbot run`: not ready while waiting for
// session starts, ready once the session is live; REST errors by route
// template; resumes.
func TestGatewayMetricsAndReadiness(t *testing.T) {
	fake := discordtest.New(t)
	fake.SetSessionStartLimit(1000, 0, time.Millisecond)
	adminc := make(chan string, 1)
	env := map[string]string{"DISCORD_TOKEN": fake.Token, "OKBOT_ADMIN_ADDR": "127.0.0.1:0"}
	log, exited, stop := start(t, env, deps{client: fake.Client(), tls: fake.TLSConfig(),
		adminListening: func(a net.Addr) { adminc <- "http://" + a.String() }}, "run")
	var admin string
	select {
	case admin = <-adminc:
	case <-exited:
		t.Fatalf("okbot run stopped: %v", stop())
	}

	waitLog(t, log, "session starts allowed today are used up", 1)
	if status, _ := httpDo(t, "GET", admin+"/readyz"); status != 503 {
		t.Errorf("/readyz while waiting for session starts = %d, want 503", status)
	}
	checkSeries(t, scrape(t, admin), []want{
		{"okbot_gateway_waiting_for_session_starts", map[string]string{}, "1"},
		{"okbot_gateway_session_starts_remaining", map[string]string{}, "0"},
		{"okbot_gateway_connected", map[string]string{}, "0"},
	})
	if status, _ := httpDo(t, "GET", admin+"/healthz"); status != 200 {
		t.Errorf("/healthz while waiting = %d, want 200: alive, only not ready", status)
	}

	fake.ResetSessionStarts()
	fake.WaitReady(t)
	waitReady(t, admin)
	fake.Interact(t, discordtest.Command("cast", discordtest.String("name", "Ko Mun-yeong")))
	fake.FailREST(discordtest.RouteCallback, 1, discordtest.Fault{Status: 429, RetryAfter: time.Second})
	fake.Dispatch(t, discordtest.Command("help"))
	waitLog(t, log, "could not answer interaction", 1)

	dials := fake.Dials()
	fake.DropGateway()
	fake.WaitDials(t, dials+1)
	fake.WaitResume(t)
	fake.WaitReady(t)
	waitReady(t, admin)

	all := scrape(t, admin)
	checkSeries(t, all, []want{
		{"okbot_gateway_connected", map[string]string{}, "1"},
		{"okbot_gateway_waiting_for_session_starts", map[string]string{}, "0"},
		{"okbot_gateway_identifies_total", map[string]string{}, "1"},
		{"okbot_gateway_reidentifies_total", map[string]string{}, "0"},
		{"okbot_gateway_resumes_total", map[string]string{}, "1"},
		{"okbot_gateway_fatal_closes_total", map[string]string{}, "0"},
		{"okbot_interactions_total", map[string]string{"command": "cast", "kind": "command", "outcome": "answered"}, "1"},
		{"okbot_interactions_total", map[string]string{"command": "help", "kind": "command", "outcome": "failed"}, "1"},
		{"okbot_rest_errors_total", map[string]string{"route": "/interactions/{id}/{token}/callback", "status": "429", "code": "0"}, "1"},
	})
	noPersonalLabels(t, all, "Ko Mun-yeong")
	if err := stop(); err != nil {
		t.Errorf("okbot run after cancel = %v", err)
	}
}

// waitReady asks /readyz until it answers 200: okbot hears READY in its
// own goroutine, a moment after the fake sent it.
func waitReady(t *testing.T, admin string) {
	t.Helper()
	deadline := time.Now().Add(discordtest.WaitTimeout)
	for {
		status, _ := httpDo(t, "GET", admin+"/readyz")
		if status == 200 {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("/readyz = %d, want 200 once the gateway session is live", status)
		}
	}
}

// Readiness in gateway mode follows the session: live from READY or
// RESUMED until the connection is lost, okbot waits for session starts,
// or a fatal close; a second READY is a re-identify.
func TestGatewayObserver(t *testing.T) {
	o := &gatewayObserver{Metrics: metrics.New(nil)}
	for _, step := range []struct {
		ev   discord.GatewayEvent
		live bool
	}{
		{discord.GatewayWaiting, false},
		{discord.GatewayIdentified, true},
		{discord.GatewayDisconnected, false},
		{discord.GatewayResumed, true},
		{discord.GatewayDisconnected, false},
		{discord.GatewayIdentified, true},
		{discord.GatewayFatalClose, false},
	} {
		o.Gateway(step.ev)
		if o.live.Load() != step.live {
			t.Errorf("after event %d: live %v, want %v", step.ev, o.live.Load(), step.live)
		}
	}
}
