package metrics

import (
	"io"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/okbot/okbot/internal/discord"
)

func scrape(t *testing.T, m *Metrics) string {
	t.Helper()
	w := httptest.NewRecorder()
	m.Handler().ServeHTTP(w, httptest.NewRequest("GET", "/metrics", nil))
	b, _ := io.ReadAll(w.Result().Body)
	return string(b)
}

func TestMetrics(t *testing.T) {
	m := New([]string{"cast"})
	for _, ev := range []discord.GatewayEvent{
		discord.GatewayIdentified, discord.GatewayDisconnected, discord.GatewayResumed,
		discord.GatewayDisconnected, discord.GatewayIdentified,
	} {
		m.Gateway(ev)
	}
	m.Interaction("command", "cast", discord.OutcomeAnswered, time.Millisecond)
	m.Interaction("command", "Nam Ju-ri", discord.OutcomeAnswered, time.Millisecond)
	m.RESTError("/gateway/bot", 429, 0)
	m.Reload("failed")
	out := scrape(t, m)
	for _, want := range []string{
		"okbot_gateway_identifies_total 2\n",
		"okbot_gateway_reidentifies_total 1\n",
		"okbot_gateway_resumes_total 1\n",
		"okbot_gateway_connected 1\n",
		`okbot_interactions_total{command="cast",kind="command",outcome="answered"} 1` + "\n",
		`okbot_interactions_total{command="other",kind="command",outcome="answered"} 1` + "\n",
		`okbot_rest_errors_total{code="0",route="/gateway/bot",status="429"} 1` + "\n",
		`okbot_reloads_total{result="failed"} 1` + "\n",
		"go_goroutines ",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("scrape lacks %q", want)
		}
	}
	if strings.Contains(out, "Nam Ju-ri") {
		t.Error("a command okbot does not have became a label value")
	}
}
