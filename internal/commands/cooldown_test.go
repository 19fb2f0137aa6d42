package commands

import (
	"strings"
	"testing"
	"time"
)

func TestCooldownNotice(t *testing.T) {
	for _, tc := range []struct {
		locale       string
		window, wait time.Duration
		want         string
	}{
		{"en-US", 30 * time.Second, 12*time.Second + time.Millisecond, "5 times every 30 seconds. Please try again in 13 seconds."},
		{"en-GB", time.Minute, time.Millisecond, "5 times every 1 minute. Please try again in 1 second."},
		{"ko", 90 * time.Second, 61 * time.Second, "1분 30초마다 명령어 5번까지 답해요. 1분 1초 뒤에 다시 해 보세요."},
	} {
		resp := CooldownNotice(tc.locale, 5, tc.window, tc.wait)
		checkResponse(t, Request{Kind: Command, Locale: tc.locale}, resp)
		if !resp.Ephemeral || len(resp.Embeds) != 1 || !strings.Contains(resp.Embeds[0].Description, tc.want) {
			t.Errorf("CooldownNotice(%s, %v, %v) = %+v, want an ephemeral notice ending %q", tc.locale, tc.window, tc.wait, resp, tc.want)
		}
	}
}
