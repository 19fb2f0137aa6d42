package commands

import (
	"fmt"
	"time"
)

// msgCooldown is the notice of a user over the per-user limit: the limit,
// then the wait.
var msgCooldown = msg{
	"Let's slow down a little: okbot answers each person's commands %[1]d times every %[2]s. Please try again in %[3]s.",
	"조금만 천천히 해 주세요. okbot은 한 사람에게 %[2]s마다 명령어 %[1]d번까지 답해요. %[3]s 뒤에 다시 해 보세요.",
}

// CooldownNotice is the ephemeral reply to a user who has used uses
// commands in the last window and may use the next one after wait.
// Adapters must not cache it: the wait changes with every second.
func CooldownNotice(locale string, uses int, window, wait time.Duration) Response {
	l := langOf(locale)
	return notice(msgCooldown.f(l, uses, spell(l, window), spell(l, wait)))
}

// spell writes d in words, rounded up to whole seconds: "30 seconds",
// "1 minute 5 seconds", "30초", "1분 5초".
func spell(l lang, d time.Duration) string {
	s := int((d + time.Second - 1) / time.Second)
	s = max(s, 1)
	m, s := s/60, s%60
	unit := func(n int, en, ko string) string {
		if l == korean {
			return fmt.Sprintf("%d%s", n, ko)
		}
		if n != 1 {
			en += "s"
		}
		return fmt.Sprintf("%d %s", n, en)
	}
	switch {
	case m == 0:
		return unit(s, "second", "초")
	case s == 0:
		return unit(m, "minute", "분")
	default:
		return unit(m, "minute", "분") + " " + unit(s, "second", "초")
	}
}
