package commands

import (
	"strings"
	"testing"
	"time"
)

func TestCooldownNotice(t *testing.T) {
	for _, tc := range []struct {
		locale       string
		uses         int
		window, wait time.Duration
		want         string
	}{
		{"en-US", 5, 30 * time.Second, 12*time.Second + time.Millisecond, "up to 5 commands from each person in 30 seconds. Please try again in 13 seconds."},
		{"en-GB", 5, time.Minute, time.Millisecond, "up to 5 commands from each person in 1 minute. Please try again in 1 second."},
		{"en-US", 1, time.Hour, 59 * time.Minute, "up to 1 command from each person in 1 hour. Please try again in 59 minutes."},
		{"ko", 5, 90 * time.Second, 61 * time.Second, "한 사람의 명령어에 1분 30초 동안 5번까지 답해요. 1분 1초 뒤에 다시 해 보세요."},
		{"ko", 1, time.Hour, time.Second, "한 사람의 명령어에 1시간 동안 1번까지 답해요. 1초 뒤에 다시 해 보세요."},
	} {
		resp := CooldownNotice(tc.locale, tc.uses, tc.window, tc.wait)
		checkResponse(t, Request{Kind: Command, Locale: tc.locale}, resp)
		if !resp.Ephemeral || len(resp.Embeds) != 1 || !strings.Contains(resp.Embeds[0].Description, tc.want) {
			t.Errorf("CooldownNotice(%s, %v, %v) = %+v, want an ephemeral notice ending %q", tc.locale, tc.window, tc.wait, resp, tc.want)
		}
	}
}
